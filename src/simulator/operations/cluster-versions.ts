import { versionStatus, versionSupport } from '../cluster-versions';
import { requestErrors } from '../eks-errors';
import type { OperationHandler } from '../operation-context';
import { queryList, queryString } from '../operation-context';
import { paginate } from '../pagination';
import { epochSeconds } from '../wire';

const LEGACY_STATUS: Record<string, string> = { STANDARD_SUPPORT: 'standard-support', EXTENDED_SUPPORT: 'extended-support', UNSUPPORTED: 'unsupported' };

/**
 * DescribeClusterVersions (SUPPORT-STATUS): each Kubernetes version EKS offers with its release, end-of-standard and
 * end-of-extended support dates and its status now, filtered by `clusterVersions`, `versionStatus` (or the older
 * `status`) and `defaultOnly`, in pages. Source: API Reference, DescribeClusterVersions and ClusterVersionInformation.
 */
export const describeClusterVersions: OperationHandler = (ctx) => {
  const wanted = queryList(ctx, 'clusterVersions');
  const versionStatusFilter = queryString(ctx, 'versionStatus');
  const legacyFilter = queryString(ctx, 'status');
  const defaultOnly = queryString(ctx, 'defaultOnly') === 'true';
  const newest = [...ctx.state.kubernetesVersions].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).pop();
  const infos = [...ctx.state.kubernetesVersions].reverse().flatMap((version) => {
    const support = versionSupport(ctx.state, version);
    if (!support) return [];
    const status = versionStatus(support, ctx.now);
    const info = {
      clusterVersion: version,
      clusterType: 'eks',
      defaultPlatformVersion: ctx.state.platformVersions[version] ?? 'eks.1',
      defaultVersion: version === newest,
      releaseDate: epochSeconds(support.releaseDate),
      endOfStandardSupportDate: epochSeconds(support.endOfStandardSupportDate),
      endOfExtendedSupportDate: epochSeconds(support.endOfExtendedSupportDate),
      status: LEGACY_STATUS[status],
      versionStatus: status,
      kubernetesPatchVersion: `${version}.0`,
    };
    return [info];
  }).filter((i) => (wanted === undefined || wanted.length === 0 || wanted.includes(i.clusterVersion))
    && (versionStatusFilter === undefined || i.versionStatus === versionStatusFilter)
    && (legacyFilter === undefined || i.status === legacyFilter)
    && (!defaultOnly || i.defaultVersion));
  const clusterType = queryString(ctx, 'clusterType');
  if (clusterType !== undefined && clusterType !== 'eks') throw requestErrors.badValue('clusterType', clusterType, {});
  const page = paginate(infos, queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { clusterVersions: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

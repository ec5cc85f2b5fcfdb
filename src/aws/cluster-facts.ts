import type { Cluster } from '@aws-sdk/client-eks';
import { EksApi } from './eks-api';
import { RollbackFacts, SupportFacts, VersionSupport } from './live-state';
import { isNotFound } from '../errors/run-errors';

/**
 * SUPPORT-STATUS: each version's status and support dates from DescribeClusterVersions, and the cluster's upgrade policy
 * from DescribeCluster (https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeClusterVersions.html,
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_UpgradePolicyResponse.html). A refused
 * DescribeClusterVersions (an older policy without eks:DescribeClusterVersions) leaves the versions out and says why.
 */
export async function readSupport(api: EksApi, cluster: Cluster, versions: readonly string[], now: number): Promise<SupportFacts> {
  const base = { upgradePolicy: cluster.upgradePolicy?.supportType, readAt: new Date(now).toISOString() };
  let infos;
  try {
    infos = await api.describeClusterVersions(versions);
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.$metadata?.httpStatusCode !== 403 && e.name !== 'AccessDeniedException') throw err;
    return { ...base, versions: {}, unavailable: `DescribeClusterVersions was refused (${e.name}): grant eks:DescribeClusterVersions (docs/iam.md)` };
  }
  const entries = infos.filter((i) => i.clusterVersion && versions.includes(i.clusterVersion)).map((i): [string, VersionSupport] => [i.clusterVersion!, {
    version: i.clusterVersion!,
    status: i.versionStatus,
    endOfStandardSupport: i.endOfStandardSupportDate?.toISOString(),
    endOfExtendedSupport: i.endOfExtendedSupportDate?.toISOString(),
  }]);
  return { ...base, versions: Object.fromEntries(entries) };
}

/**
 * ROLLBACK-ELIGIBLE: the cluster's last Successful control-plane version change, from its update history (ListUpdates,
 * DescribeUpdate). EKS rolls back only a cluster upgraded in place to its current version within the last 7 days (User
 * Guide, Roll back a cluster, Prerequisites); DescribeCluster says neither, the history does. EKS does not document the
 * list's order, so every update is described.
 */
export async function readRollbackFacts(api: EksApi): Promise<RollbackFacts> {
  const changes = [];
  for (const id of await api.listUpdateIds()) {
    try {
      const u = await api.describeUpdate(id);
      const to = u.params?.find((p) => p.type === 'Version')?.value;
      if (u.status === 'Successful' && (u.type === 'VersionUpdate' || u.type === 'VersionRollback') && to && u.createdAt) {
        changes.push({ type: u.type, to, at: new Date(u.createdAt).toISOString() });
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  changes.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return changes[0] ? { lastVersionChange: changes[0] } : {};
}

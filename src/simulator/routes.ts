import type { OperationHandler } from './operation-context';
import { describeAddon, describeAddonVersions, listAddons, updateAddon } from './operations/addons';
import { describeCluster, updateClusterVersion } from './operations/cluster';
import { describeClusterVersions } from './operations/cluster-versions';
import { describeInsight, listInsights } from './operations/insights';
import { describeInsightsRefresh, startInsightsRefresh } from './operations/insights-refresh';
import { listClusters } from './operations/list-clusters';
import { describeNodegroup, listNodegroups, updateNodegroupConfig, updateNodegroupVersion } from './operations/nodegroups';
import { describePodIdentityAssociation, listPodIdentityAssociations } from './operations/pod-identity';
import { cancelUpdate, describeUpdate, listUpdates } from './operations/updates';

/** Routes exactly as the SDK's operation schemas (`http` traits) define them. */
const ROUTES: [method: string, template: string, operation: string, handler: OperationHandler][] = [
  ['GET', '/clusters', 'ListClusters', listClusters],
  ['GET', '/clusters/{name}', 'DescribeCluster', describeCluster],
  ['GET', '/cluster-versions', 'DescribeClusterVersions', describeClusterVersions],
  ['POST', '/clusters/{clusterName}/insights-refresh', 'StartInsightsRefresh', startInsightsRefresh],
  ['GET', '/clusters/{clusterName}/insights-refresh', 'DescribeInsightsRefresh', describeInsightsRefresh],
  ['POST', '/clusters/{name}/updates', 'UpdateClusterVersion', updateClusterVersion],
  ['GET', '/clusters/{name}/updates', 'ListUpdates', listUpdates],
  ['GET', '/clusters/{name}/updates/{updateId}', 'DescribeUpdate', describeUpdate],
  ['POST', '/clusters/{name}/updates/{updateId}/cancel-update', 'CancelUpdate', cancelUpdate],
  ['GET', '/clusters/{clusterName}/node-groups', 'ListNodegroups', listNodegroups],
  ['GET', '/clusters/{clusterName}/node-groups/{nodegroupName}', 'DescribeNodegroup', describeNodegroup],
  ['POST', '/clusters/{clusterName}/node-groups/{nodegroupName}/update-version', 'UpdateNodegroupVersion', updateNodegroupVersion],
  ['POST', '/clusters/{clusterName}/node-groups/{nodegroupName}/update-config', 'UpdateNodegroupConfig', updateNodegroupConfig],
  ['GET', '/clusters/{clusterName}/addons', 'ListAddons', listAddons],
  ['GET', '/clusters/{clusterName}/addons/{addonName}', 'DescribeAddon', describeAddon],
  ['POST', '/clusters/{clusterName}/addons/{addonName}/update', 'UpdateAddon', updateAddon],
  ['GET', '/addons/supported-versions', 'DescribeAddonVersions', describeAddonVersions],
  ['POST', '/clusters/{clusterName}/insights', 'ListInsights', listInsights],
  ['GET', '/clusters/{clusterName}/insights/{id}', 'DescribeInsight', describeInsight],
  ['GET', '/clusters/{clusterName}/pod-identity-associations', 'ListPodIdentityAssociations', listPodIdentityAssociations],
  ['GET', '/clusters/{clusterName}/pod-identity-associations/{associationId}', 'DescribePodIdentityAssociation', describePodIdentityAssociation],
];

export interface EksRoute {
  operation: string;
  handler: OperationHandler;
  path: Record<string, string>;
}

export function matchRoute(method: string, path: string): EksRoute | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  for (const [m, template, operation, handler] of ROUTES) {
    if (m !== method.toUpperCase()) continue;
    const parts = template.split('/').filter((s) => s !== '');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = decodeURIComponent(segments[i]);
        return true;
      }
      return part === segments[i];
    });
    if (matches) return { operation, handler, path: params };
  }
  return undefined;
}

export function isMutating(operation: string): boolean {
  return operation.startsWith('Update') || operation === 'CancelUpdate';
}

import { EksError } from '../eks-errors';
import { kubeletMinor } from '../kubernetes/kubelet-version';
import type { ClusterState } from '../state';

/**
 * FARGATE-MATCH-CP: before UpdateClusterVersion, Fargate pods must run the control plane's minor. The User Guide
 * (update-cluster) asks that "the Kubernetes minor version of both the managed nodes and Fargate nodes" match the
 * control plane's before an update, and EKS refuses with "Kubelet version of Fargate pods must be updated to match
 * cluster version <v> before updating cluster version; Please recycle all offending pod replicas." (as reported in
 * public write-ups of the console's refusal). Existing Fargate pods keep their kubelet through an update
 * (FARGATE-KUBELET-PINNED), so after one step they hold the next. The error type is ours: the report shows the
 * console's text only; InvalidParameterException is what EKS uses for the node group form of this refusal.
 */
export function checkFargatePodsMatch(c: ClusterState): void {
  const behind = c.dataPlane.nodes.some((n) => n.managedBy === 'fargate' && kubeletMinor(n.kubeletVersion) !== c.version);
  if (!behind) return;
  throw new EksError('InvalidParameterException',
    `Kubelet version of Fargate pods must be updated to match cluster version ${c.version} before updating cluster version; Please recycle all offending pod replicas.`,
    { clusterName: c.name });
}

import { clusterErrors } from '../eks-errors';
import type { ClusterState } from '../state';

/**
 * MNG-MATCH-CP: every managed node group, custom-AMI ones included, runs the control plane's version before
 * UpdateClusterVersion moves it. Source: API Reference, UpdateClusterVersion ("all of your node groups'
 * Kubernetes versions must match the cluster's Kubernetes version in order to update the cluster to a new
 * Kubernetes version"); EKS answers InvalidParameterException "Nodegroups <names> must be updated to match
 * cluster version <v> before updating cluster version". EKS checks for a difference, not a lag: a node group
 * above the control plane is refused too (eksctl-io/eksctl#3727).
 */
export function checkManagedNodegroupsMatch(c: ClusterState): void {
  const differing = c.nodegroups.filter((n) => n.version !== c.version).map((n) => n.name);
  if (differing.length) throw clusterErrors.nodegroupsNotMatching(c.name, c.version, differing);
}

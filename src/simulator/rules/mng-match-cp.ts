import { clusterErrors } from '../eks-errors';
import type { ClusterState } from '../state';
import { kubeletWithinSkew } from './kubelet-skew';

/**
 * MNG-MATCH-CP: every managed node group runs the control plane's version before UpdateClusterVersion moves it.
 * Source: API Reference, UpdateClusterVersion ("all of your node groups' Kubernetes versions must match the
 * cluster's Kubernetes version in order to update the cluster to a new Kubernetes version"); EKS answers
 * InvalidParameterException "Nodegroups <names> must be updated to match cluster version <v> before updating
 * cluster version". EKS checks for a difference, not a lag: a node group above the control plane is refused too
 * (eksctl-io/eksctl#3727).
 *
 * CUSTOM-AMI-SKEW: a node group whose launch template names a custom AMI is not held to the match: EKS cannot know its
 * image's Kubernetes version and lets the control plane move ahead of it (eksctl-io/eksctl#5748, #5006). Only the
 * kubelet skew bounds it, judged here on the version EKS records for it; refused with the same message (EKS publishes
 * none of its own for this case).
 */
export function checkManagedNodegroupsMatch(c: ClusterState, target: string): void {
  const blocking = c.nodegroups.filter((n) => (n.amiType === 'CUSTOM'
    ? !kubeletWithinSkew(n.version, target)
    : n.version !== c.version)).map((n) => n.name);
  if (blocking.length) throw clusterErrors.nodegroupsNotMatching(c.name, c.version, blocking);
}

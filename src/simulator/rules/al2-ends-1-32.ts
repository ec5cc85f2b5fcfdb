import { nodegroupErrors } from '../eks-errors';
import { al2Offered, isAmazonLinux2 } from '../release-versions';
import type { ClusterState, NodegroupState } from '../state';

/**
 * AL2-ENDS-1-32: AWS publishes no EKS-optimized Amazon Linux 2 AMI for Kubernetes 1.33 and later (User Guide,
 * Amazon Linux 2 end of support; the "Amazon Linux 2 compatibility" insight), so an AL2_* node group cannot
 * be taken to 1.33+. EKS answers CreateNodegroup with InvalidParameterException "AMI Type AL2_x86_64 is only
 * supported for kubernetes versions 1.32 or earlier" (scylladb/scylla-cluster-tests#12524); the simulator
 * answers UpdateNodegroupVersion the same way.
 */
export function checkAl2Offered(c: ClusterState, n: NodegroupState, target: string): void {
  if (isAmazonLinux2(n.amiType) && !al2Offered(target)) throw nodegroupErrors.amiTypeEnded(c.name, n.name, n.amiType);
}

import { nodegroupErrors } from '../eks-errors';
import { releaseFamily } from '../release-versions';
import type { ClusterState, NodegroupState } from '../state';

const escape = (s: string) => s.replace(/\./g, '\\.');

/** The release versions an AMI family accepts for a Kubernetes version. */
function releasePattern(amiType: string, kubernetesVersion: string): RegExp | undefined {
  switch (releaseFamily(amiType)) {
    case 'amazon-linux': return new RegExp(`^${escape(kubernetesVersion)}\\.\\d+-\\d{8}$`);
    case 'windows': return new RegExp(`^${escape(kubernetesVersion)}-\\d{4}\\.\\d{2}\\.\\d{2}$`);
    // An all-digit suffix reads as an Amazon Linux build date, not a Bottlerocket commit.
    case 'bottlerocket': return /^\d+\.\d+\.\d+-(?!\d{8}$)[0-9a-f]{8}$/;
    default: return undefined;
  }
}

/**
 * RELEASE-FORMAT: a releaseVersion must be one of the node group's AMI family for the target Kubernetes
 * version — Amazon Linux `1.31.3-20241213`, Windows `1.31-2024.11.12` (User Guide, EKS-optimized Windows AMI
 * versions), Bottlerocket its OS version `1.43.0-5a2b9c1d` (which names no Kubernetes version). EKS answers
 * InvalidParameterException "Requested release version <r> is not valid for kubernetes version <v>."
 * (eksctl-io/eksctl#7976).
 */
export function checkReleaseFormat(c: ClusterState, n: NodegroupState, release: string, target: string): void {
  const pattern = releasePattern(n.amiType, target);
  if (pattern && !pattern.test(release)) throw nodegroupErrors.releaseNotForVersion(c.name, n.name, release, target);
}

import { compareMinor, isMinorVersion } from './kubernetes-minor';

/**
 * AL2-ENDS-1-32: the last Kubernetes minor with an EKS-optimized Amazon Linux 2 AMI.
 *
 * "Kubernetes version 1.32 is the last version for which Amazon EKS will release AL2 (Amazon Linux 2) AMIs."
 * — https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html; and for 1.33: "AWS is not
 * releasing an EKS-optimized Amazon Linux 2 AMI for Kubernetes 1.33."
 * — https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html
 */
export const AL2_LAST_MINOR = '1.32';

/** True for a Kubernetes minor after the last one with an Amazon Linux 2 AMI (1.33 and later). */
export function isPastAmazonLinux2(kubernetesVersion: string): boolean {
  return isMinorVersion(kubernetesVersion) && compareMinor(kubernetesVersion, AL2_LAST_MINOR) > 0;
}

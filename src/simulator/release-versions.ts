/**
 * EKS-optimized AMI release versions as SSM publishes them, and which parameter serves which amiType.
 * UpdateNodegroupVersion without a releaseVersion takes the recommended release from here, as EKS does.
 */
const AL_RELEASES: Record<string, string> = {
  '1.29': '1.29.15-20250610',
  '1.30': '1.30.11-20250610',
  '1.31': '1.31.7-20250610',
  '1.32': '1.32.3-20250610',
  '1.33': '1.33.0-20250610',
};
const BOTTLEROCKET_RELEASE = '1.40.0-1dc6f4ad';

const AL_FAMILIES: Record<string, string> = {
  AL2023_x86_64_STANDARD: 'amazon-linux-2023/x86_64/standard',
  AL2023_ARM_64_STANDARD: 'amazon-linux-2023/arm64/standard',
  AL2023_x86_64_NVIDIA: 'amazon-linux-2023/x86_64/nvidia',
  AL2_x86_64: 'amazon-linux-2',
  AL2_ARM_64: 'amazon-linux-2-arm64',
  AL2_x86_64_GPU: 'amazon-linux-2-gpu',
};
const BOTTLEROCKET_ARCH: Record<string, string> = {
  BOTTLEROCKET_x86_64: 'x86_64',
  BOTTLEROCKET_ARM_64: 'arm64',
};

/** The SSM parameter holding the recommended release for an amiType, or undefined (custom AMIs, Windows…). */
export function releaseParameter(amiType: string, kubernetesVersion: string): string | undefined {
  const al = AL_FAMILIES[amiType];
  if (al) return `/aws/service/eks/optimized-ami/${kubernetesVersion}/${al}/recommended/release_version`;
  const arch = BOTTLEROCKET_ARCH[amiType];
  if (arch) return `/aws/service/bottlerocket/aws-k8s-${kubernetesVersion}/${arch}/latest/image_version`;
  return undefined;
}

/** Amazon Linux release versions start with the Kubernetes patch version they carry; Bottlerocket's do not. */
export function releaseCarriesKubernetesVersion(amiType: string): boolean {
  return amiType in AL_FAMILIES;
}

export function defaultSsmParameters(): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k8s, release] of Object.entries(AL_RELEASES)) {
    for (const amiType of Object.keys(AL_FAMILIES)) params[releaseParameter(amiType, k8s)!] = release;
    for (const amiType of Object.keys(BOTTLEROCKET_ARCH)) params[releaseParameter(amiType, k8s)!] = BOTTLEROCKET_RELEASE;
  }
  return params;
}

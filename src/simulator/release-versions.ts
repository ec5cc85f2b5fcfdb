import { minorOf } from './minor-version';

/**
 * EKS-optimized AMI release versions as SSM publishes them, and which parameter serves which amiType.
 * UpdateNodegroupVersion without a releaseVersion takes the recommended release from here, as EKS does.
 * RELEASE-FORMAT: Amazon Linux releases read `1.31.3-20241213`, Windows `1.31-2024.11.12`, Bottlerocket its
 * OS version `1.43.0-5a2b9c1d` (User Guide: EKS-optimized AMI versions for Amazon Linux, Windows, Bottlerocket).
 */
const AL_RELEASES: Record<string, string> = {
  '1.29': '1.29.15-20250610',
  '1.30': '1.30.11-20250610',
  '1.31': '1.31.7-20250610',
  '1.32': '1.32.3-20250610',
  '1.33': '1.33.0-20250610',
};
const BOTTLEROCKET_RELEASE = '1.40.0-1dc6f4ad';
/** Windows AMIs have no release-version SSM parameter; EKS picks the latest itself when none is given. */
const WINDOWS_RELEASE_DATE = '2025.06.10';

const AL2023_FAMILIES: Record<string, string> = {
  AL2023_x86_64_STANDARD: 'amazon-linux-2023/x86_64/standard',
  AL2023_ARM_64_STANDARD: 'amazon-linux-2023/arm64/standard',
  AL2023_x86_64_NVIDIA: 'amazon-linux-2023/x86_64/nvidia',
  AL2023_x86_64_NEURON: 'amazon-linux-2023/x86_64/neuron',
};
const AL2_FAMILIES: Record<string, string> = {
  AL2_x86_64: 'amazon-linux-2',
  AL2_ARM_64: 'amazon-linux-2-arm64',
  AL2_x86_64_GPU: 'amazon-linux-2-gpu',
};
/** Bottlerocket variants: `aws-k8s-<v>`, `aws-k8s-<v>-nvidia` and `aws-k8s-<v>-fips`, per architecture. */
const BOTTLEROCKET: Record<string, { arch: string; flavour: string }> = {
  BOTTLEROCKET_x86_64: { arch: 'x86_64', flavour: '' },
  BOTTLEROCKET_ARM_64: { arch: 'arm64', flavour: '' },
  BOTTLEROCKET_x86_64_NVIDIA: { arch: 'x86_64', flavour: '-nvidia' },
  BOTTLEROCKET_ARM_64_NVIDIA: { arch: 'arm64', flavour: '-nvidia' },
  BOTTLEROCKET_x86_64_FIPS: { arch: 'x86_64', flavour: '-fips' },
  BOTTLEROCKET_ARM_64_FIPS: { arch: 'arm64', flavour: '-fips' },
};
const WINDOWS_TYPES = new Set(['WINDOWS_CORE_2019_x86_64', 'WINDOWS_FULL_2019_x86_64', 'WINDOWS_CORE_2022_x86_64', 'WINDOWS_FULL_2022_x86_64']);

type ReleaseFamily = 'amazon-linux' | 'windows' | 'bottlerocket';

export function releaseFamily(amiType: string): ReleaseFamily | undefined {
  if (amiType in AL2023_FAMILIES || amiType in AL2_FAMILIES) return 'amazon-linux';
  if (amiType in BOTTLEROCKET) return 'bottlerocket';
  if (WINDOWS_TYPES.has(amiType)) return 'windows';
  return undefined;
}

export function isAmazonLinux2(amiType: string): boolean {
  return amiType in AL2_FAMILIES;
}

/** AL2-ENDS-1-32: AWS publishes no EKS-optimized Amazon Linux 2 AMI for Kubernetes 1.33 and later. */
export function al2Offered(kubernetesVersion: string): boolean {
  return (minorOf(kubernetesVersion) ?? 0) <= 32;
}

/** The SSM parameter holding the recommended release for an amiType, or undefined (custom AMIs, Windows…). */
function releaseParameter(amiType: string, kubernetesVersion: string): string | undefined {
  const al = AL2023_FAMILIES[amiType] ?? AL2_FAMILIES[amiType];
  if (al) return `/aws/service/eks/optimized-ami/${kubernetesVersion}/${al}/recommended/release_version`;
  const br = BOTTLEROCKET[amiType];
  if (br) return `/aws/service/bottlerocket/aws-k8s-${kubernetesVersion}${br.flavour}/${br.arch}/latest/image_version`;
  return undefined;
}

/** The release EKS picks when an update names none: SSM's recommended one, or the latest Windows build. */
export function defaultRelease(amiType: string, kubernetesVersion: string, ssm: Record<string, string>): string | undefined {
  if (WINDOWS_TYPES.has(amiType)) return `${kubernetesVersion}-${WINDOWS_RELEASE_DATE}`;
  const param = releaseParameter(amiType, kubernetesVersion);
  return param ? ssm[param] : undefined;
}

export function defaultSsmParameters(): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k8s, release] of Object.entries(AL_RELEASES)) {
    for (const amiType of Object.keys(AL2023_FAMILIES)) params[releaseParameter(amiType, k8s)!] = release;
    if (al2Offered(k8s)) for (const amiType of Object.keys(AL2_FAMILIES)) params[releaseParameter(amiType, k8s)!] = release;
    for (const amiType of Object.keys(BOTTLEROCKET)) params[releaseParameter(amiType, k8s)!] = BOTTLEROCKET_RELEASE;
  }
  return params;
}

import { AL2_LAST_MINOR, isPastAmazonLinux2 } from '../upgrade-spec/amazon-linux-2';
import { isMinorVersion } from '../upgrade-spec/kubernetes-minor';
import {
  describeReleaseFormats, isReleaseOf, isReleaseVersion, RELEASE_EXAMPLES, ReleaseFamily, releaseKubernetesMinor,
} from '../upgrade-spec/release-version-format';
import { RELEASE_VERSION_LATEST } from '../upgrade-spec/upgrade-spec';


/**
 * RELEASE-FORMAT: EKS-optimized AMI release versions per AMI type, and the public SSM parameter holding the newest
 * one. AMI types are those of the API reference (Nodegroup.amiType:
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html).
 *
 * - Amazon Linux: `/aws/service/eks/optimized-ami/<k8s>/<flavour>/recommended/release_version`
 *   (https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id.html), releases like `1.31.3-20241213`.
 * - Bottlerocket: `/aws/service/bottlerocket/aws-k8s-<k8s>[-nvidia][-fips]/<arch>/latest/image_version`
 *   (https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id-bottlerocket.html: "-nvidia for GPU-enabled
 *   variants", "-fips for FIPS-enabled variants"; the NVIDIA FIPS variants are `aws-k8s-<k8s>-nvidia-fips`:
 *   https://bottlerocket.dev/en/os/1.61.x/version-information/fips-modules/), releases like `1.43.0-5a2b9c1d`.
 * - Windows: releases like `1.31-2024.11.12`
 *   (https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-versions-windows.html); the Windows SSM parameters
 *   (https://docs.aws.amazon.com/eks/latest/userguide/retrieve-windows-ami-id.html) publish image ids, no release
 *   version, so "latest" cannot be looked up for them.
 */

const AMAZON_LINUX_2: Record<string, string> = {
  AL2_x86_64: 'amazon-linux-2',
  AL2_ARM_64: 'amazon-linux-2-arm64',
  AL2_x86_64_GPU: 'amazon-linux-2-gpu',
};
const AMAZON_LINUX_2023 = /^AL2023_(x86_64|ARM_64)_(STANDARD|NVIDIA|NEURON)$/;
const BOTTLEROCKET = /^BOTTLEROCKET_(x86_64|ARM_64)(_NVIDIA)?(_FIPS)?$/;
const WINDOWS = /^WINDOWS_(CORE|FULL)_\d{4}_x86_64$/;
const CUSTOM = 'CUSTOM';

/** AL2-ENDS-1-32: true for the Amazon Linux 2 AMI types (AL2_x86_64, AL2_ARM_64, AL2_x86_64_GPU), not AL2023. */
export function isAmazonLinux2(amiType: string): boolean {
  return AMAZON_LINUX_2[amiType] !== undefined;
}

/** The release-version family of an AMI type; undefined for CUSTOM and for types this engine does not know. */
function familyOf(amiType: string): ReleaseFamily | undefined {
  if (isAmazonLinux2(amiType) || AMAZON_LINUX_2023.test(amiType)) return 'amazon-linux';
  if (BOTTLEROCKET.test(amiType)) return 'bottlerocket';
  if (WINDOWS.test(amiType)) return 'windows';
  return undefined;
}

/**
 * The public SSM parameter naming the newest recommended release for an AMI type and Kubernetes minor; undefined
 * when there is none (Windows, CUSTOM, unknown types, and Amazon Linux 2 from 1.33 on: AL2-ENDS-1-32).
 */
export function releaseVersionParameter(amiType: string, kubernetesVersion: string): string | undefined {
  const k = kubernetesVersion;
  const al2 = AMAZON_LINUX_2[amiType];
  if (al2) return isPastAmazonLinux2(k) ? undefined : `/aws/service/eks/optimized-ami/${k}/${al2}/recommended/release_version`;
  const al2023 = AMAZON_LINUX_2023.exec(amiType);
  if (al2023) {
    const arch = al2023[1] === 'x86_64' ? 'x86_64' : 'arm64';
    return `/aws/service/eks/optimized-ami/${k}/amazon-linux-2023/${arch}/${al2023[2].toLowerCase()}/recommended/release_version`;
  }
  const bottlerocket = BOTTLEROCKET.exec(amiType);
  if (bottlerocket) {
    const arch = bottlerocket[1] === 'x86_64' ? 'x86_64' : 'arm64';
    const flavour = `${bottlerocket[2] ? '-nvidia' : ''}${bottlerocket[3] ? '-fips' : ''}`;
    return `/aws/service/bottlerocket/aws-k8s-${k}${flavour}/${arch}/latest/image_version`;
  }
  return undefined;
}

/**
 * Why a release version does not fit a node group of this AMI type on this Kubernetes minor, or undefined when it
 * does. "latest" always fits (it is resolved per AMI type). Bottlerocket releases are OS versions, so only their form
 * is checked; Amazon Linux and Windows releases must also be builds of the Kubernetes minor.
 */
export function checkReleaseVersion(amiType: string, releaseVersion: string, kubernetesVersion: string): string | undefined {
  if (amiType === CUSTOM) {
    return `${releaseVersion} cannot be used: a node group with a custom AMI (amiType CUSTOM) takes no release version; roll its AMI with a launch template version instead`;
  }
  if (isAmazonLinux2(amiType) && isPastAmazonLinux2(kubernetesVersion)) {
    return `EKS publishes no Amazon Linux 2 AMI (${amiType}) for Kubernetes ${kubernetesVersion}: the last is ${AL2_LAST_MINOR}; move the node group to AL2023 or Bottlerocket`;
  }
  if (releaseVersion === RELEASE_VERSION_LATEST) return undefined;
  const family = familyOf(amiType);
  if (family === undefined) {
    return isReleaseVersion(releaseVersion) ? undefined : `${releaseVersion} is not an AMI release version: use "latest", ${describeReleaseFormats()}`;
  }
  if (!isReleaseOf(family, releaseVersion)) {
    return `${releaseVersion} is not a release of ${amiType}: ${describeFamily(family, kubernetesVersion)}`;
  }
  const minor = releaseKubernetesMinor(releaseVersion);
  if (family !== 'bottlerocket' && isMinorVersion(kubernetesVersion) && minor !== kubernetesVersion) {
    return `${releaseVersion} is a release for Kubernetes ${minor}, but the node group's version is ${kubernetesVersion}: ${describeFamily(family, kubernetesVersion)}, or use "latest"`;
  }
  return undefined;
}

function describeFamily(family: ReleaseFamily, kubernetesVersion: string): string {
  const k = isMinorVersion(kubernetesVersion) ? kubernetesVersion : '1.31';
  switch (family) {
    case 'amazon-linux':
      return `Amazon Linux releases read ${k}.<patch>-<YYYYMMDD>, e.g. ${RELEASE_EXAMPLES['amazon-linux']}`;
    case 'windows':
      return `Windows releases read ${k}-<YYYY.MM.DD>, e.g. ${RELEASE_EXAMPLES.windows}`;
    case 'bottlerocket':
      return `Bottlerocket releases are the Bottlerocket OS version and build, e.g. ${RELEASE_EXAMPLES.bottlerocket}, with no Kubernetes minor in them`;
  }
}

/**
 * Orders two releases of the same AMI family: Amazon Linux by Kubernetes patch then build date, Windows by build date,
 * Bottlerocket by OS version (its build id is a commit, not an order, and is left out).
 */
export function compareReleaseVersions(a: string, b: string): number {
  const pa = orderingParts(a);
  const pb = orderingParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function orderingParts(release: string): number[] {
  const versionPart = !isReleaseOf('amazon-linux', release) && isReleaseOf('bottlerocket', release) ? release.split('-')[0] : release;
  return (versionPart.match(/\d+/g) ?? []).map(Number);
}

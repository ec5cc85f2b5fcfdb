/**
 * EKS-optimized AMI release versions ("1.31.3-20241213") and where SSM publishes the newest one for
 * each AMI family. Node groups on other AMI types (CUSTOM, Windows) have no public parameter here.
 */
export function releaseVersionParameter(amiType: string, kubernetesVersion: string): string | undefined {
  const k = kubernetesVersion;
  const al2023 = /^AL2023_(x86_64|ARM_64)_(STANDARD|NVIDIA|NEURON)$/.exec(amiType);
  if (al2023) {
    const arch = al2023[1] === 'x86_64' ? 'x86_64' : 'arm64';
    return `/aws/service/eks/optimized-ami/${k}/amazon-linux-2023/${arch}/${al2023[2].toLowerCase()}/recommended/release_version`;
  }
  const al2: Record<string, string> = {
    AL2_x86_64: 'amazon-linux-2',
    AL2_ARM_64: 'amazon-linux-2-arm64',
    AL2_x86_64_GPU: 'amazon-linux-2-gpu',
  };
  if (al2[amiType]) return `/aws/service/eks/optimized-ami/${k}/${al2[amiType]}/recommended/release_version`;
  const bottlerocket = /^BOTTLEROCKET_(x86_64|ARM_64)(_NVIDIA)?$/.exec(amiType);
  if (bottlerocket) {
    const arch = bottlerocket[1] === 'x86_64' ? 'x86_64' : 'arm64';
    return `/aws/service/bottlerocket/aws-k8s-${k}${bottlerocket[2] ? '-nvidia' : ''}/${arch}/latest/image_version`;
  }
  return undefined;
}

/** Orders release versions by their numeric parts (Kubernetes patch, then build date). */
export function compareReleaseVersions(a: string, b: string): number {
  const pa = (a.match(/\d+/g) ?? []).map(Number);
  const pb = (b.match(/\d+/g) ?? []).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The Kubernetes minor an EKS-optimized Amazon Linux release belongs to ("1.31.3-20241213" → "1.31").
 * Bottlerocket releases ("1.43.0-5a2b9c1d") are OS versions and say nothing about Kubernetes.
 */
export function releaseMinor(releaseVersion: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.\d+-\d{8}$/.exec(releaseVersion);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

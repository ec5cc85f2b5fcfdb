/**
 * RELEASE-FORMAT: the forms an EKS-optimized AMI release version takes, per AMI family. Shared by the spec parser,
 * the constructs and the engine, so synth and apply accept exactly the same values.
 *
 * Sources:
 * - Amazon Linux (AL2, AL2023): `k8s_major_version.k8s_minor_version.k8s_patch_version-release_date`, e.g.
 *   `1.31.3-20241213` — https://docs.aws.amazon.com/eks/latest/userguide/eks-linux-ami-versions.html
 * - Windows: `k8s_major_version.k8s_minor_version-release_date`, the date written YYYY.MM.DD, e.g. `1.31-2024.11.12`
 *   — https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-versions-windows.html (a few rows of that page's
 *   tables mix in hyphens, e.g. `1.28-2023-09.27`; the stated format and every other row use dots, so only dots pass)
 * - Bottlerocket: the Bottlerocket OS version and build, e.g. `1.43.0-5a2b9c1d`, as published in the SSM parameter
 *   `/aws/service/bottlerocket/aws-k8s-<k8s>[-flavor]/<arch>/latest/image_version`
 *   (https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id-bottlerocket.html); it names no Kubernetes minor.
 */

const DATE_YYYYMMDD = '20\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const DATE_DOTTED = '20\\d{2}\\.(?:0[1-9]|1[0-2])\\.(?:0[1-9]|[12]\\d|3[01])';

const AMAZON_LINUX = new RegExp(`^(1)\\.(0|[1-9]\\d*)\\.\\d+-${DATE_YYYYMMDD}$`);
const WINDOWS = new RegExp(`^(1)\\.(0|[1-9]\\d*)-${DATE_DOTTED}$`);
const BOTTLEROCKET = /^\d+\.\d+\.\d+-[0-9a-f]{8}$/;

/** The AMI families whose release versions have a form of their own. */
export type ReleaseFamily = 'amazon-linux' | 'windows' | 'bottlerocket';

export const RELEASE_EXAMPLES: Record<ReleaseFamily, string> = {
  'amazon-linux': '1.31.3-20241213',
  'windows': '1.31-2024.11.12',
  'bottlerocket': '1.43.0-5a2b9c1d',
};

/** True when the value has the form of a release of this family. */
export function isReleaseOf(family: ReleaseFamily, releaseVersion: string): boolean {
  switch (family) {
    case 'amazon-linux': return AMAZON_LINUX.test(releaseVersion);
    case 'windows': return WINDOWS.test(releaseVersion);
    case 'bottlerocket': return BOTTLEROCKET.test(releaseVersion);
  }
}

/** True when the value has the form of a release of any AMI family (not "latest"). */
export function isReleaseVersion(releaseVersion: string): boolean {
  return (Object.keys(RELEASE_EXAMPLES) as ReleaseFamily[]).some((f) => isReleaseOf(f, releaseVersion));
}

/**
 * The Kubernetes minor a release is built for: "1.31.3-20241213" and "1.31-2024.11.12" → "1.31". Undefined for a
 * Bottlerocket release, whose leading numbers are the OS version, not Kubernetes.
 *
 * An Amazon Linux release also has the Bottlerocket form when its date happens to read as a build id; the date wins,
 * because a Bottlerocket build id made of digits only that also reads as a date is vanishingly rare.
 */
export function releaseKubernetesMinor(releaseVersion: string): string | undefined {
  const m = AMAZON_LINUX.exec(releaseVersion) ?? WINDOWS.exec(releaseVersion);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** The accepted forms, for error messages. */
export function describeReleaseFormats(): string {
  return `an Amazon Linux release such as ${RELEASE_EXAMPLES['amazon-linux']} (<Kubernetes version>-<YYYYMMDD>), `
    + `a Windows release such as ${RELEASE_EXAMPLES.windows} (<Kubernetes minor>-<YYYY.MM.DD>) `
    + `or a Bottlerocket release such as ${RELEASE_EXAMPLES.bottlerocket} (the Bottlerocket OS version and build)`;
}

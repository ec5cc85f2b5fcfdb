import { createHash } from 'node:crypto';

/**
 * Kubelet versions as EKS nodes report them in `status.nodeInfo.kubeletVersion`: `v<major>.<minor>.<patch>-eks-<7 hex>`
 * (e.g. `v1.29.15-eks-473151a`). The hex is a build id; the simulator derives it from the version so it is stable.
 */
const FULL = /^v?(\d+)\.(\d+)\.(\d+)(-eks-[0-9a-f]{7})?$/;
const MINOR = /^v?(\d+)\.(\d+)$/;

/** The patch a node gets when nothing names one (a release version does): recent EKS patches of each minor. */
const DEFAULT_PATCH: Record<number, number> = { 25: 16, 26: 15, 27: 16, 28: 15, 29: 15, 30: 11, 31: 7, 32: 3, 33: 1 };

/** A release version (`1.29.10-20241213`), a full kubelet version or a minor (`1.29`) → the full kubelet version. */
export function kubeletVersion(version: string, releaseVersion?: string): string {
  const release = /^(\d+)\.(\d+)\.(\d+)-/.exec(releaseVersion ?? '');
  const minor = MINOR.exec(version);
  if (release && minor && release[1] === minor[1] && release[2] === minor[2]) return build(`${release[1]}.${release[2]}.${release[3]}`);
  const full = FULL.exec(version);
  if (full) return full[4] ? `v${full[1]}.${full[2]}.${full[3]}${full[4]}` : build(`${full[1]}.${full[2]}.${full[3]}`);
  if (minor) return build(`${minor[1]}.${minor[2]}.${DEFAULT_PATCH[Number(minor[2])] ?? 0}`);
  throw new Error(`'${version}' is not a Kubernetes version (expected 1.29 or v1.29.15-eks-…)`);
}

/** `v1.29.15-eks-473151a` → `1.29`; undefined for anything else. */
export function kubeletMinor(full: string): string | undefined {
  const m = FULL.exec(full) ?? MINOR.exec(full);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

function build(semver: string): string {
  return `v${semver}-eks-${createHash('sha256').update(semver).digest('hex').slice(0, 7)}`;
}

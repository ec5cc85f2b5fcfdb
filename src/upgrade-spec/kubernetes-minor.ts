/** Kubernetes minor versions as EKS names them ("1.31"): parsing, ordering, stepping. */

const MINOR_PATTERN = /^(\d+)\.(\d+)$/;

export interface Minor {
  readonly major: number;
  readonly minor: number;
}

export function isMinorVersion(value: string): boolean {
  const m = MINOR_PATTERN.exec(value);
  // EKS has only ever offered 1.x; "2.0" is a typo, not a future.
  return m !== null && m[1] === '1' && String(Number(m[2])) === m[2];
}

export function parseMinor(value: string): Minor {
  if (!isMinorVersion(value)) {
    throw new Error(`'${value}' is not a Kubernetes minor version: use the form 1.31 (no patch, no leading v)`);
  }
  const [major, minor] = value.split('.').map(Number);
  return { major, minor };
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareMinor(a: string, b: string): number {
  const x = parseMinor(a);
  const y = parseMinor(b);
  return x.major !== y.major ? x.major - y.major : x.minor - y.minor;
}

/** How many minors b is ahead of a (negative when behind). Same major assumed, as for all of EKS. */
export function minorDistance(a: string, b: string): number {
  return parseMinor(b).minor - parseMinor(a).minor;
}

export function nextMinor(value: string): string {
  const m = parseMinor(value);
  return `${m.major}.${m.minor + 1}`;
}

export function previousMinor(value: string): string {
  const m = parseMinor(value);
  return `${m.major}.${m.minor - 1}`;
}

/** Every minor after `from` up to and including `to`: the control-plane steps of an upgrade. */
export function minorsBetween(from: string, to: string): string[] {
  const steps: string[] = [];
  for (let v = from; compareMinor(v, to) < 0; v = nextMinor(v)) {
    steps.push(nextMinor(v));
  }
  return steps;
}

/**
 * The kubelet skew EKS allows between a node group and the control plane: 3 minors for node groups
 * on 1.25 or later, 2 for older ones (Kubernetes version skew policy).
 */
export function allowedKubeletSkew(nodegroupVersion: string, maxSkewModern = 3): number {
  return compareMinor(nodegroupVersion, '1.25') >= 0 ? maxSkewModern : Math.min(2, maxSkewModern);
}

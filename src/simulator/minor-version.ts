/** Kubernetes minor versions ("1.31") as EKS accepts them; anything else is not a version to the simulator. */
const MINOR = /^1\.(\d{1,3})$/;

export function minorOf(version: string): number | undefined {
  const m = MINOR.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** How many minors `to` is ahead of `from` (negative when behind); undefined when either is malformed. */
export function minorDistance(from: string, to: string): number | undefined {
  const a = minorOf(from);
  const b = minorOf(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

export function nextMinor(version: string): string | undefined {
  const m = minorOf(version);
  return m === undefined ? undefined : `1.${m + 1}`;
}

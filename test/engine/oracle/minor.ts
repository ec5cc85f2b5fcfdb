/** Kubernetes minors as plain numbers inside the oracle ("1.29" ⇄ 29), so no engine helper is involved. */
export type Minor = number;

export function minorOf(version: string): Minor {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) throw new Error(`oracle: '${version}' is not a Kubernetes minor such as 1.31`);
  return Number(m[1]);
}

export function k8s(minor: Minor): string {
  return `1.${minor}`;
}

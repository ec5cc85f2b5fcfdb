import { AddonVersionInfo } from '../aws/live-state';

/**
 * Orders EKS add-on versions such as "v1.19.0-eksbuild.1": numeric release parts first, then the
 * eksbuild number. Unparseable parts compare as text so the order is still total.
 */
export function compareAddonVersions(a: string, b: string): number {
  const pa = addonVersionParts(a);
  const pb = addonVersionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return a.localeCompare(b);
}

function addonVersionParts(v: string): number[] {
  return (v.match(/\d+/g) ?? []).map(Number);
}

export function offersVersion(catalog: readonly AddonVersionInfo[], version: string, clusterVersion: string): boolean {
  return catalog.some((v) => v.version === version && v.clusterVersions.includes(clusterVersion));
}

/** The newest version that runs on every one of the given Kubernetes minors. */
export function newestCompatible(catalog: readonly AddonVersionInfo[], clusterVersions: readonly string[]): string | undefined {
  return [...catalog]
    .filter((v) => clusterVersions.every((k) => v.clusterVersions.includes(k)))
    .sort((x, y) => compareAddonVersions(y.version, x.version))[0]?.version;
}

export function defaultVersionFor(catalog: readonly AddonVersionInfo[], clusterVersion: string): string | undefined {
  return catalog.find((v) => v.defaultFor.includes(clusterVersion))?.version;
}

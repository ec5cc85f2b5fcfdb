import type { ClusterVersionSeed } from './seed';
import type { SimState } from './state';

/**
 * SUPPORT-STATUS: when EKS released each default Kubernetes version (the User Guide's release calendar,
 * kubernetes-versions.html). Standard support lasts 14 months from release, extended support 12 more (same page).
 */
const RELEASED: Record<string, string> = {
  '1.29': '2024-01-23', '1.30': '2024-05-23', '1.31': '2024-09-26', '1.32': '2025-01-23', '1.33': '2025-05-29',
};

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
}

/** The support dates of a version: the seed's `clusterVersions` entry, else the calendar's, else none. */
export function versionSupport(state: SimState, version: string): ClusterVersionSeed | undefined {
  const seeded = state.clusterVersions?.find((v) => v.clusterVersion === version);
  if (seeded) return seeded;
  const released = RELEASED[version];
  if (!released) return undefined;
  return {
    clusterVersion: version,
    releaseDate: `${released}T00:00:00.000Z`,
    endOfStandardSupportDate: addMonths(released, 14),
    endOfExtendedSupportDate: addMonths(released, 26),
  };
}

export type VersionStatus = 'STANDARD_SUPPORT' | 'EXTENDED_SUPPORT' | 'UNSUPPORTED';

export function versionStatus(v: ClusterVersionSeed, now: number): VersionStatus {
  if (now < Date.parse(v.endOfStandardSupportDate)) return 'STANDARD_SUPPORT';
  return now < Date.parse(v.endOfExtendedSupportDate) ? 'EXTENDED_SUPPORT' : 'UNSUPPORTED';
}

import { AddonVersionInfo } from '../../aws/live-state';
import { compareAddonVersions, offersVersion } from '../addon-versions';

/** The add-on that EKS moves one minor at a time. */
export const VPC_CNI = 'vpc-cni';

/** "v1.19.2-eksbuild.1" → 19 (every EKS add-on is on major 1 or uses the minor the same way). */
function addonMinor(version: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)\./.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/**
 * The UpdateAddon calls that take an add-on from `from` to `to` while the cluster runs `clusterVersion`, or undefined
 * when there is no such sequence. Every version must be offered for that cluster version (ADDON-VERSION-OFFERED).
 * VPCCNI-ONE-MINOR — user guide, Amazon VPC CNI add-on update: "You can only update one minor version at a time";
 * EKS answers otherwise "Updating VPC-CNI can only go up or down 1 minor version at a time". So vpc-cni passes
 * through the newest offered build of every minor in between.
 */
export function addonPath(name: string, catalog: readonly AddonVersionInfo[], from: string, to: string, clusterVersion: string): string[] | undefined {
  if (from === to) return [];
  if (!offersVersion(catalog, to, clusterVersion)) return undefined;
  const a = addonMinor(from);
  const b = addonMinor(to);
  if (name !== VPC_CNI || a === undefined || b === undefined || Math.abs(b - a) <= 1) return [to];
  const path: string[] = [];
  for (let m = a + 1; m < b; m++) {
    const hop = catalog
      .filter((v) => addonMinor(v.version) === m && v.clusterVersions.includes(clusterVersion) && compareAddonVersions(v.version, to) <= 0)
      .map((v) => v.version)
      .sort(compareAddonVersions)
      .pop();
    if (hop === undefined) return undefined;
    path.push(hop);
  }
  return [...path, to];
}

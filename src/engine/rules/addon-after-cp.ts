import { AddonVersionInfo } from '../../aws/live-state';
import { compareAddonVersions, offersVersion } from '../addon-versions';
import { addonPath } from './vpccni-one-minor';

export type StepMoves =
  | { readonly kind: 'none' }
  /**
   * UpdateAddon calls before the control-plane step (each offered on the current version) and right after it (each
   * offered on the new one). Either list may be empty, not both.
   */
  | { readonly kind: 'moves'; readonly before: string[]; readonly after: string[] }
  | { readonly kind: 'none-works' };

/**
 * What an add-on needs around the control-plane step `from` → `next`. Where some version runs on both sides (and is
 * reachable now), it moves there first. Otherwise ADDON-AFTER-CP — the EKS user guide's update order: update the
 * control plane, then the add-on (kube-proxy may lag the API server by up to three minors, KUBE-PROXY-SKEW) — it moves
 * right after the step, from the newest version it could reach before it (vpc-cni's one-minor hops may straddle the
 * step). Versions never pass the add-on's target, so reaching the target is never a downgrade.
 */
export function movesAroundStep(
  name: string, catalog: readonly AddonVersionInfo[], current: string, target: string, from: string, next: string,
): StepMoves {
  if (offersVersion(catalog, current, next)) return { kind: 'none' };
  const upTo = (v: AddonVersionInfo) => compareAddonVersions(v.version, current) > 0 && compareAddonVersions(v.version, target) <= 0;
  const newestFirst = (vs: AddonVersionInfo[]) => vs.map((v) => v.version).sort((x, y) => compareAddonVersions(y, x));

  // Where the add-on can stand when the control plane moves: where it is, or any version reachable on `from`.
  const stands: Array<{ version: string; path: string[] }> = [{ version: current, path: [] }];
  for (const v of newestFirst(catalog.filter((c) => upTo(c) && c.clusterVersions.includes(from)))) {
    const path = addonPath(name, catalog, current, v, from);
    if (path) stands.push({ version: v, path });
  }
  stands.sort((x, y) => compareAddonVersions(y.version, x.version));

  const bridge = stands.find((s) => offersVersion(catalog, s.version, next));
  if (bridge) return { kind: 'moves', before: bridge.path, after: [] };
  for (const stand of stands) {
    const beyond = (c: AddonVersionInfo) => compareAddonVersions(c.version, stand.version) > 0 && compareAddonVersions(c.version, target) <= 0;
    const landings = newestFirst(catalog.filter((c) => beyond(c) && c.clusterVersions.includes(next)));
    for (const landing of landings) {
      const after = addonPath(name, catalog, stand.version, landing, next);
      if (after) return { kind: 'moves', before: stand.path, after };
    }
  }
  return { kind: 'none-works' };
}

import { compareAddonVersions, offersVersion } from '../addon-versions';
import { AddonVersionInfo } from '../live-state';
import { addonPath } from './vpccni-one-minor';

export type StepMoves =
  | { readonly kind: 'none' }
  /** UpdateAddon calls before the control-plane step, each offered on the current version and the last on both. */
  | { readonly kind: 'before'; readonly path: string[] }
  /** UpdateAddon calls right after the control-plane step, offered on the new version. */
  | { readonly kind: 'after'; readonly path: string[] }
  | { readonly kind: 'none-works' };

/**
 * What an add-on needs around the control-plane step `from` → `next`. Where some version runs on both sides
 * (and is reachable now), it moves first. Otherwise ADDON-AFTER-CP — the EKS user guide's update order: update the
 * control plane, then the add-on (kube-proxy may lag the API server by up to three minors, KUBE-PROXY-SKEW) — it moves
 * right after the step. Versions never pass the add-on's target, so reaching the target is never a downgrade.
 */
export function movesAroundStep(
  name: string, catalog: readonly AddonVersionInfo[], current: string, target: string, from: string, next: string,
): StepMoves {
  if (offersVersion(catalog, current, next)) return { kind: 'none' };
  const within = (v: AddonVersionInfo) => compareAddonVersions(v.version, current) > 0 && compareAddonVersions(v.version, target) <= 0;
  const newestFirst = (vs: AddonVersionInfo[]) => vs.map((v) => v.version).sort((x, y) => compareAddonVersions(y, x));

  for (const bridge of newestFirst(catalog.filter((v) => within(v) && v.clusterVersions.includes(from) && v.clusterVersions.includes(next)))) {
    const path = addonPath(name, catalog, current, bridge, from);
    if (path) return { kind: 'before', path };
  }
  for (const landing of newestFirst(catalog.filter((v) => within(v) && v.clusterVersions.includes(next)))) {
    const path = addonPath(name, catalog, current, landing, next);
    if (path) return { kind: 'after', path };
  }
  return { kind: 'none-works' };
}

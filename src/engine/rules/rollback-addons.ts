import { AddonVersionInfo, LiveAddon } from '../../aws/live-state';
import { compareAddonVersions, defaultVersionFor, offersVersion } from '../addon-versions';
import { Finding } from '../plan-types';
import { refuse } from './finding';
import { jsonSnippet } from '../../upgrade-spec/fix-snippet';

/**
 * ROLLBACK-ELIGIBLE, add-ons — User Guide, Roll back a cluster ("Rollback and add-ons"): EKS does not roll add-on
 * versions back with the control plane; an add-on whose version is incompatible with the previous Kubernetes version
 * must be downgraded to a compatible one first. An installed add-on the spec does not name is refused with the one fix
 * that works: name it with a version for the rollback target, and the plan downgrades it (never the upgrade advice,
 * which on a rollback would lead back here).
 */
export function rollbackAddonRefusal(a: LiveAddon, catalog: readonly AddonVersionInfo[], target: string): Finding {
  const version = defaultVersionFor(catalog, target) ?? catalog.find((v) => v.clusterVersions.includes(target))?.version;
  const fix = version
    ? `add it to addons with a version for ${target}, e.g. ${jsonSnippet({ name: a.name, version: 'clusterDefault' })} (${version}), and the plan moves it there before or right after the control plane rolls back`
    : `EKS offers no ${a.name} version for ${target}: remove the add-on or keep the current version as the target`;
  return refuse('UNTARGETED-COMPATIBLE', `addon/${a.name}`, `add-on '${a.name}' is installed but not in the spec, and its ${a.version} does not run on Kubernetes ${target}; EKS does not roll add-ons back with the control plane (the rollback guide says to downgrade them to a compatible version); ${fix}`);
}

/**
 * Where a rollback moves an add-on: before the control plane rolls back when the version runs on both sides (the
 * guide's order: add-ons first), else right after it (a version offered only for the old minor cannot be installed
 * before the control plane is there).
 */
export function rollbackAddonMoment(catalog: readonly AddonVersionInfo[], version: string, live: string): 'before' | 'after' {
  return offersVersion(catalog, version, live) ? 'before' : 'after';
}

/** Whether the add-on's target is a downgrade. */
export function isDowngrade(from: string, to: string): boolean {
  return compareAddonVersions(to, from) < 0;
}

/**
 * An add-on EKS can move to a version for the rollback target only once the control plane is there: until then EKS's
 * rollback-readiness checks (add-on compatibility, kube-proxy skew) read ERROR and refuse the rollback unless forced.
 * The fix says so, rather than advice that leads back to this refusal.
 */
export function afterRollbackText(name: string, from: string, to: string, live: string, target: string): string {
  return `${name} ${from} does not run on Kubernetes ${target}, and EKS offers no ${name} version for both ${live} and ${target}: `
    + `EKS does not roll add-ons back, so the plan can move it to ${to} only right after the control plane rolls back, and until then EKS's `
    + 'rollback-readiness insights read ERROR for it and EKS refuses the rollback; set controlPlane.force: true to roll back anyway '
    + `(force bypasses every rollback-readiness check: review them first), or keep ${live} as the target`;
}

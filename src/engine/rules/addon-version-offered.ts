import { refuse } from './finding';
import { AddonVersionInfo, LiveAddon } from '../../aws/live-state';
import { compareMinor } from '../../upgrade-spec/kubernetes-minor';
import { ADDON_VERSION_CLUSTER_DEFAULT, ADDON_VERSION_LATEST, AddonSpec } from '../../upgrade-spec/upgrade-spec';
import { compareAddonVersions, defaultVersionFor, newestCompatible, offersVersion } from '../addon-versions';
import { Finding } from '../plan-types';

/**
 * ADDON-VERSION-OFFERED — UpdateAddon reference and EKS's "Addon version specified is not supported": an add-on
 * version must be one DescribeAddonVersions lists for the cluster's Kubernetes version at the time of the call.
 * Resolves the spec's version (latest, clusterDefault or exact) against the control-plane target.
 */
export function resolveAddonTarget(
  a: AddonSpec, live: LiveAddon, catalog: readonly AddonVersionInfo[], cpLive: string, cpTarget: string, field: string,
): { version: string } | { finding: Finding } {
  let version: string | undefined;
  if (a.version === ADDON_VERSION_LATEST) {
    version = newestCompatible(catalog, [cpTarget]);
  } else if (a.version === ADDON_VERSION_CLUSTER_DEFAULT) {
    version = defaultVersionFor(catalog, cpTarget);
  } else if (offersVersion(catalog, a.version, cpTarget) || (a.version === live.version && cpTarget === cpLive)) {
    // An installed version EKS no longer lists is still a met target while the control plane stays put.
    version = a.version;
  } else {
    const offered = catalog.filter((v) => v.clusterVersions.includes(cpTarget)).map((v) => v.version).slice(0, 5);
    return { finding: refuse('ADDON-VERSION-OFFERED', `${field}.version`, `EKS does not offer ${a.name} ${a.version} for Kubernetes ${cpTarget} ("Addon version specified is not supported"); offered: ${offered.join(', ') || 'none'}`) };
  }
  if (version === undefined) {
    return { finding: refuse('ADDON-VERSION-OFFERED', `${field}.version`, `EKS offers no ${a.name} version for Kubernetes ${cpTarget}`) };
  }
  // Product policy, not an EKS rule: a declared target never moves an add-on backwards — except on a rollback, for an
  // add-on whose version does not run on the version rolled back to: EKS rolls no add-on back, and the rollback guide
  // says to downgrade such an add-on to a compatible version first (ROLLBACK-ELIGIBLE, rollback-addons.ts).
  const rollback = compareMinor(cpTarget, cpLive) < 0;
  if (compareAddonVersions(version, live.version) < 0 && rollback && !offersVersion(catalog, live.version, cpTarget)) return { version };
  if (compareAddonVersions(version, live.version) < 0) {
    return { finding: refuse('ADDON-VERSION-OFFERED', `${field}.version`, `${version} is older than the installed ${a.name} ${live.version}: this engine does not downgrade add-ons; target ${live.version} or later`) };
  }
  return { version };
}

import { AddonVersionInfo, LiveAddon } from '../../aws/live-state';
import { offersVersion } from '../addon-versions';
import { Finding } from '../plan-types';
import { refuse, warn } from './finding';
import { rollbackAddonRefusal } from './rollback-addons';
import { jsonSnippet } from '../../upgrade-spec/fix-snippet';
import { compareMinor } from '../../upgrade-spec/kubernetes-minor';

/**
 * UNTARGETED-COMPATIBLE — an upgrade is not done while an installed add-on the spec does not name is left on a
 * version EKS does not offer for the new Kubernetes version (the add-on version compatibility insight would flag
 * it, and nothing here would move it). Refused at plan, naming the add-on and the fix.
 */
export function checkUntargetedAddons(
  addons: Record<string, LiveAddon>, catalogs: Record<string, readonly AddonVersionInfo[]>, cpLive: string, cpTarget: string,
): Finding[] {
  if (cpTarget === cpLive) return [];
  return Object.values(addons).flatMap((a): Finding[] => {
    const catalog = catalogs[a.name] ?? [];
    if (catalog.length === 0) {
      return [warn('UNTARGETED-COMPATIBLE', `addon/${a.name}`, `add-on '${a.name}' is installed but not in the spec, and EKS lists no versions for it, so its ${a.version} is not checked against Kubernetes ${cpTarget}`)];
    }
    if (offersVersion(catalog, a.version, cpTarget)) return [];
    if (compareMinor(cpTarget, cpLive) < 0) return [rollbackAddonRefusal(a, catalog, cpTarget)];
    return [refuse('UNTARGETED-COMPATIBLE', `addon/${a.name}`, `add-on '${a.name}' is installed but not in the spec, and its ${a.version} does not run on Kubernetes ${cpTarget} (EKS does not list it for ${cpTarget}); add it to addons, e.g. ${jsonSnippet({ name: a.name, version: 'clusterDefault' })}, so it moves with the control plane`)];
  });
}

import type { AddonInfo } from '@aws-sdk/client-eks';
import { compareMinor, isMinorVersion } from '../upgrade-spec/kubernetes-minor';

/**
 * The Kubernetes minors EKS offers from `clusterVersion` up, as far as the read-only calls tell: every minor an
 * add-on version lists as compatible (DescribeAddonVersions' `compatibilities`, which cover each version EKS
 * supports) and every minor an insight is about, from the cluster's own on, ascending.
 */
export function offeredMinors(clusterVersion: string, catalogs: readonly (readonly AddonInfo[] | undefined)[], insightVersions: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>([clusterVersion]);
  for (const infos of catalogs) {
    for (const info of infos ?? []) {
      for (const v of info.addonVersions ?? []) {
        for (const c of v.compatibilities ?? []) if (c.clusterVersion) seen.add(c.clusterVersion);
      }
    }
  }
  for (const v of insightVersions) if (v) seen.add(v);
  return [...seen].filter((v) => isMinorVersion(v) && compareMinor(v, clusterVersion) >= 0).sort(compareMinor);
}

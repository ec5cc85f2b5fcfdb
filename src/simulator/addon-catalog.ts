import type { AddonCatalogEntry, AddonCatalogVersion } from './seed';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `1.${from + i}`);

/**
 * The default DescribeAddonVersions data, shaped after real `aws eks describe-addon-versions` output and so
 * that upgrading the default `demo` cluster from 1.29 to 1.33 meets every add-on rule:
 *
 * - vpc-cni (VPCCNI-ONE-MINOR): the installed v1.16.0 stops at 1.29 and each later minor runs on a window of
 *   versions, so vpc-cni climbs v1.16 → v1.17 → v1.18 → v1.19, one minor per UpdateAddon, between the steps.
 * - kube-proxy (KUBE-PROXY-SKEW, ADDON-AFTER-CP): as in a real 1.29 listing (v1.29.x builds plus the later
 *   builds v1.28.6-eksbuild.2 and v1.27.10-eksbuild.2, not the early v1.28.1/v1.27.6 builds), each cluster
 *   version lists its own minor and later builds of older minors. The installed early build v1.29.0-eksbuild.1
 *   is listed for 1.29 only and no kube-proxy version is listed for both 1.29 and 1.30, so the control plane
 *   moves first and kube-proxy right after (kube-proxy may lag the API server by three minors meanwhile).
 * - coredns: the installed v1.11.1 stops at 1.31, so it must move before 1.31 → 1.32.
 *
 * One order of EKS calls that takes `demo` from 1.29 to 1.33 (each accepted by the simulator's rules):
 *  1. UpdateAddon vpc-cni v1.17.1-eksbuild.1;
 *  2. UpdateClusterVersion 1.30; UpdateAddon kube-proxy v1.30.9-eksbuild.3;
 *     UpdateNodegroupVersion general and batch (1.30);
 *  3. UpdateAddon vpc-cni v1.18.3-eksbuild.2; UpdateClusterVersion 1.31; both node groups to 1.31;
 *  4. UpdateAddon coredns v1.11.4-eksbuild.2 and vpc-cni v1.19.2-eksbuild.1; UpdateClusterVersion 1.32;
 *     both node groups to 1.32;
 *  5. UpdateClusterVersion 1.33; both node groups to 1.33 (kube-proxy v1.30.9 is three minors behind: allowed).
 */
export const DEFAULT_ADDON_CATALOG: AddonCatalogEntry[] = [
  {
    addonName: 'vpc-cni',
    type: 'networking',
    publisher: 'eks',
    owner: 'aws',
    versions: [
      { addonVersion: 'v1.19.2-eksbuild.1', clusterVersions: range(28, 33), defaultFor: ['1.32', '1.33'] },
      { addonVersion: 'v1.19.0-eksbuild.1', clusterVersions: range(27, 32), defaultFor: ['1.31'] },
      { addonVersion: 'v1.18.3-eksbuild.2', clusterVersions: range(26, 31), defaultFor: ['1.30'] },
      { addonVersion: 'v1.17.1-eksbuild.1', clusterVersions: range(25, 30) },
      { addonVersion: 'v1.16.0-eksbuild.1', clusterVersions: range(25, 29), defaultFor: ['1.29'] },
    ],
  },
  {
    addonName: 'coredns',
    type: 'networking',
    publisher: 'eks',
    owner: 'aws',
    versions: [
      { addonVersion: 'v1.12.1-eksbuild.2', clusterVersions: range(30, 33), defaultFor: ['1.33'] },
      { addonVersion: 'v1.11.4-eksbuild.2', clusterVersions: range(28, 33), defaultFor: ['1.32'] },
      { addonVersion: 'v1.11.3-eksbuild.1', clusterVersions: range(27, 32), defaultFor: ['1.30', '1.31'] },
      { addonVersion: 'v1.11.1-eksbuild.4', clusterVersions: range(26, 31), defaultFor: ['1.29'] },
      { addonVersion: 'v1.10.1-eksbuild.7', clusterVersions: range(25, 29) },
    ],
  },
  {
    addonName: 'kube-proxy',
    type: 'networking',
    publisher: 'eks',
    owner: 'aws',
    versions: [
      { addonVersion: 'v1.33.0-eksbuild.2', clusterVersions: ['1.33'], defaultFor: ['1.33'] },
      { addonVersion: 'v1.32.3-eksbuild.7', clusterVersions: ['1.32', '1.33'], defaultFor: ['1.32'] },
      { addonVersion: 'v1.32.0-eksbuild.2', clusterVersions: ['1.32'] },
      { addonVersion: 'v1.31.7-eksbuild.2', clusterVersions: ['1.31', '1.32', '1.33'], defaultFor: ['1.31'] },
      { addonVersion: 'v1.31.2-eksbuild.3', clusterVersions: ['1.31'] },
      { addonVersion: 'v1.30.9-eksbuild.3', clusterVersions: range(30, 33), defaultFor: ['1.30'] },
      { addonVersion: 'v1.30.0-eksbuild.3', clusterVersions: ['1.30'] },
      { addonVersion: 'v1.29.0-eksbuild.1', clusterVersions: ['1.29'], defaultFor: ['1.29'] },
      { addonVersion: 'v1.28.6-eksbuild.2', clusterVersions: ['1.28', '1.29'] },
      { addonVersion: 'v1.27.10-eksbuild.2', clusterVersions: range(27, 29) },
    ],
  },
  {
    addonName: 'aws-ebs-csi-driver',
    type: 'storage',
    publisher: 'eks',
    owner: 'aws',
    versions: [
      { addonVersion: 'v1.44.0-eksbuild.1', clusterVersions: range(27, 33), defaultFor: range(29, 33) },
      { addonVersion: 'v1.38.1-eksbuild.2', clusterVersions: range(25, 31) },
    ],
  },
  {
    addonName: 'kubecost_kubecost',
    type: 'cost-management',
    publisher: 'kubecost',
    owner: 'aws-marketplace',
    versions: [
      { addonVersion: 'v2.7.2-eksbuild.1', clusterVersions: range(28, 33), defaultFor: range(29, 33) },
    ],
  },
];

export function catalogEntry(catalog: AddonCatalogEntry[], addonName: string): AddonCatalogEntry | undefined {
  return catalog.find((e) => e.addonName === addonName);
}

/** Versions of an add-on that run on `kubernetesVersion`, in catalog order (newest first). */
export function versionsFor(entry: AddonCatalogEntry, kubernetesVersion: string): AddonCatalogVersion[] {
  return entry.versions.filter((v) => v.clusterVersions.includes(kubernetesVersion));
}

export function isCompatible(catalog: AddonCatalogEntry[], addonName: string, addonVersion: string, kubernetesVersion: string): boolean {
  const entry = catalogEntry(catalog, addonName);
  return entry !== undefined && versionsFor(entry, kubernetesVersion).some((v) => v.addonVersion === addonVersion);
}

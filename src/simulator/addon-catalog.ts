import type { AddonCatalogEntry, AddonCatalogVersion } from './seed';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `1.${from + i}`);

/**
 * The default DescribeAddonVersions data. Shaped so an upgrade of the default cluster from 1.29 to 1.33
 * has to move add-ons between control-plane steps:
 * - vpc-cni v1.16.0 (installed) stops at 1.29: it must move before 1.29 → 1.30;
 * - kube-proxy v1.N runs on 1.N and 1.N+1 only: it must move before every step after the first;
 * - coredns v1.11.1 (installed) stops at 1.31: it must move before 1.31 → 1.32.
 * For every step some version of each runs on both sides of it.
 */
export const DEFAULT_ADDON_CATALOG: AddonCatalogEntry[] = [
  {
    addonName: 'vpc-cni',
    type: 'networking',
    publisher: 'eks',
    owner: 'aws',
    versions: [
      { addonVersion: 'v1.19.2-eksbuild.1', clusterVersions: range(28, 33), defaultFor: ['1.32', '1.33'] },
      { addonVersion: 'v1.19.0-eksbuild.1', clusterVersions: range(27, 32), defaultFor: ['1.30', '1.31'] },
      { addonVersion: 'v1.18.3-eksbuild.2', clusterVersions: range(26, 31) },
      { addonVersion: 'v1.18.1-eksbuild.3', clusterVersions: range(25, 30), defaultFor: ['1.29'] },
      { addonVersion: 'v1.16.0-eksbuild.1', clusterVersions: range(25, 29) },
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
      { addonVersion: 'v1.32.0-eksbuild.2', clusterVersions: ['1.32', '1.33'], defaultFor: ['1.32'] },
      { addonVersion: 'v1.31.3-eksbuild.2', clusterVersions: ['1.31', '1.32'], defaultFor: ['1.31'] },
      { addonVersion: 'v1.30.6-eksbuild.3', clusterVersions: ['1.30', '1.31'], defaultFor: ['1.30'] },
      { addonVersion: 'v1.29.10-eksbuild.3', clusterVersions: ['1.29', '1.30'] },
      { addonVersion: 'v1.29.0-eksbuild.1', clusterVersions: ['1.29', '1.30'], defaultFor: ['1.29'] },
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

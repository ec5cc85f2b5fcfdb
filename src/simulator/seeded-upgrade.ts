import { stableUuid } from './identifiers';
import type { ClusterSeed, UpdateSeed } from './seed';

/**
 * CP-ROLLBACK: a seed may say a cluster was upgraded in place (`previousVersion`, `upgradedAt`) without carrying the
 * update that did it. EKS's update history always shows that upgrade (ListUpdates, DescribeUpdate), so the simulator
 * adds the Successful VersionUpdate the seed implies when its `updates` hold none for the cluster.
 */
export function impliedUpgrades(clusters: ClusterSeed[], updates: UpdateSeed[], platformVersions: Record<string, string>): UpdateSeed[] {
  return clusters.flatMap((c): UpdateSeed[] => {
    if (!c?.previousVersion || !c.upgradedAt || updates.some((u) => u.cluster === c.name && !u.nodegroup && !u.addon && u.type === 'VersionUpdate')) return [];
    const platformVersion = platformVersions[c.version] ?? 'eks.1';
    return [{
      id: stableUuid(c.name, 'seeded-upgrade', c.version),
      cluster: c.name,
      type: 'VersionUpdate',
      status: 'Successful',
      params: [{ type: 'Version', value: c.version }, { type: 'PlatformVersion', value: platformVersion }],
      createdAt: c.upgradedAt,
      endsAt: c.upgradedAt,
      effect: { kind: 'clusterVersion', version: c.version, platformVersion, rollback: false },
    }];
  });
}

import { DEFAULT_ADDON_CATALOG } from './addon-catalog';
import { addonArn, clusterArn, nodegroupArn, stableUuid, type Account } from './identifiers';
import { clone } from './json';
import type { DataPlaneState } from './kubernetes/data-plane-state';
import { normalizeDataPlane } from './kubernetes/normalize-data-plane';
import { defaultSsmParameters } from './release-versions';
import { rebaseSeed } from './seed';
import type {
  AddonCatalogEntry, AddonSeed, AddonStatus, ClusterSeed, ClusterStatus, HealthIssue, InsightCategory, InsightSeed,
  NodegroupSeed, NodegroupStatus, NodegroupUpdateConfig, PodIdentityAssociationSeed, SimSeed, UpdateSeed,
} from './seed';
import { SeedError } from './seed-error';

/** A seed with every default filled in: the form the simulator works on and `state()` returns. */
export interface SimState extends SimSeed, Account {
  region: string;
  accountId: string;
  kubernetesVersions: string[];
  platformVersions: Record<string, string>;
  clusters: ClusterState[];
  addonCatalog: AddonCatalogEntry[];
  ssmParameters: Record<string, string>;
  updates: UpdateSeed[];
}

export interface ClusterState extends ClusterSeed {
  platformVersion: string;
  status: ClusterStatus;
  arn: string;
  createdAt: string;
  autoMode: boolean;
  tags: Record<string, string>;
  nodegroups: NodegroupState[];
  addons: AddonState[];
  insights: InsightState[];
  dataPlane: DataPlaneState;
}

export interface NodegroupState extends NodegroupSeed {
  status: NodegroupStatus;
  arn: string;
  capacityType: 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';
  scalingConfig: { minSize: number; maxSize: number; desiredSize: number };
  updateConfig: NodegroupUpdateConfig;
  labels: Record<string, string>;
  createdAt: string;
  modifiedAt: string;
  healthIssues: HealthIssue[];
}

export interface AddonState extends AddonSeed {
  status: AddonStatus;
  arn: string;
  podIdentityAssociations: PodIdentityAssociationSeed[];
  createdAt: string;
  modifiedAt: string;
  healthIssues: HealthIssue[];
}

export interface InsightState extends InsightSeed {
  id: string;
  category: InsightCategory;
}

export const DEFAULT_KUBERNETES_VERSIONS = ['1.29', '1.30', '1.31', '1.32', '1.33'];
export const DEFAULT_PLATFORM_VERSIONS: Record<string, string> = {
  '1.29': 'eks.38', '1.30': 'eks.33', '1.31': 'eks.29', '1.32': 'eks.17', '1.33': 'eks.11',
};

export { SeedError };

/**
 * Checks a seed's shape and fills in defaults. `now` dates resources whose seed gives no date, and is where a seed's
 * `timeOrigin` falls (rebaseSeed), however the seed arrives: constructor, `seed()`, POST /__simulator/seed or reset.
 */
export function normalizeSeed(input: SimSeed, now: number): SimState {
  const seed: SimSeed = rebaseSeed(clone(input ?? null) as SimSeed, now);
  if (!seed || !Array.isArray(seed.clusters)) throw new SeedError('`clusters` must be an array');
  const account: Account = { region: seed.region ?? 'us-east-1', accountId: seed.accountId ?? '111122223333' };
  const created = new Date(now).toISOString();
  const platformVersions = seed.platformVersions ?? { ...DEFAULT_PLATFORM_VERSIONS };
  unique(seed.clusters.map((c) => c?.name), 'clusters');
  return {
    ...seed,
    ...account,
    kubernetesVersions: seed.kubernetesVersions ?? [...DEFAULT_KUBERNETES_VERSIONS],
    platformVersions,
    addonCatalog: seed.addonCatalog ?? clone(DEFAULT_ADDON_CATALOG),
    ssmParameters: seed.ssmParameters ?? defaultSsmParameters(),
    updates: seed.updates ?? [],
    clusters: seed.clusters.map((c, i) => {
      requireStrings(c, ['name', 'version'], `clusters[${i}]`);
      const where = `clusters[${i}] (${c.name})`;
      unique((c.nodegroups ?? []).map((n) => n?.name), `${where}.nodegroups`);
      unique((c.addons ?? []).map((a) => a?.name), `${where}.addons`);
      const nodegroups = (c.nodegroups ?? []).map((n, j) => {
        requireStrings(n, ['name', 'version', 'amiType'], `${where}.nodegroups[${j}]`);
        return normalizeNodegroup(account, c.name, n, created);
      });
      return {
        ...c,
        platformVersion: c.platformVersion ?? platformVersions[c.version] ?? 'eks.1',
        status: c.status ?? 'ACTIVE',
        arn: c.arn ?? clusterArn(account, c.name),
        createdAt: c.createdAt ?? created,
        autoMode: c.autoMode ?? false,
        tags: c.tags ?? {},
        nodegroups,
        addons: (c.addons ?? []).map((a, j) => {
          requireStrings(a, ['name', 'version'], `${where}.addons[${j}]`);
          return normalizeAddon(account, c.name, a, created);
        }),
        insights: (c.insights ?? []).map((s, j) => {
          requireStrings(s, ['name', 'kubernetesVersion', 'status'], `${where}.insights[${j}]`);
          return { ...s, id: s.id ?? stableUuid(c.name, 'insight', s.name, s.kubernetesVersion), category: s.category ?? 'UPGRADE_READINESS' };
        }),
        dataPlane: normalizeDataPlane(c.dataPlane, { name: c.name, version: c.version, region: account.region, created: c.createdAt ?? created, nodegroups }),
      };
    }),
  };
}

function normalizeNodegroup(account: Account, cluster: string, n: NodegroupSeed, created: string): NodegroupState {
  const lt = n.launchTemplate;
  return {
    ...n,
    status: n.status ?? 'ACTIVE',
    arn: n.arn ?? nodegroupArn(account, cluster, n.name),
    capacityType: n.capacityType ?? 'ON_DEMAND',
    scalingConfig: n.scalingConfig ?? { minSize: 1, maxSize: 3, desiredSize: 2 },
    updateConfig: n.updateConfig ?? { maxUnavailable: 1, updateStrategy: 'DEFAULT' },
    // EKS reports both the id and the name of a node group's launch template, whichever it was created with.
    launchTemplate: lt && {
      id: lt.id ?? `lt-${stableUuid(cluster, n.name, 'lt').replace(/-/g, '').slice(0, 17)}`,
      name: lt.name ?? `${cluster}-${n.name}`,
      version: lt.version ?? '1',
    },
    labels: n.labels ?? {},
    createdAt: n.createdAt ?? created,
    modifiedAt: n.modifiedAt ?? n.createdAt ?? created,
    healthIssues: n.healthIssues ?? [],
  };
}

function normalizeAddon(account: Account, cluster: string, a: AddonSeed, created: string): AddonState {
  return {
    ...a,
    status: a.status ?? 'ACTIVE',
    arn: a.arn ?? addonArn(account, cluster, a.name),
    podIdentityAssociations: a.podIdentityAssociations ?? [],
    createdAt: a.createdAt ?? created,
    modifiedAt: a.modifiedAt ?? a.createdAt ?? created,
    healthIssues: a.healthIssues ?? [],
  };
}

function requireStrings(value: any, fields: string[], where: string): void {
  if (!value || typeof value !== 'object') throw new SeedError(`${where} must be an object`);
  for (const f of fields) {
    if (typeof value[f] !== 'string' || value[f] === '') throw new SeedError(`${where}.${f} must be a non-empty string`);
  }
}

function unique(names: unknown[], where: string): void {
  const seen = new Set<unknown>();
  for (const n of names) {
    if (seen.has(n)) throw new SeedError(`${where} has two entries named '${String(n)}'`);
    seen.add(n);
  }
}

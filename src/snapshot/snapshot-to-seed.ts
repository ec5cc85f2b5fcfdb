import type { Addon, AddonInfo, InsightSummary, Nodegroup, PodIdentityAssociation, Update } from '@aws-sdk/client-eks';
import { carriesInsight } from './carried-insights';
import { compact } from './compact';
import { redactConfiguration } from './redact-configuration';
import { seedDataPlane } from './seed-data-plane';
import type { SeedAddon, SeedCatalogEntry, SeedCluster, SeedDocument, SeedInsight, SeedNodegroup, SeedUpdate } from './seed-document';
import { seedUpdate } from './seed-update';
import type { ClusterReading } from './take-snapshot';
import { isMinorVersion } from '../upgrade-spec/kubernetes-minor';

const iso = (d: Date | undefined) => d?.toISOString();

/**
 * The simulator seed of a snapshot: the one cluster with its node groups, add-ons, update history (running updates
 * included, so the rehearsal starts where the cluster is), the insights the simulator cannot derive, the add-on
 * catalog and release-version parameters read, and the Kubernetes minors EKS offers. Names, ARNs, versions, labels
 * and tags stay; nothing else of the account is written: no credentials, certificate data, endpoints or user data,
 * and secret-looking add-on settings are redacted.
 */
export function snapshotToSeed(reading: ClusterReading, region: string): SeedDocument {
  const { cluster } = reading;
  const notes: string[] = [];
  const name = cluster.name!;
  const arn = parseArn(cluster.arn);

  const updates = seedUpdates(reading, notes);
  const running = (scope: { nodegroup?: string; addon?: string }) => updates.some((u) => u.status === 'InProgress' && u.nodegroup === scope.nodegroup && u.addon === scope.addon);
  // The simulator reports UPDATING while an update it knows runs; a resource whose running update is recorded is ACTIVE in its own right.
  const ownStatus = <S extends string>(status: S | undefined, busy: boolean): S | 'ACTIVE' | undefined => (status === 'UPDATING' && busy ? 'ACTIVE' : status);

  const rollback = rollbackWindow(reading.updates.filter((u) => !u.where.nodegroupName && !u.where.addonName).map((u) => u.update), cluster.version!);
  const seedCluster: SeedCluster = {
    name,
    version: cluster.version!,
    ...(cluster.platformVersion ? { platformVersion: cluster.platformVersion } : {}),
    ...(cluster.status ? { status: ownStatus(cluster.status, running({})) as SeedCluster['status'] } : {}),
    ...(cluster.arn ? { arn: cluster.arn } : {}),
    ...(cluster.createdAt ? { createdAt: iso(cluster.createdAt) } : {}),
    autoMode: cluster.computeConfig?.enabled === true,
    ...rollback,
    tags: { ...(cluster.tags ?? {}) },
    nodegroups: reading.nodegroups.map((n) => seedNodegroup(n, (s) => ownStatus(s, running({ nodegroup: n.nodegroupName })))),
    addons: reading.addons.map(({ addon, associations }) => seedAddon(addon, associations, (st) => ownStatus(st, running({ addon: addon.addonName })), notes)),
    insights: reading.insights.filter(carriesInsight).map((i) => seedInsight(i, cluster.version!)),
    ...(reading.dataPlane.status === 'read' ? { dataPlane: seedDataPlane(reading.dataPlane.view) } : {}),
  };

  if (reading.dataPlane.status !== 'read') notes.push(`data plane not read: ${reading.dataPlane.reason}`);
  const absentCatalogs = Object.entries(reading.catalogs).filter(([, infos]) => infos === undefined).map(([n]) => n).sort();
  // By name, so two snapshots of the same cluster write the same file whatever order the reads came back in.
  const addonCatalog = Object.values(reading.catalogs).flatMap((infos) => (infos ? catalogEntries(infos) : [])).sort((a, b) => a.addonName.localeCompare(b.addonName));
  const ssmParameters = Object.fromEntries(Object.entries(reading.ssmParameters).filter((e): e is [string, string] => e[1] !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  const absentParameters = Object.entries(reading.ssmParameters).filter(([, v]) => v === undefined).map(([n]) => n).sort();
  const takenAt = new Date(reading.takenAt).toISOString();

  return {
    region: arn?.region ?? region,
    accountId: arn?.accountId ?? '000000000000',
    // The minors EKS offers from the cluster's on, and the one it may roll back to.
    kubernetesVersions: [
      ...(rollback.previousVersion ? [rollback.previousVersion] : []),
      ...reading.offeredMinors,
    ],
    platformVersions: platformVersions(cluster.version!, cluster.platformVersion, updates),
    clusters: [seedCluster],
    addonCatalog,
    ssmParameters,
    updates,
    timeOrigin: takenAt,
    snapshot: { takenAt, cluster: name, region: arn?.region ?? region, absent: { ssmParameters: absentParameters, addonCatalogs: absentCatalogs }, notes },
  };
}

/** The update history, oldest first, each with the resource it belongs to. */
function seedUpdates(reading: ClusterReading, notes: string[]): SeedUpdate[] {
  const nodegroupByName = new Map(reading.nodegroups.map((n) => [n.nodegroupName!, n]));
  const addonByName = new Map(reading.addons.map((a) => [a.addon.addonName!, a.addon]));
  return reading.updates
    .map(({ update, where }) => {
      const owner = {
        cluster: reading.cluster,
        nodegroup: where.nodegroupName ? nodegroupByName.get(where.nodegroupName) : undefined,
        addon: where.addonName ? addonByName.get(where.addonName) : undefined,
      };
      const mapped = seedUpdate(update, where, owner, reading.takenAt);
      notes.push(...mapped.notes);
      return mapped.update;
    })
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
}

function seedAddon(addon: Addon, associations: readonly PodIdentityAssociation[], status: (s: Addon['status']) => string | undefined, notes: string[]): SeedAddon {
  const config = addon.configurationValues ? redactConfiguration(addon.configurationValues) : undefined;
  if (config && config.redacted.length > 0) notes.push(`add-on ${addon.addonName}: configurationValues ${config.redacted.join(', ')} redacted`);
  return compact({
    name: addon.addonName!,
    version: addon.addonVersion ?? '',
    status: status(addon.status) as SeedAddon['status'],
    arn: addon.addonArn,
    configurationValues: config?.text,
    serviceAccountRoleArn: addon.serviceAccountRoleArn,
    podIdentityAssociations: associations.map((p) => ({ serviceAccount: p.serviceAccount ?? '', roleArn: p.roleArn ?? '' })),
    createdAt: iso(addon.createdAt),
    modifiedAt: iso(addon.modifiedAt),
    healthIssues: (addon.health?.issues ?? []).map((i) => compact({ code: i.code ?? 'InternalFailure', message: i.message ?? '', resourceIds: i.resourceIds })),
  });
}

function seedInsight(i: InsightSummary & { readonly recommendation?: string }, clusterVersion: string): SeedInsight {
  return compact({
    id: i.id!,
    name: i.name ?? 'insight',
    category: (i.category ?? 'UPGRADE_READINESS') as SeedInsight['category'],
    kubernetesVersion: i.kubernetesVersion ?? clusterVersion,
    status: i.insightStatus!.status as SeedInsight['status'],
    reason: i.insightStatus?.reason,
    description: i.description,
    recommendation: i.recommendation,
  });
}

function seedNodegroup(n: Nodegroup, status: (s: Nodegroup['status']) => string | undefined): SeedNodegroup {
  const scaling = n.scalingConfig;
  const config = n.updateConfig;
  return compact({
    name: n.nodegroupName!,
    version: n.version!,
    releaseVersion: n.releaseVersion,
    amiType: n.amiType ?? 'CUSTOM',
    status: status(n.status) as SeedNodegroup['status'],
    arn: n.nodegroupArn,
    capacityType: n.capacityType as SeedNodegroup['capacityType'],
    instanceTypes: n.instanceTypes,
    scalingConfig: scaling && { minSize: scaling.minSize ?? 0, maxSize: scaling.maxSize ?? scaling.desiredSize ?? 1, desiredSize: scaling.desiredSize ?? scaling.minSize ?? 0 },
    launchTemplate: n.launchTemplate && compact({ id: n.launchTemplate.id, name: n.launchTemplate.name, version: n.launchTemplate.version }),
    updateConfig: config && compact({
      maxUnavailable: config.maxUnavailable,
      maxUnavailablePercentage: config.maxUnavailablePercentage,
      updateStrategy: config.updateStrategy as 'DEFAULT' | 'MINIMAL' | undefined,
    }),
    labels: n.labels,
    createdAt: iso(n.createdAt),
    modifiedAt: iso(n.modifiedAt),
    healthIssues: (n.health?.issues ?? []).map((i) => compact({ code: i.code ?? 'InternalFailure', message: i.message ?? '', resourceIds: i.resourceIds })),
  });
}

/**
 * CP-ROLLBACK: EKS lets a cluster roll back to the minor it was upgraded from, within 7 days
 * (https://docs.aws.amazon.com/eks/latest/userguide/rollback-cluster.html). DescribeCluster does not say which, so it
 * is read from the history: the latest successful version change, if it was an upgrade to the current minor. Its end
 * is not reported; its start plus the typical 10 minutes stands in.
 */
function rollbackWindow(clusterUpdates: readonly Update[], version: string): { previousVersion?: string; upgradedAt?: string } {
  const latest = clusterUpdates
    .filter((u) => u.status === 'Successful' && (u.type === 'VersionUpdate' || u.type === 'VersionRollback') && u.createdAt)
    .sort((a, b) => b.createdAt!.getTime() - a.createdAt!.getTime())[0];
  const to = latest?.params?.find((p) => p.type === 'Version')?.value;
  if (!latest || latest.type !== 'VersionUpdate' || to !== version || !isMinorVersion(version)) return {};
  const [major, minor] = version.split('.').map(Number);
  return { previousVersion: `${major}.${minor - 1}`, upgradedAt: new Date(latest.createdAt!.getTime() + 600_000).toISOString() };
}


/** The platform version of the cluster's minor, and of each minor the history moved to (the update's PlatformVersion). */
function platformVersions(version: string, current: string | undefined, updates: readonly SeedUpdate[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of updates) {
    if (u.effect.kind === 'clusterVersion' && u.status === 'Successful') out[u.effect.version] = u.effect.platformVersion;
  }
  if (current) out[version] = current;
  return out;
}

function catalogEntries(infos: readonly AddonInfo[]): SeedCatalogEntry[] {
  const entries = new Map<string, SeedCatalogEntry>();
  for (const info of infos) {
    const entry = entries.get(info.addonName!) ?? { addonName: info.addonName!, type: info.type ?? 'unknown', publisher: info.publisher ?? 'eks', owner: info.owner ?? 'aws', versions: [] };
    for (const v of info.addonVersions ?? []) {
      const compat = (v.compatibilities ?? []).filter((c) => c.clusterVersion);
      entry.versions.push({
        addonVersion: v.addonVersion!,
        clusterVersions: compat.map((c) => c.clusterVersion!),
        defaultFor: compat.filter((c) => c.defaultVersion).map((c) => c.clusterVersion!),
      });
    }
    entries.set(entry.addonName, entry);
  }
  return [...entries.values()];
}

/** `arn:<partition>:eks:<region>:<account>:cluster/<name>`. */
function parseArn(arn: string | undefined): { region: string; accountId: string } | undefined {
  const m = /^arn:[^:]+:eks:([^:]+):(\d{12}):/.exec(arn ?? '');
  return m ? { region: m[1], accountId: m[2] } : undefined;
}

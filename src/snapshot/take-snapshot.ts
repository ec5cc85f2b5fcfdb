import type { Addon, AddonInfo, Category, Cluster, InsightSummary, Nodegroup, PodIdentityAssociation, Update } from '@aws-sdk/client-eks';
import { carriesInsight } from './carried-insights';
import { offeredMinors } from './offered-minors';
import { EksApi, UpdateLocation } from '../aws/eks-api';
import { releaseVersionParameter } from '../aws/release-versions';
import { associationIdOf } from '../aws/state-reader';
import { isNotFound } from '../errors/run-errors';
import { readDataPlane, type DataPlaneRead } from '../kubernetes/read-data-plane';

/** Everything a snapshot reads of one cluster, as EKS and SSM returned it, before any mapping. */
export interface ClusterReading {
  /** When the reads ended, by the clock the snapshot was given (the real time against AWS). */
  readonly takenAt: number;
  readonly cluster: Cluster;
  readonly nodegroups: readonly Nodegroup[];
  readonly addons: readonly { readonly addon: Addon; readonly associations: readonly PodIdentityAssociation[] }[];
  /** DescribeAddonVersions per add-on name; undefined: EKS lists no such add-on (recorded as absent). */
  readonly catalogs: Readonly<Record<string, readonly AddonInfo[] | undefined>>;
  readonly updates: readonly { readonly update: Update; readonly where: UpdateLocation }[];
  /** Readiness insights of both categories; the ones a seed carries (carriesInsight) are described, for their recommendation. */
  readonly insights: readonly (InsightSummary & { readonly recommendation?: string })[];
  /** Release-version parameters by name; undefined: the parameter does not exist (recorded as absent). */
  readonly ssmParameters: Readonly<Record<string, string | undefined>>;
  /** The Kubernetes minors EKS offers from the cluster's on, as the catalogs and insights read tell (offeredMinors). */
  readonly offeredMinors: readonly string[];
  /** The data plane through the cluster's Kubernetes API (list reads only), or why it could not be read. */
  readonly dataPlane: DataPlaneRead;
}

export interface SnapshotOptions {
  /** The clock the snapshot is dated by; default the real time. */
  readonly now?: () => number;
}

/**
 * kube-proxy runs on every EKS version, so its catalog names every minor EKS offers; it is read even when the
 * cluster does not run it as an add-on, to learn the minors the cluster may go to.
 */
const EVERY_MINOR_ADDON = 'kube-proxy';
const READINESS: readonly Category[] = ['UPGRADE_READINESS', 'ROLLBACK_READINESS'];

/**
 * Reads one cluster through `api` with describe, list and get calls only: the cluster, its node groups (with their
 * update histories), add-ons (with pod identity associations and histories), its update history, readiness insights,
 * DescribeAddonVersions for each installed add-on, and the release-version parameters of the AMI types present for
 * the node groups' minors, the cluster's and each later one EKS offers. Retries are the SDK's, as configured in EksApi.
 */
export async function takeSnapshot(api: EksApi, options: SnapshotOptions = {}): Promise<ClusterReading> {
  const cluster = await api.describeCluster();
  const [nodegroupNames, addonNames] = await Promise.all([api.listNodegroups(), api.listAddons()]);
  const nodegroups = (await Promise.all(nodegroupNames.map((name) => unlessGone(() => api.describeNodegroup(name))))).flat();
  const addons = (await Promise.all(addonNames.map((name) => unlessGone(async () => {
    const addon = await api.describeAddon(name);
    const associations = await Promise.all((addon.podIdentityAssociations ?? []).map((arn) => unlessGone(() => api.describePodIdentityAssociation(associationIdOf(arn)))));
    return { addon, associations: associations.flat() };
  })))).flat();
  const installed = addons.map((a) => a.addon.addonName!);

  const catalogNames = [...new Set([...installed, EVERY_MINOR_ADDON])];
  const catalogs: Record<string, AddonInfo[] | undefined> = {};
  await Promise.all(catalogNames.map(async (name) => { catalogs[name] = await readCatalog(api, name); }));

  const locations: UpdateLocation[] = [
    {},
    ...nodegroups.map((n) => ({ nodegroupName: n.nodegroupName! })),
    ...installed.map((addonName) => ({ addonName })),
  ];
  const updates = (await Promise.all(locations.map((where) => readUpdates(api, where)))).flat();

  const summaries = (await Promise.all(READINESS.map((category) => api.listInsights(category)))).flat();
  const insights = await Promise.all(summaries.map(async (s) => {
    if (!carriesInsight(s) || !s.id) return s;
    const [insight] = await unlessGone(() => api.describeInsight(s.id!));
    return { ...s, recommendation: insight?.recommendation };
  }));

  const minors = offeredMinors(cluster.version!, Object.values(catalogs), insights.map((i) => i.kubernetesVersion));
  const parameterNames = new Set<string>();
  for (const ng of nodegroups) {
    for (const minor of [ng.version ?? cluster.version!, ...minors]) {
      const name = releaseVersionParameter(ng.amiType ?? '', minor);
      if (name) parameterNames.add(name);
    }
  }
  const ssmParameters: Record<string, string | undefined> = {};
  await Promise.all([...parameterNames].sort().map(async (name) => { ssmParameters[name] = await api.getParameter(name); }));

  // A source whose clock runs ahead of this one (a time-scaled simulator, or skew) dates updates after "now": the
  // snapshot is dated no earlier than the newest time it read, so no update in it ends before it starts.
  const newest = Math.max(0, ...updates.map((u) => u.update.createdAt?.getTime() ?? 0));
  // List reads only, as the engine makes them; a cluster it cannot reach is snapshot without its data plane, and says why.
  const dataPlane = await readDataPlane(api, { endpoint: cluster.endpoint, certificateAuthority: cluster.certificateAuthority?.data }, { policy: 'best-effort' });
  return { takenAt: Math.max((options.now ?? Date.now)(), newest), cluster, nodegroups, addons, catalogs, updates, insights, ssmParameters, offeredMinors: minors, dataPlane };
}

/** An add-on's catalog, or undefined when EKS lists no such add-on (an empty answer, or one refusing the name). */
async function readCatalog(api: EksApi, name: string): Promise<AddonInfo[] | undefined> {
  let infos: AddonInfo[];
  try {
    infos = await api.describeAddonVersions(name);
  } catch (err) {
    if (isNotFound(err) || (err as Error)?.name === 'InvalidParameterException') return undefined;
    throw err;
  }
  const own = infos.filter((i) => i.addonName === name);
  return own.length > 0 ? own : undefined;
}

async function readUpdates(api: EksApi, where: UpdateLocation): Promise<{ update: Update; where: UpdateLocation }[]> {
  // The cluster's own history is read as any cluster read is; a node group's or add-on's is gone with it.
  const ids = where.nodegroupName || where.addonName ? (await unlessGone(() => api.listUpdateIds(where))).flat() : await api.listUpdateIds(where);
  const found = await Promise.all(ids.map((id) => unlessGone(() => api.describeUpdate(id, where))));
  return found.flat().map((update) => ({ update, where }));
}

/**
 * What `read` returns, or nothing when EKS no longer has the resource: a node group, add-on, association, update
 * or insight deleted between the list that named it and its describe is not part of the snapshot. Only the
 * cluster's own reads fail with not-found (the CLI reports that as a wrong --cluster or --region).
 */
async function unlessGone<T>(read: () => Promise<T>): Promise<T[]> {
  try {
    return [await read()];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

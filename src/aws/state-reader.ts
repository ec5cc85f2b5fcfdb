import type { AddonInfo, Nodegroup, Update } from '@aws-sdk/client-eks';
import { EksApi, UpdateLocation } from './eks-api';
import { AddonVersionInfo, LiveAddon, LiveNodegroup, LivePodIdentityAssociation, LiveState, ResourceRef, RunningUpdate } from './live-state';
import { releaseVersionParameter } from './release-versions';
import { InputError, isNotFound } from '../errors/run-errors';
import { NODEGROUP_VERSION_CLUSTER, RELEASE_VERSION_LATEST, UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/**
 * Where a cluster was looked for, and how to list what is there: `aws eks list-clusters` only against AWS itself;
 * an endpoint override (the simulator) may not serve it, so the hint names the endpoint instead.
 */
function whereLooked(spec: UpgradeSpec): string {
  // The SDK for JavaScript reads AWS_REGION (or the profile), never AWS_DEFAULT_REGION.
  const region = spec.region ?? process.env.AWS_REGION;
  const endpoint = process.env.AWS_ENDPOINT_URL_EKS ?? process.env.AWS_ENDPOINT_URL;
  const where = `${region ? ` in region ${region}` : ''}${endpoint ? ` at ${endpoint}` : ''}`;
  return endpoint
    ? `${where}; check the name and the region, and that ${endpoint} is the endpoint that serves the cluster`
    : `${where}; check the name and the region (aws eks list-clusters${region ? ` --region ${region}` : ''} lists them)`;
}

/**
 * Reads everything the planner needs, and only that: the cluster, every node group and installed add-on
 * (the untargeted ones bound what the target may be), the add-ons' version catalogs, `latest` release
 * versions, and updates still running on the cluster and on busy targeted resources.
 */
export async function readLiveState(api: EksApi, spec: UpgradeSpec): Promise<LiveState> {
  let cluster;
  try {
    cluster = await api.describeCluster();
  } catch (err) {
    if (isNotFound(err)) {
      throw new InputError(`clusterName: cluster '${spec.clusterName}' was not found${whereLooked(spec)}`);
    }
    throw err;
  }
  const missing: string[] = [];
  const [installed, allNodegroups] = await Promise.all([api.listAddons(), api.listNodegroups()]);

  const nodegroups = await Promise.all(spec.nodegroups.map(async (ng, i): Promise<LiveNodegroup | undefined> => {
    try {
      return await readNodegroup(api, ng.name, cluster.version!);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      missing.push(`nodegroups[${i}].name: node group '${ng.name}' does not exist in cluster ${spec.clusterName} (it has: ${allNodegroups.join(', ') || 'none'}); check the name`);
      return undefined;
    }
  }));
  const untargeted = await Promise.all(allNodegroups
    .filter((name) => !spec.nodegroups.some((ng) => ng.name === name))
    .map((name) => readNodegroup(api, name, cluster.version!)));

  for (const [i, a] of spec.addons.entries()) {
    if (!installed.includes(a.name)) {
      missing.push(`addons[${i}].name: add-on '${a.name}' is not installed on cluster ${spec.clusterName} (installed: ${installed.join(', ') || 'none'}); install it first or fix the name`);
    }
  }
  if (missing.length > 0) throw new InputError(`the spec names resources the cluster does not have:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  // UNTARGETED-COMPATIBLE: every installed add-on is read with its catalog, named in the spec or not, so the
  // planner can refuse a target that would leave one the spec does not name incompatible.
  const addons = await Promise.all(installed.map((name) => readAddon(api, name)));
  const targeted = (name: string) => spec.addons.some((a) => a.name === name);

  const liveNodegroups = Object.fromEntries(nodegroups.map((n) => [n!.name, n!]));
  const latestReleaseVersions: Record<string, string | undefined> = {};
  // Node groups of one AMI type and version share a parameter: it is read once.
  const parameters = new Map<string, Promise<string | undefined>>();
  const readParameter = (name: string) => parameters.get(name) ?? parameters.set(name, api.getParameter(name)).get(name)!;
  await Promise.all(spec.nodegroups.map(async (ng) => {
    const live = liveNodegroups[ng.name];
    if (ng.releaseVersion !== RELEASE_VERSION_LATEST || live.amiType === 'CUSTOM') return;
    const version = ng.version === NODEGROUP_VERSION_CLUSTER ? spec.controlPlane.version : ng.version;
    const parameter = releaseVersionParameter(live.amiType, version);
    latestReleaseVersions[ng.name] = parameter ? await readParameter(parameter) : undefined;
  }));

  const busy: ResourceRef[] = [
    // ROLLBACK-AUTO-MODE: during an Auto Mode rollback's node phase the cluster reads ACTIVE; only the update
    // history shows the rollback (https://docs.aws.amazon.com/eks/latest/userguide/rollback-automode.html, "Cluster
    // status during rollback": "Use ListUpdates or DescribeUpdate to determine if a rollback is in progress").
    // So an Auto Mode cluster's history is always read, whatever its status, and `plan` never says converged over it.
    // Without Auto Mode a rollback has no node phase and the cluster reads UPDATING, so its status is enough and a long
    // history is not described on every plan.
    ...(cluster.status !== 'ACTIVE' || cluster.computeConfig?.enabled ? [{ kind: 'cluster' as const, name: spec.clusterName }] : []),
    ...Object.values(liveNodegroups).filter((n) => n.status !== 'ACTIVE').map((n) => ({ kind: 'nodegroup' as const, name: n.name })),
    ...addons.filter(([a]) => targeted(a.name) && a.status !== 'ACTIVE').map(([a]) => ({ kind: 'addon' as const, name: a.name })),
  ];
  const running = (await Promise.all(busy.map((ref) => findRunningUpdate(api, ref)))).flat();

  return {
    cluster: {
      name: spec.clusterName,
      version: cluster.version!,
      status: cluster.status ?? 'UNKNOWN',
      // Where the data-plane reads go (src/kubernetes), so they need no second DescribeCluster.
      ...(cluster.endpoint ? { endpoint: cluster.endpoint } : {}),
      ...(cluster.certificateAuthority?.data ? { certificateAuthority: cluster.certificateAuthority.data } : {}),
    },
    nodegroups: liveNodegroups,
    untargetedNodegroups: Object.fromEntries(untargeted.map((n) => [n.name, n])),
    addons: Object.fromEntries(addons.filter(([a]) => targeted(a.name)).map(([a]) => [a.name, a])),
    untargetedAddons: Object.fromEntries(addons.filter(([a]) => !targeted(a.name)).map(([a]) => [a.name, a])),
    addonCatalog: Object.fromEntries(addons.map(([a, catalog]) => [a.name, catalog])),
    latestReleaseVersions,
    runningUpdates: running,
  };
}

async function readAddon(api: EksApi, name: string): Promise<[LiveAddon, AddonVersionInfo[]]> {
  const [addon, versions] = await Promise.all([api.describeAddon(name), api.describeAddonVersions(name)]);
  return [{
    name,
    status: addon.status ?? 'UNKNOWN',
    version: addon.addonVersion ?? '',
    configurationValues: addon.configurationValues || undefined,
    serviceAccountRoleArn: addon.serviceAccountRoleArn,
    podIdentityAssociations: await readAssociations(api, addon.podIdentityAssociations ?? []),
  }, catalogOf(versions)];
}

/**
 * ADDON-SETTINGS-CONTENT: DescribeAddon gives pod identity associations as ARNs only
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_Addon.html), so each is described for its service
 * account and role, which is what the spec states and the planner compares.
 */
async function readAssociations(api: EksApi, arns: readonly string[]): Promise<LivePodIdentityAssociation[]> {
  const found = await Promise.all(arns.map(async (arn) => {
    try {
      const a = await api.describePodIdentityAssociation(associationIdOf(arn));
      return [{ serviceAccount: a.serviceAccount ?? '', roleArn: a.roleArn ?? '' }];
    } catch (err) {
      // Deleted between the two reads: it is no longer there, which is what the planner should see.
      if (isNotFound(err)) return [];
      throw err;
    }
  }));
  return found.flat();
}

/** `arn:aws:eks:<region>:<account>:podidentityassociation/<cluster>/<id>`: the id is the last segment. */
export function associationIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export async function readNodegroup(api: EksApi, name: string, clusterVersion: string): Promise<LiveNodegroup> {
  return toLiveNodegroup(await api.describeNodegroup(name), clusterVersion, name);
}

/** A DescribeNodegroup answer as the planner sees it; a node group that names no version runs the cluster's. */
export function toLiveNodegroup(n: Nodegroup, clusterVersion: string, name = n.nodegroupName ?? ''): LiveNodegroup {
  return {
    name,
    status: n.status ?? 'UNKNOWN',
    version: n.version ?? clusterVersion,
    releaseVersion: n.releaseVersion,
    amiType: n.amiType ?? 'UNKNOWN',
    desiredSize: n.scalingConfig?.desiredSize ?? 1,
    launchTemplate: n.launchTemplate ? { id: n.launchTemplate.id, name: n.launchTemplate.name, version: n.launchTemplate.version } : undefined,
    updateConfig: n.updateConfig ? {
      maxUnavailable: n.updateConfig.maxUnavailable,
      maxUnavailablePercentage: n.updateConfig.maxUnavailablePercentage,
      updateStrategy: n.updateConfig.updateStrategy,
    } : undefined,
  };
}

export function updateLocation(ref: ResourceRef): UpdateLocation {
  if (ref.kind === 'nodegroup') return { nodegroupName: ref.name };
  if (ref.kind === 'addon') return { addonName: ref.name };
  return {};
}

/**
 * The InProgress update on a resource, if any (EKS does not document the list order, so all are checked).
 * `updateIds`: the resource's history when the caller has just listed it, so ListUpdates is not called twice.
 */
export async function findRunningUpdate(api: EksApi, ref: ResourceRef, updateIds?: readonly string[]): Promise<RunningUpdate[]> {
  const where = updateLocation(ref);
  for (const id of updateIds ?? await api.listUpdateIds(where)) {
    let update: Update;
    try {
      update = await api.describeUpdate(id, where);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    if (update.status === 'InProgress') return [{ resource: ref, updateId: id, type: update.type ?? 'unknown', ...(update.createdAt ? { createdAt: new Date(update.createdAt) } : {}) }];
  }
  return [];
}

function catalogOf(infos: AddonInfo[]): AddonVersionInfo[] {
  return infos.flatMap((info) => (info.addonVersions ?? []).map((v) => ({
    version: v.addonVersion!,
    clusterVersions: (v.compatibilities ?? []).map((c) => c.clusterVersion!).filter(Boolean),
    defaultFor: (v.compatibilities ?? []).filter((c) => c.defaultVersion).map((c) => c.clusterVersion!),
  })));
}

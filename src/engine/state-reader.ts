import type { AddonInfo, Update } from '@aws-sdk/client-eks';
import { EksApi, UpdateLocation } from './eks-api';
import { InputError, isNotFound } from './engine-errors';
import { AddonVersionInfo, LiveAddon, LiveNodegroup, LiveState, ResourceRef, RunningUpdate } from './live-state';
import { releaseVersionParameter } from './release-versions';
import { NODEGROUP_VERSION_CLUSTER, RELEASE_VERSION_LATEST, UpgradeSpec } from '../spec/upgrade-spec';

/**
 * Reads everything the planner needs, and only that: the cluster, each targeted node group and add-on,
 * their version catalogs, `latest` release versions, and updates still running on them.
 */
export async function readLiveState(api: EksApi, spec: UpgradeSpec): Promise<LiveState> {
  let cluster;
  try {
    cluster = await api.describeCluster();
  } catch (err) {
    if (isNotFound(err)) {
      throw new InputError(`clusterName: cluster '${spec.clusterName}' was not found${spec.region ? ` in ${spec.region}` : ''}; check the name and the region (aws eks list-clusters)`);
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

  const addons = await Promise.all(spec.addons.map(async (a, i): Promise<[LiveAddon, AddonVersionInfo[]] | undefined> => {
    if (!installed.includes(a.name)) {
      missing.push(`addons[${i}].name: add-on '${a.name}' is not installed on cluster ${spec.clusterName} (installed: ${installed.join(', ') || 'none'}); install it first or fix the name`);
      return undefined;
    }
    const [addon, versions] = await Promise.all([api.describeAddon(a.name), api.describeAddonVersions(a.name)]);
    return [{
      name: a.name,
      status: addon.status ?? 'UNKNOWN',
      version: addon.addonVersion ?? '',
      configurationValues: addon.configurationValues || undefined,
      serviceAccountRoleArn: addon.serviceAccountRoleArn,
      podIdentityAssociationCount: addon.podIdentityAssociations?.length ?? 0,
    }, catalogOf(versions)];
  }));
  if (missing.length > 0) throw new InputError(`the spec names resources the cluster does not have:\n${missing.map((m) => `  - ${m}`).join('\n')}`);

  const liveNodegroups = Object.fromEntries(nodegroups.map((n) => [n!.name, n!]));
  const latestReleaseVersions: Record<string, string | undefined> = {};
  await Promise.all(spec.nodegroups.map(async (ng) => {
    const live = liveNodegroups[ng.name];
    if (ng.releaseVersion !== RELEASE_VERSION_LATEST || live.amiType === 'CUSTOM') return;
    const version = ng.version === NODEGROUP_VERSION_CLUSTER ? spec.controlPlane.version : ng.version;
    const parameter = releaseVersionParameter(live.amiType, version);
    latestReleaseVersions[ng.name] = parameter ? await api.getParameter(parameter) : undefined;
  }));

  const busy: ResourceRef[] = [
    ...(cluster.status !== 'ACTIVE' ? [{ kind: 'cluster' as const, name: spec.clusterName }] : []),
    ...Object.values(liveNodegroups).filter((n) => n.status !== 'ACTIVE').map((n) => ({ kind: 'nodegroup' as const, name: n.name })),
    ...addons.filter((a) => a![0].status !== 'ACTIVE').map((a) => ({ kind: 'addon' as const, name: a![0].name })),
  ];
  const running = (await Promise.all(busy.map((ref) => findRunningUpdate(api, ref)))).flat();

  return {
    cluster: { name: spec.clusterName, version: cluster.version!, status: cluster.status ?? 'UNKNOWN' },
    nodegroups: liveNodegroups,
    untargetedNodegroups: Object.fromEntries(untargeted.map((n) => [n.name, n])),
    addons: Object.fromEntries(addons.map((a) => [a![0].name, a![0]])),
    untargetedAddons: installed.filter((name) => !spec.addons.some((a) => a.name === name)),
    addonCatalog: Object.fromEntries(addons.map((a) => [a![0].name, a![1]])),
    latestReleaseVersions,
    runningUpdates: running,
  };
}

async function readNodegroup(api: EksApi, name: string, clusterVersion: string): Promise<LiveNodegroup> {
  const n = await api.describeNodegroup(name);
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

/** The InProgress update on a resource that is not ACTIVE, if any (EKS does not document the list order, so all are checked). */
export async function findRunningUpdate(api: EksApi, ref: ResourceRef): Promise<RunningUpdate[]> {
  const where = updateLocation(ref);
  for (const id of await api.listUpdateIds(where)) {
    let update: Update;
    try {
      update = await api.describeUpdate(id, where);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    if (update.status === 'InProgress') return [{ resource: ref, updateId: id, type: update.type ?? 'unknown' }];
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

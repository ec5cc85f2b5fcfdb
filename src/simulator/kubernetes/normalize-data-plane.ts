import { SeedError } from '../seed-error';
import type { DataPlaneSeed, NodeSeed, PodDisruptionBudgetSeed, PodSeed, WorkloadSeed } from './data-plane-seed';
import type { DataPlaneState, PdbState, PodState, WorkloadState } from './data-plane-state';
import { kubeletVersion } from './kubelet-version';
import { createNode } from './node-factory';
import { createWorkloadPod } from './scheduler';

/** What normalizing a data plane needs to know about its cluster (already normalized). */
export interface ClusterFacts {
  name: string;
  version: string;
  region: string;
  created: string;
  nodegroups: {
    name: string;
    version: string;
    releaseVersion?: string;
    amiType: string;
    instanceTypes?: string[];
    labels?: Record<string, string>;
    scalingConfig: { desiredSize: number };
  }[];
}

const MANAGERS = new Set(['nodegroup', 'self-managed', 'karpenter', 'auto', 'fargate']);
const BUILT_IN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * Checks a cluster's `dataPlane` seed and fills in defaults: nodes for every managed node group that lists none
 * (`scalingConfig.desiredSize` of them, on the group's kubelet), a node per Fargate pod, and the pods of every
 * Deployment when the seed places none. A seed without `dataPlane` gets the generated nodes only.
 */
export function normalizeDataPlane(seed: DataPlaneSeed | undefined, c: ClusterFacts): DataPlaneState {
  const where = `clusters (${c.name}).dataPlane`;
  if (seed !== undefined && (seed === null || typeof seed !== 'object')) throw new SeedError(`${where} must be an object`);
  const s: DataPlaneSeed = seed ?? {};
  const dp: DataPlaneState = {
    ...s,
    nodes: [],
    workloads: (s.workloads ?? []).map((w, i) => normalizeWorkload(w, `${where}.workloads[${i}]`, c.created)),
    pods: [],
    fargatePods: [],
    podDisruptionBudgets: (s.podDisruptionBudgets ?? []).map((b, i) => normalizePdb(b, `${where}.podDisruptionBudgets[${i}]`, c.created)),
    namespaces: [],
    nextNodeNumber: s.nextNodeNumber ?? 0,
    nextPodNumber: s.nextPodNumber ?? 0,
  };
  (s.nodes ?? []).forEach((n, i) => addSeededNodes(dp, n, c, `${where}.nodes[${i}]`));
  for (const ng of c.nodegroups) {
    if (dp.nodes.some((n) => n.nodegroup === ng.name)) continue;
    for (let i = 0; i < ng.scalingConfig.desiredSize; i++) dp.nodes.push(createNode(dp, nodegroupNode(ng, c)));
  }
  unique(dp.nodes.map((n) => n.name), `${where}.nodes`);
  addFargatePods(dp, s, c, where);
  if (s.pods !== undefined) {
    if (!Array.isArray(s.pods)) throw new SeedError(`${where}.pods must be an array`);
    dp.pods.push(...s.pods.map((p, i) => normalizePod(p, dp, `${where}.pods[${i}]`, c.created)));
  } else {
    for (const w of dp.workloads) {
      if (w.kind === 'Deployment') for (let i = 0; i < w.replicas; i++) createWorkloadPod(dp, w, Date.parse(c.created), true);
    }
  }
  dp.namespaces = [...new Set([...BUILT_IN_NAMESPACES, ...(s.namespaces ?? []), ...dp.workloads.map((w) => w.namespace),
    ...dp.pods.map((p) => p.namespace), ...dp.podDisruptionBudgets.map((b) => b.namespace)])].sort();
  return dp;
}

export function nodegroupNode(ng: ClusterFacts['nodegroups'][number], c: Pick<ClusterFacts, 'region' | 'created'>, createdAt = c.created) {
  return {
    managedBy: 'nodegroup' as const,
    nodegroup: ng.name,
    kubeletVersion: kubeletVersion(ng.version, ng.releaseVersion),
    image: ng.releaseVersion,
    createdAt,
    region: c.region,
    instanceType: ng.instanceTypes?.[0],
    arm: ng.amiType.includes('ARM'),
    // A node group's Kubernetes labels are on each of its nodes.
    labels: { ...ng.labels },
  };
}

function addSeededNodes(dp: DataPlaneState, n: NodeSeed, c: ClusterFacts, where: string): void {
  if (!n || typeof n !== 'object' || !MANAGERS.has(n.managedBy)) {
    throw new SeedError(`${where}.managedBy must be one of ${[...MANAGERS].join(', ')}`);
  }
  const ng = n.managedBy === 'nodegroup' ? c.nodegroups.find((g) => g.name === n.nodegroup) : undefined;
  if (n.managedBy === 'nodegroup' && !ng) throw new SeedError(`${where}.nodegroup must name one of the cluster's node groups`);
  const count = n.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || (count > 1 && n.name !== undefined)) throw new SeedError(`${where}.count must be a positive integer, and 1 for a named node`);
  let kubelet: string;
  try {
    kubelet = kubeletVersion(n.kubeletVersion ?? ng?.version ?? c.version, n.kubeletVersion === undefined ? ng?.releaseVersion : undefined);
  } catch (error) {
    throw new SeedError(`${where}.kubeletVersion: ${(error as Error).message}`);
  }
  for (let i = 0; i < count; i++) {
    dp.nodes.push(createNode(dp, {
      ...(ng ? nodegroupNode(ng, c) : { managedBy: n.managedBy, region: c.region }),
      kubeletVersion: kubelet,
      createdAt: n.createdAt ?? c.created,
      region: c.region,
      ...(n.name !== undefined ? { name: n.name } : {}),
      ...(n.nodePool !== undefined ? { nodePool: n.nodePool } : {}),
      ...(n.instanceType !== undefined ? { instanceType: n.instanceType } : {}),
      ...(n.labels !== undefined ? { labels: { ...ng?.labels, ...n.labels } } : {}),
      unschedulable: n.unschedulable ?? false,
    }));
  }
}

/**
 * FARGATE-KUBELET-PINNED: each Fargate pod gets a node of its own on the kubelet it started with (the cluster's
 * version unless the seed says otherwise); nothing in the simulator changes it afterwards.
 */
function addFargatePods(dp: DataPlaneState, s: DataPlaneSeed, c: ClusterFacts, where: string): void {
  (s.fargatePods ?? []).forEach((f, i) => {
    if (!f || typeof f.name !== 'string' || f.name === '') throw new SeedError(`${where}.fargatePods[${i}].name must be a non-empty string`);
    const node = createNode(dp, {
      managedBy: 'fargate',
      kubeletVersion: kubeletVersion(f.kubeletVersion ?? c.version),
      createdAt: c.created,
      region: c.region,
      labels: { 'eks.amazonaws.com/fargate-profile': f.profile ?? 'fargate' },
    });
    dp.nodes.push(node);
    const labels = f.labels ?? { app: f.name };
    dp.pods.push({ name: f.name, namespace: f.namespace ?? 'default', nodeName: node.name, labels, createdAt: c.created, image: 'public.ecr.aws/nginx/nginx:1.27' });
  });
}

function normalizeWorkload(w: WorkloadSeed, where: string, created: string): WorkloadState {
  if (!w || (w.kind !== 'Deployment' && w.kind !== 'DaemonSet')) throw new SeedError(`${where}.kind must be Deployment or DaemonSet`);
  if (typeof w.name !== 'string' || w.name === '') throw new SeedError(`${where}.name must be a non-empty string`);
  const replicas = w.kind === 'DaemonSet' ? 0 : w.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 0) throw new SeedError(`${where}.replicas must be a non-negative integer`);
  return { ...w, createdAt: w.createdAt ?? created, namespace: w.namespace ?? 'default', replicas, labels: w.labels ?? { app: w.name }, image: w.image ?? 'public.ecr.aws/nginx/nginx:1.27' };
}

function normalizePod(p: PodSeed, dp: DataPlaneState, where: string, created: string): PodState {
  if (!p || typeof p.name !== 'string' || typeof p.namespace !== 'string') throw new SeedError(`${where} needs name and namespace`);
  if (p.nodeName !== undefined && !dp.nodes.some((n) => n.name === p.nodeName)) throw new SeedError(`${where}.nodeName '${p.nodeName}' is not a node of the cluster`);
  return normalizePodFields(p, dp, created);
}

function normalizePodFields(p: PodSeed, dp: DataPlaneState, created: string): PodState {
  const w = p.owner && dp.workloads.find((x) => x.name === p.owner!.name && x.namespace === p.namespace);
  return { ...p, labels: p.labels ?? w?.labels ?? {}, createdAt: p.createdAt ?? created, image: p.image ?? w?.image ?? 'public.ecr.aws/nginx/nginx:1.27' };
}

function normalizePdb(b: PodDisruptionBudgetSeed, where: string, created: string): PdbState {
  if (!b || typeof b.name !== 'string' || b.name === '') throw new SeedError(`${where}.name must be a non-empty string`);
  if (!b.selector || typeof b.selector !== 'object') throw new SeedError(`${where}.selector must be an object of labels`);
  if ((b.minAvailable === undefined) === (b.maxUnavailable === undefined)) throw new SeedError(`${where} needs exactly one of minAvailable and maxUnavailable`);
  for (const v of [b.minAvailable, b.maxUnavailable]) {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0) && !(typeof v === 'string' && /^\d{1,3}%$/.test(v))) {
      throw new SeedError(`${where}: minAvailable / maxUnavailable must be a non-negative integer or a percentage like "50%"`);
    }
  }
  return { ...b, namespace: b.namespace ?? 'default', createdAt: b.createdAt ?? created };
}

function unique(names: string[], where: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new SeedError(`${where} has two nodes named '${n}'`);
    seen.add(n);
  }
}

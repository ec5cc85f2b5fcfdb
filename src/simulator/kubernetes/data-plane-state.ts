import type {
  AutoModeDriftSeed, DataPlaneSeed, NodeManager, PodDisruptionBudgetSeed, PodSeed, WorkloadSeed,
} from './data-plane-seed';

/** A seed's data plane with every default filled in: the form the simulator works on and `state()` returns. */
export interface DataPlaneState extends DataPlaneSeed {
  nodes: NodeState[];
  workloads: WorkloadState[];
  pods: PodState[];
  fargatePods: [];
  podDisruptionBudgets: PdbState[];
  namespaces: string[];
  autoModeDrift?: AutoModeDriftSeed;
  nextNodeNumber: number;
  nextPodNumber: number;
}

export interface NodeState {
  name: string;
  managedBy: NodeManager;
  nodegroup?: string;
  nodePool?: string;
  kubeletVersion: string;
  instanceType: string;
  /** Every label, the ones EKS and Karpenter set included. */
  labels: Record<string, string>;
  unschedulable: boolean;
  createdAt: string;
}

export interface WorkloadState extends WorkloadSeed {
  namespace: string;
  replicas: number;
  labels: Record<string, string>;
  image: string;
  createdAt: string;
  /** An add-on's workload rolling to `image` between the two times (epoch ms), as read at `now`: derived on read, never stored. */
  rollout?: { image: string; startMs: number; endMs: number; now: number };
  /** `metadata.generation` of an add-on's workload, one more for each update of the add-on: derived on read, never stored. */
  generation?: number;
}

export interface PodState extends PodSeed {
  labels: Record<string, string>;
  createdAt: string;
  image: string;
}

export interface PdbState extends PodDisruptionBudgetSeed {
  namespace: string;
  createdAt: string;
}

/** Label keys EKS and Karpenter put on nodes (EKS User Guide, managed-node-update-behavior; Karpenter docs). */
export const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';
export const NODEPOOL_LABEL = 'karpenter.sh/nodepool';

/** Pods and nodes of a data plane are looked up by name often enough to index. */
export function nodeByName(dp: DataPlaneState, name: string | undefined): NodeState | undefined {
  return name === undefined ? undefined : dp.nodes.find((n) => n.name === name);
}

/** The stored pods of a Deployment (owned through its ReplicaSets), in the order they were created. */
export function deploymentPods(dp: DataPlaneState, w: Pick<WorkloadState, 'name' | 'namespace'>): PodState[] {
  return dp.pods.filter((p) => p.owner?.kind === 'Deployment' && p.owner.name === w.name && p.namespace === w.namespace);
}

/** A pod counts as healthy (for budgets and the Ready column) once it has a node and its `readyAt` has passed. */
export function podReady(pod: PodState, now: number): boolean {
  return pod.nodeName !== undefined && (pod.readyAt === undefined || Date.parse(pod.readyAt) <= now);
}

export function matchesLabels(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/**
 * What a seed may say about a cluster's data plane (`ClusterSeed.dataPlane`), as JSON. Every field is optional, so
 * seeds written before the data plane existed keep working: a managed node group without listed nodes gets
 * `scalingConfig.desiredSize` generated ones, and a workload without listed pods gets its replicas spread over the
 * nodes it may run on. `state()` writes the settled data plane in this same shape (nodes and pods named and placed),
 * so its output seeds an identical simulator. docs/simulator.md documents each field.
 */
export interface DataPlaneSeed {
  /** Nodes beyond (or instead of) the generated ones: self-managed, Karpenter, Auto Mode, or a node group's own. */
  nodes?: NodeSeed[];
  /** Deployments and DaemonSets; a Deployment's pods are placed on nodes, a DaemonSet's run on every eligible node. */
  workloads?: WorkloadSeed[];
  /** Pods already placed (what `state()` writes); generated from `workloads` when absent. */
  pods?: PodSeed[];
  /** Pods Fargate runs, each on its own `fargate-…` node whose kubelet stays as it was when the pod started. */
  fargatePods?: FargatePodSeed[];
  podDisruptionBudgets?: PodDisruptionBudgetSeed[];
  /** Namespaces beyond `default`, `kube-system` and the ones workloads, pods and budgets name. */
  namespaces?: string[];
  /** Auto Mode nodes moving to the control plane's kubelet after a control-plane update (what `state()` writes). */
  autoModeDrift?: AutoModeDriftSeed;
  /** The next node number to use when a node joins, so node names never repeat (what `state()` writes). */
  nextNodeNumber?: number;
  /** The next pod number, likewise for pod names (what `state()` writes). */
  nextPodNumber?: number;
}

/** Who manages a node, and so what moves it: EKS (`nodegroup`, `auto`), Karpenter, or nobody but its owner. */
export type NodeManager = 'nodegroup' | 'self-managed' | 'karpenter' | 'auto' | 'fargate';

export interface NodeSeed {
  /** Default: generated (`ip-10-0-…ec2.internal`, or an instance id for Auto Mode). */
  name?: string;
  managedBy: NodeManager;
  /** The managed node group (managedBy `nodegroup`). */
  nodegroup?: string;
  /** The Karpenter or Auto Mode node pool (default `default` / `general-purpose`). */
  nodePool?: string;
  /** `v1.29.15-eks-…`, or a minor (`1.27`) the simulator completes. Default: the node group's, else the cluster's. */
  kubeletVersion?: string;
  instanceType?: string;
  /** Extra labels; the ones EKS and Karpenter set are added. */
  labels?: Record<string, string>;
  /** Cordoned (`kubectl cordon`, or a roll draining it). */
  unschedulable?: boolean;
  createdAt?: string;
  /** This many nodes alike (generated names); default 1. Not written by `state()`. */
  count?: number;
}

export interface WorkloadSeed {
  kind: 'Deployment' | 'DaemonSet';
  name: string;
  /** Default `default`. */
  namespace?: string;
  /** Deployment only; default 1. */
  replicas?: number;
  /** Pod labels, also the selector; default `{ app: <name> }`. */
  labels?: Record<string, string>;
  /** Pods run only on nodes with all these labels (e.g. `eks.amazonaws.com/nodegroup: general`). */
  nodeSelector?: Record<string, string>;
  image?: string;
  /** Default: the cluster's creation time. */
  createdAt?: string;
}

export interface PodSeed {
  name: string;
  namespace: string;
  /** The workload that owns it (absent: a pod with no controller, which nothing recreates once evicted). */
  owner?: { kind: 'Deployment' | 'DaemonSet'; name: string };
  /** Absent: Pending (no node could take it). */
  nodeName?: string;
  labels?: Record<string, string>;
  /** When it became (or becomes) Ready; absent means Ready since the start. */
  readyAt?: string;
  createdAt?: string;
  image?: string;
}

export interface FargatePodSeed {
  name: string;
  /** Default `default`. */
  namespace?: string;
  labels?: Record<string, string>;
  /** The kubelet of its Fargate node; default the cluster's minor at seeding. */
  kubeletVersion?: string;
  /** Default `fargate` (the profile that selected it). */
  profile?: string;
}

export interface PodDisruptionBudgetSeed {
  name: string;
  /** Default `default`. */
  namespace?: string;
  /** policy/v1 `spec.selector.matchLabels` (the simulator models matchLabels only). */
  selector: Record<string, string>;
  /** An integer, or a percentage such as `"50%"`; exactly one of the two. */
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  /** Default: the cluster's creation time. */
  createdAt?: string;
}

export interface AutoModeDriftSeed {
  /** The kubelet minor Auto Mode nodes are moving to. */
  targetVersion: string;
  /** Simulated time of the next node replacement. */
  nextAt: string;
}

/**
 * A managed node group version update rolling its nodes (on its UpdateSeed, as `state()` writes it). Times are
 * milliseconds after the update's `createdAt`, so a seed's `timeOrigin` moves them with the update.
 */
export interface NodeRollSeed {
  nodegroup: string;
  /** The kubelet and AMI release new nodes join with. */
  kubeletVersion: string;
  image?: string;
  force: boolean;
  /** Nodes replaced at once: the group's maxUnavailable. */
  batchSize: number;
  /** The setup phase, and one batch, as planned (the update's duration spread over its batches). */
  setupMs: number;
  batchMs: number;
  /** Each batch's own planned time, when the roll was drawn batch by batch (`durations.drawEachBatch`). */
  batchesMs?: number[];
  /** Old nodes not drained yet, and the batch being drained (cordoned), which began draining at `drainStartedAtMs`. */
  pending: string[];
  draining: string[];
  drainStartedAtMs?: number;
  /** Index of the current batch. */
  batch: number;
  /** What the next step does: start a batch, retry its evictions, or let its drained nodes leave. */
  step: 'start' | 'drain' | 'leave';
  nextAtMs: number;
  done: boolean;
}

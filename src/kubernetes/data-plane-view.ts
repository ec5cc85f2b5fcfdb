/**
 * What the Kubernetes API showed of the data plane, as plain data: the planner's rules are pure functions of it
 * (never of a client), so a test can hand them any data plane.
 */
export interface DataPlaneView {
  readonly nodes: readonly DataPlaneNode[];
  readonly pods: readonly DataPlanePod[];
  readonly podDisruptionBudgets: readonly DataPlaneBudget[];
  readonly workloads: readonly DataPlaneWorkload[];
}

/**
 * What keeps a node's kubelet current, read from the labels EKS and Karpenter put on the nodes they launch:
 * `eks.amazonaws.com/compute-type` (`fargate`, `auto`), `eks.amazonaws.com/nodegroup`, `karpenter.sh/nodepool`
 * (Auto Mode nodes carry it too, so compute-type is read first); none of them means self-managed.
 */
export type NodeManager =
  | { readonly kind: 'nodegroup'; readonly nodegroup: string }
  | { readonly kind: 'karpenter'; readonly nodePool: string }
  | { readonly kind: 'auto'; readonly nodePool?: string }
  | { readonly kind: 'fargate' }
  | { readonly kind: 'self-managed' };

export interface DataPlaneNode {
  readonly name: string;
  /** As the node reports it (`v1.29.10-eks-94953ac`). */
  readonly kubeletVersion: string;
  /** Its minor (`1.29`), or undefined when the version does not read as one. */
  readonly minor?: string;
  readonly managedBy: NodeManager;
  readonly unschedulable: boolean;
  /** Its Ready condition; undefined when the node reports none. */
  readonly ready?: boolean;
}

export interface DataPlanePod {
  readonly namespace: string;
  readonly name: string;
  /** Absent while the pod is not scheduled. */
  readonly nodeName?: string;
  /** Its controller (`ReplicaSet/web-5d4f`, `DaemonSet/kube-proxy`), absent for a bare pod. */
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly phase?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Its Ready condition; absent when the pod reports none. Budgets count only Ready pods as healthy. */
  readonly ready?: boolean;
  /** Its containers' images, which name an add-on's version (`…/amazon-k8s-cni:v1.19.0-eksbuild.1`). */
  readonly images?: readonly string[];
}

export interface DataPlaneBudget {
  readonly namespace: string;
  readonly name: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly disruptionsAllowed?: number;
  /** `spec.minAvailable` / `spec.maxUnavailable`: a count, or a percentage as written (`"50%"`). */
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
  /** `status`: the pods the budget expects, how many must stay healthy, and how many are. */
  readonly expectedPods?: number;
  readonly desiredHealthy?: number;
  readonly currentHealthy?: number;
}

export interface DataPlaneWorkload {
  readonly kind: 'Deployment' | 'DaemonSet';
  readonly namespace: string;
  readonly name: string;
  /** `spec.replicas` of a Deployment. */
  readonly replicas?: number;
  /** `spec.selector.matchLabels`: how its pods are found (they are owned by its ReplicaSets, not by it). */
  readonly selector?: Readonly<Record<string, string>>;
}

export const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
export const NODEPOOL_LABEL = 'karpenter.sh/nodepool';
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';

export function nodeManager(labels: Readonly<Record<string, string>>): NodeManager {
  const computeType = labels[COMPUTE_TYPE_LABEL];
  if (computeType === 'fargate') return { kind: 'fargate' };
  if (computeType === 'auto') return { kind: 'auto', ...(labels[NODEPOOL_LABEL] ? { nodePool: labels[NODEPOOL_LABEL] } : {}) };
  if (labels[NODEGROUP_LABEL]) return { kind: 'nodegroup', nodegroup: labels[NODEGROUP_LABEL] };
  if (labels[NODEPOOL_LABEL]) return { kind: 'karpenter', nodePool: labels[NODEPOOL_LABEL] };
  return { kind: 'self-managed' };
}

/** Whether a node belongs to managed node group `nodegroup` (its `eks.amazonaws.com/nodegroup` label). */
export function inNodegroup(node: DataPlaneNode, nodegroup: string): boolean {
  return node.managedBy.kind === 'nodegroup' && node.managedBy.nodegroup === nodegroup;
}

/** The names of the nodes of managed node group `nodegroup`. */
export function nodegroupNodeNames(view: DataPlaneView, nodegroup: string): Set<string> {
  return new Set(view.nodes.filter((n) => inNodegroup(n, nodegroup)).map((n) => n.name));
}

/** `v1.29.10-eks-94953ac` → `1.29`. */
export function kubeletMinor(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.|$|-|\+)/.exec(version.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** In words, for a message: `Karpenter NodePool default`, `managed node group general`. */
export function describeManager(m: NodeManager): string {
  switch (m.kind) {
    case 'nodegroup': return `managed node group ${m.nodegroup}`;
    case 'karpenter': return `Karpenter NodePool ${m.nodePool}`;
    case 'auto': return `EKS Auto Mode${m.nodePool ? ` NodePool ${m.nodePool}` : ''}`;
    case 'fargate': return 'Fargate';
    default: return 'self-managed (no EKS or Karpenter label)';
  }
}

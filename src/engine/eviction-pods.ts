import { DataPlaneBudget, DataPlanePod, DataPlaneView, DataPlaneWorkload } from '../kubernetes/data-plane-view';

/**
 * What the eviction rules (EVICTION-BUDGET, EVICTION-BARE-PODS, NODE-ROLL-BATCHES in docs/eks-rules.md) share: which
 * pods a node-group roll drains, which budgets select them, and how many disruptions a budget allows once every
 * controller has its pods back. Pure functions of the DataPlaneView, written from the Kubernetes disruptions and
 * PodDisruptionBudget pages, never from the simulator.
 */

/** One prediction: pods a roll cannot evict within EKS's 15 minutes, the budgets that hold them, and why. */
export interface EvictionPrediction {
  readonly rule: string;
  readonly nodegroup: string;
  /** `namespace/name` of each budget involved. */
  readonly budgets: readonly string[];
  /** `namespace/name` of each pod predicted to stay. */
  readonly pods: readonly string[];
  readonly why: string;
}

export const podKey = (p: Pick<DataPlanePod, 'namespace' | 'name'>) => `${p.namespace}/${p.name}`;
export const budgetKey = (b: Pick<DataPlaneBudget, 'namespace' | 'name'>) => `${b.namespace}/${b.name}`;

/** A budget's `matchLabels` selects pods of its own namespace carrying every label it lists (an empty one: all). */
export function selects(b: DataPlaneBudget, p: DataPlanePod): boolean {
  return b.namespace === p.namespace && Object.entries(b.selector).every(([k, v]) => p.labels[k] === v);
}

/** Pods that no longer run (Succeeded, Failed) hold nothing; they are neither drained nor counted. */
const live = (p: DataPlanePod) => p.phase !== 'Succeeded' && p.phase !== 'Failed';

/**
 * The pods a drain of `nodes` asks the Eviction API to evict: every live pod there but DaemonSet pods, which a drain
 * leaves to go with their node (the DaemonSet controller would put them straight back).
 */
export function drainedPods(view: DataPlaneView, nodes: ReadonlySet<string>): DataPlanePod[] {
  return view.pods.filter((p) => live(p) && p.nodeName !== undefined && nodes.has(p.nodeName) && p.owner?.kind !== 'DaemonSet');
}

export function budgetsOf(view: DataPlaneView, pod: DataPlanePod): DataPlaneBudget[] {
  return view.podDisruptionBudgets.filter((b) => selects(b, pod));
}

export function selectedPods(view: DataPlaneView, b: DataPlaneBudget): DataPlanePod[] {
  return view.pods.filter((p) => live(p) && selects(b, p));
}

/**
 * The Deployment whose pod this is. Pods are owned by a ReplicaSet named `<deployment>-<hash>`, so the Deployment is
 * found by that prefix and its selector; a pod that names its Deployment directly is taken at its word.
 */
function podDeployment(view: DataPlaneView, pod: DataPlanePod): DataPlaneWorkload | undefined {
  const owner = pod.owner;
  if (!owner || (owner.kind !== 'ReplicaSet' && owner.kind !== 'Deployment')) return undefined;
  return view.workloads.find((w) => w.kind === 'Deployment' && w.namespace === pod.namespace && (owner.kind === 'Deployment'
    ? w.name === owner.name
    : owner.name.startsWith(`${w.name}-`) && Object.entries(w.selector ?? {}).every(([k, v]) => pod.labels[k] === v)));
}

/** A pod with no controller at all: once evicted, nothing recreates it. */
export const bare = (p: DataPlanePod) => p.owner === undefined;

export interface Allowance {
  /** Disruptions the budget allows once every Deployment has its replicas Ready again. */
  readonly allowed: number;
  readonly desiredHealthy: number;
  /** Healthy pods at that point: each Deployment's replicas, plus the other pods it selects that are Ready now. */
  readonly steadyHealthy: number;
  /** Why it allows none, in words, when it allows none. */
  readonly cause?: string;
}

const percent = (v: number | string | undefined): v is string => typeof v === 'string';
/** configure-pdb: a percentage is of the expected pods, rounded up. */
const ofPercent = (v: string, total: number) => Math.ceil((parseInt(v, 10) * total) / 100);

/**
 * How many disruptions a budget allows at steady state (Kubernetes disruptions page: disruptionsAllowed = healthy −
 * desiredHealthy). `minAvailable: n` needs n healthy pods; a percentage, or `maxUnavailable`, is taken of the
 * replicas the pods' controllers ask for, and when a selected pod has no controller with a scale Kubernetes allows
 * no disruption at all. When the budget's spec was not read, its status is trusted.
 */
export function budgetAllowance(view: DataPlaneView, b: DataPlaneBudget): Allowance {
  const pods = selectedPods(view, b);
  const deployments = new Map<string, DataPlaneWorkload>();
  let others = 0;
  let unscaled = 0;
  for (const p of pods) {
    const d = podDeployment(view, p);
    if (d) {deployments.set(d.name, d);} else {
      unscaled++;
      if (p.ready !== false) others++;
    }
  }
  const scale = [...deployments.values()].reduce((n, d) => n + (d.replicas ?? pods.filter((p) => podDeployment(view, p) === d).length), 0);
  if (b.minAvailable === undefined && b.maxUnavailable === undefined) return fromStatus(b);
  if (!percent(b.minAvailable) && b.minAvailable !== undefined) return allowance(scale + others, b.minAvailable, describeMin(b.minAvailable, scale + others));
  if (unscaled > 0) {
    return { allowed: 0, desiredHealthy: pods.length, steadyHealthy: scale + others, cause: 'it is a percentage or maxUnavailable over pods without a controller that has a scale (no controller, or a DaemonSet), so Kubernetes allows no disruption' };
  }
  if (b.minAvailable !== undefined) return allowance(scale, ofPercent(b.minAvailable as string, scale), describeMin(b.minAvailable, scale));
  const maxUnavailable = percent(b.maxUnavailable) ? ofPercent(b.maxUnavailable, scale) : b.maxUnavailable!;
  return allowance(scale, Math.max(0, scale - maxUnavailable), `maxUnavailable is ${b.maxUnavailable}${maxUnavailable === 0 ? '' : ` of ${scale}`}: it allows no voluntary disruption`);
}

function allowance(steadyHealthy: number, desiredHealthy: number, cause: string): Allowance {
  const allowed = Math.max(0, steadyHealthy - desiredHealthy);
  return { allowed, desiredHealthy, steadyHealthy, ...(allowed === 0 ? { cause } : {}) };
}

function describeMin(min: number | string, pods: number): string {
  if (pods === 1) return `a single replica behind minAvailable ${min}: evicting it would leave fewer than the budget keeps`;
  return `minAvailable ${min} keeps all ${pods} pods it selects: no pod may ever be evicted`;
}

/** A budget read without its spec: its status's expected and desired counts, if any, else what it allows now. */
function fromStatus(b: DataPlaneBudget): Allowance {
  if (b.expectedPods !== undefined && b.desiredHealthy !== undefined) {
    return allowance(b.expectedPods, b.desiredHealthy, `its status expects ${b.expectedPods} pods and keeps ${b.desiredHealthy} healthy`);
  }
  const now = b.disruptionsAllowed ?? 0;
  return allowance(now, 0, 'its status allows no disruption');
}

import { matchesLabels, podReady, type DataPlaneState, type PdbState, type PodState } from './data-plane-state';

/**
 * PodDisruptionBudget status and eviction verdicts with Kubernetes' semantics (EVICTION-BUDGET in docs/eks-rules.md;
 * https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ and
 * https://kubernetes.io/docs/tasks/run-application/configure-pdb/): an eviction is granted only while every budget
 * selecting the pod allows a disruption, i.e. its healthy pods stay at or above `desiredHealthy` after it.
 */
export interface PdbStatus {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
  /** Why no disruption can be computed (a percentage or maxUnavailable over pods without a scalable controller). */
  problem?: string;
}

export function selectedPods(dp: DataPlaneState, pdb: PdbState): PodState[] {
  return dp.pods.filter((p) => p.namespace === pdb.namespace && matchesLabels(p.labels, pdb.selector));
}

/**
 * `minAvailable: n` expects the pods that exist; a percentage or `maxUnavailable` expects the replicas their
 * controllers ask for, rounding percentages up (configure-pdb: "rounded up"). Pods with no scalable controller
 * under such a budget leave nothing to compute from: Kubernetes then allows no disruption.
 */
export function pdbStatus(dp: DataPlaneState, pdb: PdbState, now: number): PdbStatus {
  const pods = selectedPods(dp, pdb);
  const currentHealthy = pods.filter((p) => podReady(p, now)).length;
  const percent = (v: number | string | undefined) => typeof v === 'string';
  let expectedPods = pods.length;
  let desiredHealthy: number;
  let problem: string | undefined;
  if (pdb.minAvailable !== undefined && !percent(pdb.minAvailable)) {
    desiredHealthy = pdb.minAvailable as number;
  } else {
    const scale = controllerScale(dp, pods);
    if (scale === undefined) {
      problem = 'a selected pod has no controller with a scale (Deployment), so a percentage or maxUnavailable cannot be applied';
      desiredHealthy = expectedPods;
    } else {
      expectedPods = scale;
      desiredHealthy = pdb.minAvailable !== undefined
        ? Math.ceil((parseInt(pdb.minAvailable as string, 10) * scale) / 100)
        : Math.max(0, scale - scaled(pdb.maxUnavailable!, scale));
    }
  }
  const disruptionsAllowed = problem ? 0 : Math.max(0, currentHealthy - desiredHealthy);
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, ...(problem ? { problem } : {}) };
}

function scaled(value: number | string, total: number): number {
  return typeof value === 'number' ? value : Math.ceil((parseInt(value, 10) * total) / 100);
}

/** The replicas the selected pods' Deployments ask for; undefined when a pod has none (bare pod or DaemonSet). */
function controllerScale(dp: DataPlaneState, pods: PodState[]): number | undefined {
  const owners = new Set<string>();
  for (const p of pods) {
    if (p.owner?.kind !== 'Deployment') return undefined;
    owners.add(p.owner.name);
  }
  let total = 0;
  for (const name of owners) total += dp.workloads.find((w) => w.kind === 'Deployment' && w.name === name && w.namespace === pods[0].namespace)?.replicas ?? 0;
  return total;
}

export type EvictionVerdict = { allowed: true; budget?: PdbState } | { allowed: false; reason: string; budgets: PdbState[] };

/**
 * The Eviction API's answer for one pod. Refused (429 in Kubernetes) when a budget allows no disruption; a pod
 * selected by two or more budgets cannot be evicted at all (the API answers 500, and the EKS guide lists "multiple
 * PDBs pointing to the same Pod" as a PodEvictionFailure cause). A pod that is not Ready may go while its budget is
 * met (the default `unhealthyPodEvictionPolicy: IfHealthyBudget`), and a Pending pod may always go.
 */
export function evictionVerdict(dp: DataPlaneState, pod: PodState, now: number): EvictionVerdict {
  if (pod.nodeName === undefined) return { allowed: true };
  const budgets = dp.podDisruptionBudgets.filter((b) => b.namespace === pod.namespace && matchesLabels(pod.labels, b.selector));
  if (budgets.length === 0) return { allowed: true };
  if (budgets.length > 1) {
    return { allowed: false, reason: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', budgets };
  }
  const status = pdbStatus(dp, budgets[0], now);
  const ready = podReady(pod, now);
  const ok = ready ? status.disruptionsAllowed > 0 : status.currentHealthy >= status.desiredHealthy && !status.problem;
  return ok ? { allowed: true, budget: budgets[0] } : { allowed: false, reason: 'Cannot evict pod as it would violate the pod\'s disruption budget.', budgets };
}

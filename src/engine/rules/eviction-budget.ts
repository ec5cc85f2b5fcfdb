import { DataPlaneView } from '../../kubernetes/data-plane-view';
import {
  budgetAllowance, budgetKey, budgetsOf, drainedPods, EvictionPrediction, podKey,
} from '../eviction-pods';

/**
 * EVICTION-BUDGET — a drain evicts through the Eviction API, which refuses an eviction while a PodDisruptionBudget
 * selecting the pod allows no disruption, and refuses outright a pod that two budgets select
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/). EKS retries, and fails the update with
 * PodEvictionFailure when the pods have not left within 15 minutes and no force flag was set (User Guide,
 * managed-node-update-behavior). So the roll of `nodegroup` fails for every pod on its nodes under a budget that
 * allows no disruption even once every controller has its pods back (minAvailable = replicas, maxUnavailable 0, a
 * single replica behind minAvailable 1), and for every pod under two budgets.
 */
export function checkBudgetsAllowNothing(view: DataPlaneView, nodegroup: string, nodes: ReadonlySet<string>): EvictionPrediction[] {
  const drained = drainedPods(view, nodes);
  const out: EvictionPrediction[] = [];
  const multiple = drained.filter((p) => budgetsOf(view, p).length > 1);
  for (const p of multiple) {
    out.push({
      rule: 'EVICTION-BUDGET',
      nodegroup,
      budgets: budgetsOf(view, p).map(budgetKey),
      pods: [podKey(p)],
      why: 'more than one PodDisruptionBudget selects it, and the Eviction API refuses to evict such a pod at all',
    });
  }
  for (const b of view.podDisruptionBudgets) {
    const held = drained.filter((p) => budgetsOf(view, p).length === 1 && budgetsOf(view, p)[0] === b);
    if (held.length === 0) continue;
    const a = budgetAllowance(view, b);
    if (a.allowed > 0) continue;
    out.push({ rule: 'EVICTION-BUDGET', nodegroup, budgets: [budgetKey(b)], pods: held.map(podKey), why: `disruptionsAllowed stays 0 and nothing will free one: ${a.cause}` });
  }
  return out;
}

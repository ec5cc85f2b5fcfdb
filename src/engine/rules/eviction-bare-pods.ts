import { DataPlaneView } from '../../kubernetes/data-plane-view';
import {
  bare, budgetAllowance, budgetKey, budgetsOf, drainedPods, EvictionPrediction, podKey,
} from '../eviction-pods';

/**
 * EVICTION-BARE-PODS — a pod with no controller is evicted like any other: neither the Eviction API nor the EKS
 * update behaviour page makes an exception for it (only `kubectl drain` refuses it without --force), and nothing
 * recreates it. Each such eviction spends one of its budget's disruptions for good, so a roll that must evict more of
 * them than the budget allows, or as many while other pods of the budget still have to go, is held until EKS's
 * 15 minutes run out (PodEvictionFailure). A budget that allows nothing at all is EVICTION-BUDGET's.
 */
export function checkBarePods(view: DataPlaneView, nodegroup: string, nodes: ReadonlySet<string>): EvictionPrediction[] {
  const drained = drainedPods(view, nodes);
  const out: EvictionPrediction[] = [];
  for (const b of view.podDisruptionBudgets) {
    const mine = drained.filter((p) => { const bs = budgetsOf(view, p); return bs.length === 1 && bs[0] === b; });
    const barePods = mine.filter(bare);
    if (barePods.length === 0) continue;
    const { allowed } = budgetAllowance(view, b);
    if (allowed === 0) continue;
    const others = mine.length - barePods.length;
    if (barePods.length < allowed || (barePods.length === allowed && others === 0)) continue;
    out.push({
      rule: 'EVICTION-BARE-PODS',
      nodegroup,
      budgets: [budgetKey(b)],
      pods: mine.map(podKey),
      why: `${barePods.length} of its pods on the node group have no controller, so each eviction of one is a disruption that never heals, and the budget allows ${allowed}${others ? ` while ${others} more of its pods there must also go` : ''}`,
    });
  }
  return out;
}

import { DataPlaneView } from '../../kubernetes/data-plane-view';
import {
  bare, budgetAllowance, budgetKey, budgetsOf, drainedPods, EvictionPrediction, podKey,
} from '../eviction-pods';

/** EKS gives the pods of a node 15 minutes to leave (User Guide, managed-node-update-behavior). */
const EVICTION_WINDOW_SECONDS = 15 * 60;
/**
 * How long a replacement pod takes to become Ready (scheduled, image pulled, readiness probe passed). No source
 * gives it: it is the workload's own. The planner assumes 30 s, on the slow side of a small stateless pod; a workload
 * that starts slower can still fail where this rule predicts none.
 */
export const ASSUMED_POD_START_SECONDS = 30;

/**
 * NODE-ROLL-BATCHES — a roll drains `batchSize` nodes (maxUnavailable) at once. A budget allowing `a` disruptions
 * lets `a` of its pods go, then the next `a` only once their replacements are Ready: the batch with the most of its
 * pods needs ceil(pods / a) such rounds, and when they cannot fit in EKS's 15 minutes at ASSUMED_POD_START_SECONDS
 * each, the update fails with PodEvictionFailure. The busiest batch is assumed, since EKS does not say which nodes
 * go together.
 */
export function checkBatchDrainTime(view: DataPlaneView, nodegroup: string, nodes: ReadonlySet<string>, batchSize: number): EvictionPrediction[] {
  const drained = drainedPods(view, nodes).filter((p) => !bare(p));
  const out: EvictionPrediction[] = [];
  for (const b of view.podDisruptionBudgets) {
    const mine = drained.filter((p) => { const bs = budgetsOf(view, p); return bs.length === 1 && bs[0] === b; });
    const { allowed } = budgetAllowance(view, b);
    if (mine.length === 0 || allowed === 0) continue;
    const perNode = new Map<string, typeof mine>();
    for (const p of mine) perNode.set(p.nodeName!, [...(perNode.get(p.nodeName!) ?? []), p]);
    const busiest = [...perNode.values()].sort((x, y) => y.length - x.length).slice(0, Math.max(1, batchSize)).flat();
    const rounds = Math.ceil(busiest.length / allowed);
    if ((rounds - 1) * ASSUMED_POD_START_SECONDS < EVICTION_WINDOW_SECONDS) continue;
    out.push({
      rule: 'NODE-ROLL-BATCHES',
      nodegroup,
      budgets: [budgetKey(b)],
      pods: busiest.map(podKey),
      why: `one batch of ${batchSize} node(s) holds ${busiest.length} of its pods and it allows ${allowed} at a time: ${rounds} rounds of replacements becoming Ready (about ${ASSUMED_POD_START_SECONDS} s each, assumed) do not fit in EKS's 15 minutes`,
    });
  }
  return out;
}

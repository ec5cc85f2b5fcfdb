import type { InsightSummary } from '@aws-sdk/client-eks';

/**
 * Readiness checks the simulator derives from what a seed carries (node groups, add-ons, the add-on catalog; see
 * docs/simulator.md, "Insight"): a seed carrying them too would list each twice. Their names are EKS's own, as
 * real ListInsights output shows them.
 */
export const DERIVED_FROM_SEED: readonly string[] = ['kube-proxy version skew', 'Kubelet version skew', 'EKS add-on version compatibility', 'Amazon Linux 2 compatibility'];

/**
 * Whether a seed carries this insight: every one not PASSING that the simulator cannot derive, such as deprecated
 * APIs still in use or cluster health issues (facts of the workloads and the account the snapshot cannot read
 * otherwise). A PASSING insight blocks nothing and the simulator lists its own.
 */
export function carriesInsight(summary: InsightSummary): boolean {
  const status = summary.insightStatus?.status;
  return status !== undefined && status !== 'PASSING' && !DERIVED_FROM_SEED.includes(summary.name ?? '');
}

import { versionStatus, versionSupport } from '../cluster-versions';
import { clusterErrors } from '../eks-errors';
import type { ClusterState, SimState } from '../state';
import { upgradePolicyOf } from '../wire';

/**
 * ROLLBACK-ELIGIBLE: "To rollback to a version that is in extended support, you must first change the cluster's
 * upgrade policy to EXTENDED" (User Guide, Roll back a cluster, Prerequisites). `force` does not lift it: force
 * bypasses only the insight checks (same page). The 7-day window and the created-at-current-version rule are
 * CP-ROLLBACK's (cp-rollback.ts); ERROR rollback-readiness insights are INSIGHTS-PER-STEP's (insights-per-step.ts).
 */
export function checkRollbackSupportPolicy(state: SimState, c: ClusterState, version: string, now: number): void {
  const support = versionSupport(state, version);
  if (support === undefined || versionStatus(support, now) !== 'EXTENDED_SUPPORT') return;
  if (upgradePolicyOf(c) === 'STANDARD') throw clusterErrors.rollbackNeedsExtendedPolicy(c.name, version);
}

import { clusterErrors } from '../eks-errors';
import { clusterInsights } from '../insights';
import type { OperationContext } from '../operation-context';
import type { ClusterState } from '../state';

/**
 * INSIGHTS-PER-STEP: UpdateClusterVersion without `force` is refused while an ERROR readiness insight stands
 * for the version it targets (upgrade readiness for an upgrade, rollback readiness for a rollback).
 * Source: API Reference, UpdateClusterVersion (`force`: "override upgrade-blocking readiness checks"); EKS
 * answers InvalidStateException "Upgrade readiness issues detected. Call the EKS ListInsights API to view
 * upgrade blocking issues detected by EKS. Pass the force flag to override upgrade readiness errors and
 * proceed with upgrade." (terraform-provider-aws#42031).
 */
export function checkReadinessInsights(ctx: OperationContext, c: ClusterState, version: string, rollback: boolean): void {
  if (ctx.body.force === true) return;
  const category = rollback ? 'ROLLBACK_READINESS' : 'UPGRADE_READINESS';
  const blocking = clusterInsights(ctx.state, c, ctx.faults.insightsFor(c.name))
    .some((i) => i.status === 'ERROR' && i.category === category && i.kubernetesVersion === version);
  if (blocking) throw clusterErrors.readinessIssues(c.name, rollback ? 'rollback' : 'upgrade');
}

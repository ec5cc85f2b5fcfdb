import { clusterErrors, requestErrors } from '../eks-errors';
import { refreshInsights } from '../insights';
import { minorDistance } from '../minor-version';
import type { OperationContext } from '../operation-context';
import type { ClusterState } from '../state';
import { inProgressUpdate } from '../world';
import { checkRollbackAllowed } from './cp-rollback';
import { checkFargatePodsMatch } from './fargate-match-cp';
import { checkReadinessInsights } from './insights-per-step';
import { checkManagedNodegroupsMatch } from './mng-match-cp';
import { checkRollbackSupportPolicy } from './rollback-eligible';
import { checkNodegroupsRolledBack } from './rollback-mng-first';

export interface ClusterVersionChange {
  version: string;
  rollback: boolean;
}

/**
 * UpdateClusterVersion's rules, in the order EKS reports them: CP-ONE-UPDATE, CP-ONE-MINOR, then for an
 * upgrade MNG-MATCH-CP and FARGATE-MATCH-CP and for a rollback CP-ROLLBACK, ROLLBACK-ELIGIBLE and ROLLBACK-MNG-FIRST, and last
 * INSIGHTS-PER-STEP.
 */
export function checkClusterVersionChange(ctx: OperationContext, c: ClusterState): ClusterVersionChange {
  const version = ctx.body.version;
  if (typeof version !== 'string' || version === '') throw requestErrors.missing('version', { clusterName: c.name });
  const distance = minorDistance(c.version, version);
  const rollback = distance === -1;

  // CP-ONE-UPDATE: API Reference, UpdateClusterVersion — Errors (ResourceInUseException).
  const running = inProgressUpdate(ctx.state, c.name, {});
  if (running) throw clusterErrors.updateInProgress(c.name, rollback ? 'VersionRollback' : 'VersionUpdate', running.id);

  // CP-ONE-MINOR: "Unsupported Kubernetes minor version update from X to Y" (User Guide, update-cluster).
  if (distance === undefined || !ctx.state.kubernetesVersions.includes(version) || (distance !== 1 && !rollback)) {
    throw clusterErrors.unsupportedVersionStep(c.name, c.version, version);
  }
  if (rollback) {
    checkRollbackAllowed(c, version, ctx.now, ctx.body.rollbackConfig);
    checkRollbackSupportPolicy(ctx.state, c, version, ctx.now);
    checkNodegroupsRolledBack(c, version);
  } else {
    checkManagedNodegroupsMatch(c, version);
    checkFargatePodsMatch(c);
  }
  // INSIGHTS-PER-STEP: EKS refreshes stale insights before a rollback unless forced (User Guide, Roll back a cluster:
  // "EKS runs an insight refresh before performing the rollback if insight data is stale"); the simulator does the
  // same before an upgrade, so its own checks never judge a step on insights older than the request.
  if (ctx.body.force !== true) refreshInsights(ctx.state, c, ctx.now);
  checkReadinessInsights(ctx, c, version, rollback);
  return { version, rollback };
}

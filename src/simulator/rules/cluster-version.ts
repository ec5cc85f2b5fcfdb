import { clusterErrors, requestErrors } from '../eks-errors';
import { minorDistance } from '../minor-version';
import type { OperationContext } from '../operation-context';
import type { ClusterState } from '../state';
import { inProgressUpdate } from '../world';
import { checkRollbackAllowed } from './cp-rollback';
import { checkFargatePodsMatch } from './fargate-match-cp';
import { checkReadinessInsights } from './insights-per-step';
import { checkManagedNodegroupsMatch } from './mng-match-cp';
import { checkNodegroupsRolledBack } from './rollback-mng-first';

export interface ClusterVersionChange {
  version: string;
  rollback: boolean;
}

/**
 * UpdateClusterVersion's rules, in the order EKS reports them: CP-ONE-UPDATE, CP-ONE-MINOR, then for an
 * upgrade MNG-MATCH-CP and FARGATE-MATCH-CP and for a rollback CP-ROLLBACK and ROLLBACK-MNG-FIRST, and last INSIGHTS-PER-STEP.
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
    checkNodegroupsRolledBack(c, version);
  } else {
    checkManagedNodegroupsMatch(c);
    checkFargatePodsMatch(c);
  }
  checkReadinessInsights(ctx, c, version, rollback);
  return { version, rollback };
}

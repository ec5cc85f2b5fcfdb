import { clusterErrors, requestErrors } from '../eks-errors';
import { clusterInsights } from '../insights';
import { minorDistance, minorOf } from '../minor-version';
import type { OperationContext } from '../operation-context';
import type { ClusterState } from '../state';
import { inProgressUpdate } from '../world';

const ROLLBACK_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface ClusterVersionChange {
  version: string;
  rollback: boolean;
}

/**
 * UpdateClusterVersion's rules: one update at a time; one minor up per update; down only as a rollback to
 * the version the cluster was upgraded from (within 7 days); kubelet skew; readiness insights unless forced.
 */
export function checkClusterVersionChange(ctx: OperationContext, c: ClusterState): ClusterVersionChange {
  const fields = { clusterName: c.name };
  const version = ctx.body.version;
  if (typeof version !== 'string' || version === '') throw requestErrors.missing('version', fields);
  const distance = minorDistance(c.version, version);
  const rollback = distance === -1;

  const running = inProgressUpdate(ctx.state, c.name, {});
  if (running) throw clusterErrors.updateInProgress(c.name, rollback ? 'VersionRollback' : 'VersionUpdate', running.id);

  if (distance === undefined || !ctx.state.kubernetesVersions.includes(version) || (distance !== 1 && !rollback)) {
    throw clusterErrors.unsupportedVersionStep(c.name, c.version, version);
  }
  if (rollback) checkRollback(ctx, c, version);
  else checkKubeletSkew(c, version);

  if (ctx.body.force !== true) {
    const category = rollback ? 'ROLLBACK_READINESS' : 'UPGRADE_READINESS';
    const blocking = clusterInsights(ctx.state, c, ctx.faults.insightsFor(c.name))
      .filter((i) => i.status === 'ERROR' && i.category === category && i.kubernetesVersion === version);
    if (blocking.length) throw clusterErrors.readinessIssues(c.name, version, blocking.map((i) => i.name));
  }
  return { version, rollback };
}

function checkRollback(ctx: OperationContext, c: ClusterState, version: string): void {
  const withinWindow = c.upgradedAt !== undefined && ctx.now - Date.parse(c.upgradedAt) <= ROLLBACK_WINDOW_MS;
  if (c.previousVersion !== version || !withinWindow) throw clusterErrors.rollbackUnavailable(c.name, version);
  const timeout = ctx.body.rollbackConfig?.timeoutMinutes;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 120 && timeout <= 10080)) {
    throw clusterErrors.rollbackTimeout(c.name, timeout);
  }
}

/** A kubelet may trail the API server by 3 minors from 1.25 on (2 before): the control plane may not outrun that. */
function checkKubeletSkew(c: ClusterState, version: string): void {
  const behind = c.nodegroups.filter((n) => {
    const minor = minorOf(n.version);
    return minor !== undefined && (minorDistance(n.version, version) ?? 0) > (minor >= 25 ? 3 : 2);
  });
  if (behind.length) throw clusterErrors.nodegroupsBehind(c.name, c.version, behind.map((n) => n.name));
}

import { clusterErrors } from '../eks-errors';
import type { ClusterState } from '../state';

const ROLLBACK_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * CP-ROLLBACK: a cluster returns only to the version its last in-place upgrade came from, one minor down,
 * within 7 days of that upgrade; rollbackConfig.timeoutMinutes is 120–10080 (default 720).
 * Source: User Guide, Rollback cluster to previous Kubernetes version; API Reference, RollbackConfig.
 */
export function rollbackTarget(c: ClusterState, now: number): string | undefined {
  const within = c.upgradedAt !== undefined && now - Date.parse(c.upgradedAt) <= ROLLBACK_WINDOW_MS;
  return within ? c.previousVersion : undefined;
}

export function checkRollbackAllowed(c: ClusterState, version: string, now: number, rollbackConfig: any): void {
  if (rollbackTarget(c, now) !== version) throw clusterErrors.rollbackUnavailable(c.name, version);
  const timeout = rollbackConfig?.timeoutMinutes;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 120 && timeout <= 10080)) {
    throw clusterErrors.rollbackTimeout(c.name, timeout);
  }
}

import { iso } from '../clock';
import { cancelErrors } from '../eks-errors';
import type { OperationContext } from '../operation-context';
import type { UpdateSeed } from '../seed';

/**
 * CANCEL-ROLLBACK-ONLY: CancelUpdate "is supported for VersionRollback update types on EKS Auto Mode clusters
 * when nodes are rolling back … If the control plane rollback has already begun, the cancellation request
 * fails" (API Reference, CancelUpdate). It is best effort and asynchronous: the update carries
 * `cancellation {status: InProgress}` until the cancellation settles as Successful (the update becomes
 * Cancelled) or Failed (API Reference, Cancellation: InProgress | Failed | Successful). EKS publishes no
 * messages for the refusals; the simulator's are its own.
 */
export function startCancellation(ctx: OperationContext, clusterName: string, u: UpdateSeed, token: string | undefined): void {
  if (u.type !== 'VersionRollback' || u.nodesPhaseEndsAt === undefined) throw cancelErrors.notCancellable(clusterName, u.id, u.type);
  if (u.status !== 'InProgress') throw cancelErrors.notInProgress(clusterName, u.id, u.status);
  if (ctx.now >= Date.parse(u.nodesPhaseEndsAt)) throw cancelErrors.controlPlanePhase(clusterName, u.id);
  if (u.cancellation?.status === 'InProgress') return;
  const d = ctx.durations;
  u.cancellation = { status: 'InProgress', reason: 'Cancelling the node rollback.' };
  u.cancelEndsAt = iso(ctx.now + d.ms(d.durations.cancelSeconds));
  u.cancelToken = token;
}

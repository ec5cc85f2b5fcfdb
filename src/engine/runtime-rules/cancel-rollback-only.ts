import type { Update } from '@aws-sdk/client-eks';
import { EksApi } from '../../aws/eks-api';
import { clientRequestToken } from '../client-token';

/** What a cancellation attempt left behind, as DescribeUpdate reads it afterwards. */
export interface CancellationOutcome {
  /** The update's status after the attempt (undefined when it could not be read). */
  readonly status?: string;
  readonly cancellation?: { readonly status?: string; readonly reason?: string };
  /** One sentence for the error message: what was asked, what EKS says now, and what that means. */
  readonly text: string;
}

/**
 * CANCEL-ROLLBACK-ONLY: called only for a VersionRollback this run started. CancelUpdate "Cancels an in-progress
 * update ... on a best-effort basis ... supported for VersionRollback update types on EKS Auto Mode clusters when
 * nodes are rolling back ... If the control plane rollback has already begun, the cancellation request fails"
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_CancelUpdate.html). Its answer is therefore not the
 * outcome: the update's `cancellation` ({status: InProgress | Failed | Successful, reason},
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_Cancellation.html) is read with DescribeUpdate afterwards
 * and reported as EKS states it, never as an assumed "Cancelled".
 */
export async function cancelOwnRollback(api: EksApi, updateId: string): Promise<CancellationOutcome> {
  const token = clientRequestToken({ cluster: api.clusterName, resource: `cluster/${api.clusterName}`, action: 'cancel-update', request: { updateId }, history: [] });
  let refused: string | undefined;
  try {
    await api.cancelUpdate(updateId, token);
  } catch (err) {
    refused = `${(err as Error).name}: ${(err as Error).message}`;
  }
  const asked = refused
    ? `CancelUpdate on ${updateId} was refused (${refused}); EKS refuses it once the control plane's rollback has begun`
    : `CancelUpdate requested on ${updateId} (best effort)`;
  let after: Update;
  try {
    after = await api.describeUpdate(updateId);
  } catch (err) {
    return { text: `${asked}; DescribeUpdate failed afterwards (${(err as Error).name}: ${(err as Error).message}), so the outcome is unknown: check it with aws eks describe-update --name ${api.clusterName} --update-id ${updateId}` };
  }
  const c = after.cancellation;
  const reads = `DescribeUpdate now reads status ${after.status ?? 'unknown'}, cancellation ${c?.status ?? 'none'}${c?.reason ? ` (${c.reason})` : ''}`;
  return { status: after.status, cancellation: c ? { status: c.status, reason: c.reason } : undefined, text: `${asked}; ${reads}; ${meaning(after, api.clusterName, updateId)}` };
}

function meaning(after: Update, cluster: string, updateId: string): string {
  const cancellation = after.cancellation?.status;
  switch (after.status) {
    case 'Cancelled':
      return 'the node rollback stopped and nodes converge back to the current cluster version';
    case 'InProgress':
      return cancellation === 'InProgress'
        ? `the cancellation is still under way; follow it with aws eks describe-update --name ${cluster} --update-id ${updateId}`
        : 'the rollback keeps running in EKS, and the next apply waits for it';
    default:
      return `the rollback ended ${after.status ?? 'in an unknown state'} before it could be cancelled`;
  }
}

import type { OperationContext } from '../operation-context';
import type { UpdateSeed } from '../seed';
import { updatesOf, type UpdateScope } from '../world';

/**
 * TOKEN-IDEMPOTENT: an update call that repeats the clientRequestToken of an update it started on the same
 * resource returns that update, whatever its status now and whatever the other parameters, and starts
 * nothing. Source: API Reference, UpdateClusterVersion / UpdateNodegroupVersion / UpdateNodegroupConfig /
 * UpdateAddon (`clientRequestToken`: "A unique, case-sensitive identifier that you provide to ensure the
 * idempotency of the request"). EKS documents no error for a token reused with other parameters.
 */
export function priorUpdate(ctx: OperationContext, cluster: string, scope: UpdateScope): UpdateSeed | undefined {
  const token = requestToken(ctx);
  if (token === undefined) return undefined;
  const prior = updatesOf(ctx.state, cluster, scope).find((u) => u.clientRequestToken === token);
  if (prior) Object.assign(ctx.outcome, { updateId: prior.id, createdUpdate: false, clientRequestToken: token });
  return prior;
}

export function requestToken(ctx: OperationContext): string | undefined {
  const token = ctx.body.clientRequestToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

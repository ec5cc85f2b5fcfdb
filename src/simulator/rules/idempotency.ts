import { requestErrors, type EksErrorFields } from '../eks-errors';
import type { OperationContext } from '../operation-context';
import type { UpdateSeed } from '../seed';
import { updatesOf, type UpdateScope } from '../world';

/** A request's identity for token reuse: its body without the token, keys sorted. */
export function fingerprint(body: Record<string, unknown>): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as any)[k])]));
    return v;
  };
  const rest = { ...body };
  delete rest.clientRequestToken;
  return JSON.stringify(sorted(rest));
}

/**
 * clientRequestToken makes an update call idempotent per resource: the same token with the same request
 * returns the update it started the first time, and starts nothing.
 */
export function priorUpdate(
  ctx: OperationContext, cluster: string, scope: UpdateScope, fields: EksErrorFields,
): UpdateSeed | undefined {
  const token = ctx.body.clientRequestToken;
  if (typeof token !== 'string' || token === '') return undefined;
  const prior = updatesOf(ctx.state, cluster, scope).find((u) => u.clientRequestToken === token);
  if (!prior) return undefined;
  if (prior.requestFingerprint !== fingerprint(ctx.body)) throw requestErrors.tokenReused(token, fields);
  Object.assign(ctx.outcome, { updateId: prior.id, createdUpdate: false, clientRequestToken: token });
  return prior;
}

export function requestToken(ctx: OperationContext): string | undefined {
  const token = ctx.body.clientRequestToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

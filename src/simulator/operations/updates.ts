import { notFoundErrors } from '../eks-errors';
import { queryString, type OperationContext, type OperationHandler } from '../operation-context';
import { paginate } from '../pagination';
import { startCancellation } from '../rules/cancel-rollback-only';
import { requestToken } from '../rules/idempotency';
import { wireUpdate } from '../wire';
import { findAddon, findCluster, findNodegroup, isVisible, updatesOf, type UpdateScope } from '../world';

/** Node group and add-on updates are found only with their `nodegroupName` / `addonName` query, as in EKS. */
function scopeOf(ctx: OperationContext): { cluster: string; scope: UpdateScope } {
  const c = findCluster(ctx.state, ctx.path.name);
  const nodegroup = queryString(ctx, 'nodegroupName');
  const addon = queryString(ctx, 'addonName');
  if (nodegroup !== undefined) return { cluster: c.name, scope: { nodegroup: findNodegroup(c, nodegroup).name } };
  if (addon !== undefined) return { cluster: c.name, scope: { addon: findAddon(c, addon).name } };
  return { cluster: c.name, scope: {} };
}

export const describeUpdate: OperationHandler = (ctx) => {
  const { cluster, scope } = scopeOf(ctx);
  const u = updatesOf(ctx.state, cluster, scope).find((x) => x.id === ctx.path.updateId && isVisible(x, ctx.now));
  if (!u) throw notFoundErrors.update(cluster, ctx.path.updateId, { nodegroupName: scope.nodegroup, addonName: scope.addon });
  return { update: wireUpdate(u) };
};

export const listUpdates: OperationHandler = (ctx) => {
  const { cluster, scope } = scopeOf(ctx);
  const ids = updatesOf(ctx.state, cluster, scope).filter((u) => isVisible(u, ctx.now)).map((u) => u.id);
  const page = paginate(ids, queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { updateIds: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

/** CANCEL-ROLLBACK-ONLY (rules/cancel-rollback-only.ts); a repeated token returns the update as it stands. */
export const cancelUpdate: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.name);
  const u = ctx.state.updates.find((x) => x.cluster === c.name && x.id === ctx.path.updateId);
  if (!u) throw notFoundErrors.update(c.name, ctx.path.updateId);
  const token = requestToken(ctx);
  Object.assign(ctx.outcome, { updateId: u.id, createdUpdate: false, clientRequestToken: token });
  if (token !== undefined && u.cancelToken === token) return { update: wireUpdate(u) };
  startCancellation(ctx, c.name, u, token);
  return { update: wireUpdate(u) };
};

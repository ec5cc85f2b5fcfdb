import { queryString, type OperationHandler } from '../operation-context';
import { paginate } from '../pagination';
import { priorUpdate, requestToken } from '../rules/idempotency';
import { checkNodegroupConfigChange, checkNodegroupVersionChange } from '../rules/nodegroup-update';
import { startUpdate } from '../update-lifecycle';
import { wireNodegroup, wireUpdate } from '../wire';
import { findCluster, findNodegroup } from '../world';

export const listNodegroups: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const page = paginate(c.nodegroups.map((n) => n.name), queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { nodegroups: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const describeNodegroup: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const n = findNodegroup(c, ctx.path.nodegroupName);
  return { nodegroup: wireNodegroup(ctx.state, c, n, ctx.now) };
};

/** Nodes roll `maxUnavailable` at a time, so the duration grows with the node count. */
export const updateNodegroupVersion: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const n = findNodegroup(c, ctx.path.nodegroupName);
  const prior = priorUpdate(ctx, c.name, { nodegroup: n.name });
  if (prior) return { update: wireUpdate(prior) };
  const change = checkNodegroupVersionChange(ctx, c, n);
  const d = ctx.durations;
  const rollPlan = d.nodegroupRollPlan(n.scalingConfig.desiredSize, n.updateConfig);
  const update = startUpdate(ctx, {
    cluster: c.name,
    scope: { nodegroup: n.name },
    type: 'VersionUpdate',
    params: change.params,
    effect: change.effect,
    durationMs: rollPlan ? rollPlan.setupMs + rollPlan.batchesMs.reduce((a, b) => a + b, 0) : d.ms(d.nodegroupVersionSeconds(n.scalingConfig.desiredSize, n.updateConfig)),
    ...(rollPlan ? { rollPlan } : {}),
    force: ctx.body.force === true,
    token: requestToken(ctx),
  });
  return { update: wireUpdate(update) };
};

export const updateNodegroupConfig: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const n = findNodegroup(c, ctx.path.nodegroupName);
  const prior = priorUpdate(ctx, c.name, { nodegroup: n.name });
  if (prior) return { update: wireUpdate(prior) };
  const change = checkNodegroupConfigChange(ctx, c, n);
  const d = ctx.durations;
  const update = startUpdate(ctx, {
    cluster: c.name,
    scope: { nodegroup: n.name },
    type: 'ConfigUpdate',
    params: change.params,
    effect: { kind: 'nodegroupConfig', updateConfig: change.updateConfig },
    durationMs: d.ms(d.durations.nodegroupConfigSeconds),
    token: requestToken(ctx),
  });
  return { update: wireUpdate(update) };
};

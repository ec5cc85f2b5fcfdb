import type { OperationHandler } from '../operation-context';
import { checkClusterVersionChange } from '../rules/cluster-version';
import { priorUpdate, requestToken } from '../rules/idempotency';
import { startUpdate } from '../update-lifecycle';
import { wireCluster, wireUpdate } from '../wire';
import { findCluster } from '../world';

export const describeCluster: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.name);
  return { cluster: wireCluster(ctx.state, c, ctx.now, ctx.kubernetes) };
};

/** A VersionUpdate one minor up, or a VersionRollback one minor down (Auto Mode: nodes first, then the control plane). */
export const updateClusterVersion: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.name);
  const prior = priorUpdate(ctx, c.name, {});
  if (prior) return { update: wireUpdate(prior) };
  const change = checkClusterVersionChange(ctx, c);
  const platformVersion = ctx.state.platformVersions[change.version] ?? 'eks.1';
  const d = ctx.durations;
  const nodesPhaseMs = change.rollback && c.autoMode ? d.ms(d.durations.rollbackNodesSeconds) : undefined;
  const update = startUpdate(ctx, {
    cluster: c.name,
    scope: {},
    type: change.rollback ? 'VersionRollback' : 'VersionUpdate',
    params: [{ type: 'Version', value: change.version }, { type: 'PlatformVersion', value: platformVersion }],
    effect: { kind: 'clusterVersion', version: change.version, platformVersion, rollback: change.rollback },
    durationMs: (nodesPhaseMs ?? 0) + d.ms(d.durations.controlPlaneSeconds),
    nodesPhaseMs,
    token: requestToken(ctx),
  });
  return { update: wireUpdate(update) };
};

import { iso } from '../clock';
import { refreshInsights } from '../insights';
import type { OperationHandler } from '../operation-context';
import { epochSeconds } from '../wire';
import { findCluster } from '../world';

/** How long an on-demand refresh runs, in simulated seconds: EKS documents none; a minute makes it observable. */
export const INSIGHTS_REFRESH_SECONDS = 60;

/**
 * INSIGHTS-PER-STEP: StartInsightsRefresh starts an on-demand refresh, which ends (COMPLETED) after
 * INSIGHTS_REFRESH_SECONDS with insights computed from the cluster as it then is (insights.ts, settleInsights).
 * A request while one runs answers with the running one. Source: API Reference, StartInsightsRefresh and
 * DescribeInsightsRefresh (status IN_PROGRESS, FAILED or COMPLETED).
 */
export const startInsightsRefresh: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const running = c.insightsRefresh?.status === 'IN_PROGRESS';
  if (!running) {
    const seconds = ctx.durations.durations.insightsRefreshSeconds ?? INSIGHTS_REFRESH_SECONDS;
    c.insightsRefresh = { status: 'IN_PROGRESS', startedAt: iso(ctx.now), endsAt: iso(ctx.now + seconds * 1000) };
    // A refresh of zero seconds ends now: no later request is needed to see its result.
    if (seconds <= 0) {
      c.insightsRefresh = { ...c.insightsRefresh, status: 'COMPLETED' };
      refreshInsights(ctx.state, c, ctx.now);
    }
  }
  return { message: running ? 'An insights refresh is already in progress.' : 'Insights refresh started.', status: c.insightsRefresh!.status };
};

export const describeInsightsRefresh: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const r = c.insightsRefresh;
  if (!r) return { message: 'No on-demand insights refresh has been requested for this cluster.' };
  return {
    message: r.status === 'COMPLETED' ? 'Insights refresh completed.' : r.status === 'FAILED' ? 'Insights refresh failed.' : 'Insights refresh in progress.',
    status: r.status,
    startedAt: epochSeconds(r.startedAt),
    ...(r.status !== 'IN_PROGRESS' ? { endedAt: epochSeconds(r.endsAt) } : {}),
  };
};

import { notFoundErrors } from '../eks-errors';
import { clusterInsights, lastRefreshed } from '../insights';
import type { OperationHandler } from '../operation-context';
import { paginate } from '../pagination';
import { epochSeconds, wireInsightSummary } from '../wire';
import { findCluster } from '../world';

export const listInsights: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const filter = ctx.body.filter ?? {};
  const allows = (list: unknown, value: string) => !Array.isArray(list) || list.length === 0 || list.includes(value);
  const insights = clusterInsights(ctx.state, c, ctx.faults.insightsFor(c.name))
    .filter((i) => allows(filter.categories, i.category) && allows(filter.kubernetesVersions, i.kubernetesVersion) && allows(filter.statuses, i.status))
    .map((i) => wireInsightSummary(i, lastRefreshed(c, ctx.now)));
  const page = paginate(insights, ctx.body.maxResults, ctx.body.nextToken);
  return { insights: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const describeInsight: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const insight = clusterInsights(ctx.state, c, ctx.faults.insightsFor(c.name)).find((i) => i.id === ctx.path.id);
  if (!insight) throw notFoundErrors.insight(c.name, ctx.path.id);
  return {
    insight: {
      ...wireInsightSummary(insight, lastRefreshed(c, ctx.now)),
      recommendation: insight.recommendation ?? 'No action required.',
      additionalInfo: { 'EKS update cluster documentation': 'https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html' },
      resources: [],
      categorySpecificSummary: {
        deprecationDetails: (insight.deprecationDetails ?? []).map((d) => ({
          ...d,
          clientStats: d.clientStats.map((s) => ({ ...s, lastRequestTime: epochSeconds(s.lastRequestTime) })),
        })),
        ...(insight.addonCompatibilityDetails ? { addonCompatibilityDetails: insight.addonCompatibilityDetails } : {}),
      },
    },
  };
};

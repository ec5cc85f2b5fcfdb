import type { OperationHandler } from '../operation-context';
import { queryString } from '../operation-context';
import { paginate } from '../pagination';

/**
 * ListClusters: the names of the account's clusters in the region, in pages (maxResults 1–100, default 100, and an
 * opaque nextToken), as the API Reference, ListClusters, describes. `include` (connected clusters) names none here:
 * the simulator has no EKS Connector clusters.
 */
export const listClusters: OperationHandler = (ctx) => {
  const names = ctx.state.clusters.map((c) => c.name);
  const page = paginate(names, queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { clusters: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

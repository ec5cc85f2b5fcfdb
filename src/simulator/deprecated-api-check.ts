import type { CheckResult } from './check-result';
import type { ClusterState } from './state';

/** How long a deprecated API's use keeps its insight failing after the last request (aws/containers-roadmap#2569). */
export const AUDIT_WINDOW_MS = 30 * 24 * 3600 * 1000;

/**
 * INSIGHTS-PER-STEP, deprecated APIs: EKS grades this check from the cluster's audit log over the last 30 days, so a
 * use fixed today keeps the check failing until its last request is 30 days old (aws/containers-roadmap#2569: findings
 * persist after the fix). Fails for `v` when a seeded use of an API that `v` stops serving was requested within that
 * window. The name and description are EKS's; the failing reason is the simulator's.
 */
export function deprecatedApiCheck(c: ClusterState, v: string, now: number): CheckResult {
  const recent = (c.deprecatedApiUsage ?? []).filter((u) => u.removedIn === v && now - Date.parse(u.lastRequestAt) < AUDIT_WINDOW_MS);
  return {
    name: `Deprecated APIs removed in Kubernetes v${v}`,
    description: `Checks for usage of deprecated APIs that are removed in Kubernetes v${v}.`,
    failing: recent.length > 0,
    reason: recent.length > 0
      ? `Deprecated API usage detected within the last 30 days: ${recent.map((u) => u.usage).join(', ')}.`
      : 'No deprecated API usage detected within the last 30 days.',
    recommendation: recent.length > 0
      ? `Move clients to the replacement APIs before upgrading to Kubernetes v${v}; the finding clears 30 days after the last request.`
      : 'No action required.',
    ...(recent.length > 0 ? {
      deprecationDetails: recent.map((u) => ({
        usage: u.usage,
        ...(u.replacedWith ? { replacedWith: u.replacedWith } : {}),
        stopServingVersion: v,
        clientStats: [{ userAgent: u.userAgent ?? 'unknown', numberOfRequestsLast30Days: 1, lastRequestTime: u.lastRequestAt }],
      })),
    } : {}),
  };
}

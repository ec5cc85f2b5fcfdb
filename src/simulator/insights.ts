import type { CheckResult } from './check-result';
import type { InsightFault } from './faults';
import { stableUuid } from './identifiers';
import { readinessChecks } from './insight-checks';
import { minorDistance, nextMinor } from './minor-version';
import { rollbackReadinessChecks } from './rollback-readiness';
import { rollbackTarget } from './rules/cp-rollback';
import type { ClusterState, InsightState, SimState } from './state';

/** An insight plus what DescribeInsight adds to the ListInsights summary. */
export type InsightDetail = InsightState;

/** EKS refreshes insights on its own every 24 hours (User Guide, cluster insights, "Considerations"). */
export const DAILY_REFRESH_MS = 24 * 3600 * 1000;

/**
 * A cluster's insights: its seeded ones, the checks EKS runs as of their last refresh (insightsSnapshot; see
 * settleInsights) but for a check a seeded insight already reports for the same version (EKS lists each check once
 * per version; a snapshot carries the ones the simulator cannot judge), and any injected by faults.
 */
export function clusterInsights(_state: SimState, cluster: ClusterState, faults: (InsightFault & { id: string })[]): InsightDetail[] {
  const key = (i: InsightState) => `${i.category}\n${i.name}\n${i.kubernetesVersion}`;
  const seeded = new Set(cluster.insights.map(key));
  const derived = (cluster.insightsSnapshot?.insights ?? []).filter((i) => !seeded.has(key(i)));
  return [...cluster.insights, ...derived, ...faults.map((f) => faultInsight(cluster, f))];
}

/**
 * INSIGHTS-PER-STEP: insights are computed when they are refreshed and kept until the next refresh — the first look
 * at a seeded cluster, every 24 hours after the last, when a StartInsightsRefresh ends, or when UpdateClusterVersion
 * regrades them before its own checks. Even after a control-plane step they stay as graded before it (issue 24: the
 * insights for N+2 read after the step to N+1 are the ones graded at N). Between refreshes they do
 * not follow the cluster, as EKS's do not. Runs before every request, so a refresh reflects the cluster as it was
 * when the simulator was next asked after the refresh ended.
 */
export function settleInsights(state: SimState, now: number): void {
  for (const c of state.clusters) {
    const refresh = c.insightsRefresh;
    if (refresh?.status === 'IN_PROGRESS' && Date.parse(refresh.endsAt) <= now) {
      c.insightsRefresh = { ...refresh, status: 'COMPLETED' };
      refreshInsights(state, c, Date.parse(refresh.endsAt));
    } else if (!c.insightsSnapshot || now - Date.parse(c.insightsSnapshot.refreshedAt) >= DAILY_REFRESH_MS) {
      refreshInsights(state, c, now);
    }
  }
}

/** When the cluster's insights were last refreshed (what ListInsights reports as lastRefreshTime). */
export function lastRefreshed(c: ClusterState, now: number): number {
  return c.insightsSnapshot ? Date.parse(c.insightsSnapshot.refreshedAt) : now;
}

/** Computes the cluster's insights from its state now (a refresh, or EKS's own refresh when a rollback starts). */
export function refreshInsights(state: SimState, c: ClusterState, at: number): void {
  c.insightsSnapshot = { refreshedAt: new Date(at).toISOString(), insights: derivedInsights(state, c, at) };
}

/**
 * Every upgrade check for the next Kubernetes version, ERROR when it fails; for each later offered version only the
 * failing checks, as WARNING (User Guide, View cluster insights: "Error" typically means the impacted version is N+1
 * of the cluster's, "Warning" N+2 or more). During the 7 days after an upgrade, the rollback checks too.
 */
function derivedInsights(state: SimState, c: ClusterState, now: number): InsightDetail[] {
  const insights: InsightDetail[] = [];
  const next = nextMinor(c.version);
  if (next && state.kubernetesVersions.includes(next)) {
    const later = state.kubernetesVersions.filter((v) => (minorDistance(c.version, v) ?? 0) > 1).sort((a, b) => minorDistance(b, a) ?? 0);
    for (const v of [next, ...later]) {
      for (const check of readinessChecks(state, c, v, now)) {
        if (v !== next && !check.failing) continue;
        insights.push(toInsight(c, check, 'UPGRADE_READINESS', v, !check.failing ? 'PASSING' : v === next ? 'ERROR' : 'WARNING'));
      }
    }
  }
  const back = rollbackTarget(c, now);
  if (back !== undefined) {
    for (const check of rollbackReadinessChecks(state, c, back)) {
      insights.push(toInsight(c, check, 'ROLLBACK_READINESS', back, check.failing ? 'ERROR' : 'PASSING'));
    }
  }
  return insights;
}

function toInsight(c: ClusterState, check: CheckResult, category: InsightState['category'], v: string, status: InsightState['status']): InsightDetail {
  return {
    id: stableUuid(c.name, ...(category === 'UPGRADE_READINESS' ? [] : [category]), check.name, v),
    name: check.name,
    category,
    kubernetesVersion: v,
    status,
    description: check.description,
    reason: check.reason,
    recommendation: check.recommendation,
    ...(check.addonCompatibilityDetails ? { addonCompatibilityDetails: check.addonCompatibilityDetails } : {}),
    ...(check.deprecationDetails ? { deprecationDetails: check.deprecationDetails } : {}),
  };
}

function faultInsight(c: ClusterState, f: InsightFault & { id: string }): InsightDetail {
  const category = f.category ?? 'UPGRADE_READINESS';
  const name = f.name ?? `${category === 'ROLLBACK_READINESS' ? 'Rollback' : 'Upgrade'} readiness issue for Kubernetes v${f.kubernetesVersion}`;
  return {
    id: stableUuid(c.name, 'fault', f.id),
    name,
    category,
    kubernetesVersion: f.kubernetesVersion,
    status: f.status ?? 'ERROR',
    description: f.description ?? name,
    reason: 'Issues detected that block the version change.',
    recommendation: 'Resolve the reported issues, or set force on UpdateClusterVersion to override the check.',
  };
}

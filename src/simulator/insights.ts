import type { InsightFault } from './faults';
import { stableUuid } from './identifiers';
import { readinessChecks } from './insight-checks';
import { minorDistance, nextMinor } from './minor-version';
import type { ClusterState, InsightState, SimState } from './state';

/** An insight plus what DescribeInsight adds to the ListInsights summary. */
export interface InsightDetail extends InsightState {
  addonCompatibilityDetails?: { name: string; compatibleVersions: string[] }[];
}

/**
 * A cluster's insights: its seeded ones, the upgrade-readiness checks EKS runs (derived from the current state,
 * as EKS refreshes them) but for a check a seeded insight already reports for the same version (EKS lists each
 * check once per version; a snapshot carries the ones the simulator cannot judge, such as deprecated APIs in use),
 * and any injected by faults.
 */
export function clusterInsights(state: SimState, cluster: ClusterState, faults: (InsightFault & { id: string })[]): InsightDetail[] {
  const key = (i: InsightState) => `${i.name}\n${i.kubernetesVersion}`;
  const seeded = new Set(cluster.insights.map(key));
  const derived = derivedInsights(state, cluster).filter((i) => !seeded.has(key(i)));
  return [...cluster.insights, ...derived, ...faults.map((f) => faultInsight(cluster, f))];
}

/**
 * INSIGHTS-PER-STEP: every check for the next Kubernetes version, ERROR when it fails; for each later offered
 * version only the failing checks, as WARNING. Source: User Guide, View cluster insights ("Error" typically
 * means the impacted version is N+1 of the cluster's, "Warning" N+2 or more).
 */
function derivedInsights(state: SimState, c: ClusterState): InsightDetail[] {
  const next = nextMinor(c.version);
  if (!next || !state.kubernetesVersions.includes(next)) return [];
  const later = state.kubernetesVersions.filter((v) => (minorDistance(c.version, v) ?? 0) > 1).sort((a, b) => minorDistance(b, a) ?? 0);
  const insights: InsightDetail[] = [];
  for (const v of [next, ...later]) {
    for (const check of readinessChecks(state, c, v)) {
      if (v !== next && !check.failing) continue;
      insights.push({
        id: stableUuid(c.name, check.name, v),
        name: check.name,
        category: 'UPGRADE_READINESS',
        kubernetesVersion: v,
        status: !check.failing ? 'PASSING' : v === next ? 'ERROR' : 'WARNING',
        description: check.description,
        reason: check.reason,
        recommendation: check.recommendation,
        ...(check.addonCompatibilityDetails ? { addonCompatibilityDetails: check.addonCompatibilityDetails } : {}),
      });
    }
  }
  return insights;
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

import { catalogEntry, isCompatible, versionsFor } from './addon-catalog';
import type { InsightFault } from './faults';
import { stableUuid } from './identifiers';
import { minorDistance, minorOf, nextMinor } from './minor-version';
import type { ClusterState, InsightState, SimState } from './state';

/** An insight plus what DescribeInsight adds to the ListInsights summary. */
export interface InsightDetail extends InsightState {
  addonCompatibilityDetails?: { name: string; compatibleVersions: string[] }[];
}

/**
 * A cluster's insights: its seeded ones, the upgrade-readiness checks EKS runs for the next Kubernetes
 * version (derived from the current state, as EKS refreshes them), and any injected by faults.
 */
export function clusterInsights(state: SimState, cluster: ClusterState, faults: (InsightFault & { id: string })[]): InsightDetail[] {
  return [...cluster.insights, ...readinessChecks(state, cluster), ...faults.map((f) => faultInsight(cluster, f))];
}

function readinessChecks(state: SimState, c: ClusterState): InsightDetail[] {
  const next = nextMinor(c.version);
  if (!next || !state.kubernetesVersions.includes(next)) return [];
  const check = (name: string, description: string, failing: boolean, extra: Partial<InsightDetail> = {}): InsightDetail => ({
    id: stableUuid(c.name, name, next),
    name,
    category: 'UPGRADE_READINESS',
    kubernetesVersion: next,
    status: failing ? 'WARNING' : 'PASSING',
    description,
    recommendation: failing ? 'Resolve the reported issues before upgrading the cluster.' : 'No action required.',
    ...extra,
  });
  const incompatible = c.addons.filter((a) => !isCompatible(state.addonCatalog, a.name, a.version, next));
  // A kubelet may trail the API server by 3 minors from 1.25 on, by 2 before.
  const lagging = c.nodegroups.filter((n) => (minorDistance(n.version, next) ?? 0) > ((minorOf(n.version) ?? 0) >= 25 ? 3 : 2));
  return [
    check('Cluster health issues', 'Checks for any cluster health issues that prevent a successful upgrade to the next Kubernetes version.', false),
    check(`Deprecated APIs removed in Kubernetes v${next}`, `Checks for usage of APIs that Kubernetes v${next} removes.`, false),
    check('Kubelet version skew', 'Checks that every node runs a kubelet version the next Kubernetes version supports.', lagging.length > 0, {
      reason: lagging.length ? `Node groups outside the supported kubelet skew: ${lagging.map((n) => n.name).join(', ')}` : undefined,
    }),
    check('Amazon EKS add-on version compatibility', 'Checks that the installed Amazon EKS add-ons run on the next Kubernetes version.',
      incompatible.length > 0, {
        reason: incompatible.length ? `Add-ons incompatible with ${next}: ${incompatible.map((a) => a.name).join(', ')}` : undefined,
        addonCompatibilityDetails: c.addons.map((a) => {
          const entry = catalogEntry(state.addonCatalog, a.name);
          return { name: a.name, compatibleVersions: entry ? versionsFor(entry, next).map((v) => v.addonVersion) : [] };
        }),
      }),
  ];
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

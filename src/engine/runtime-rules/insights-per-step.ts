import type { Insight } from '@aws-sdk/client-eks';
import { LiveState } from '../../aws/live-state';
import { allowedKubeletSkew, compareMinor, isMinorVersion, minorDistance } from '../../upgrade-spec/kubernetes-minor';
import { ClusterVersionStep, Plan } from '../plan-types';

/**
 * Where the plan has put add-ons and managed node groups by the time it reaches a control-plane step: the live
 * versions at plan time, moved by every step of the phases before the step's phase (phases run in order; steps of
 * the same phase run side by side, so they do not count as "before").
 */
export interface StepProjection {
  /** Every installed add-on, targeted or not. */
  readonly addonVersions: Readonly<Record<string, string>>;
  /** Every managed node group, targeted or not. */
  readonly nodegroupVersions: Readonly<Record<string, string>>;
  readonly movedAddons: ReadonlySet<string>;
  readonly movedNodegroups: ReadonlySet<string>;
  /**
   * Add-ons the plan moves after the step and before the next control-plane step: the AWS-documented order when no
   * version runs on both sides (ADDON-AFTER-CP), and kube-proxy's (it may lag, never lead, the API server).
   */
  readonly addonsRightAfter: ReadonlySet<string>;
}

export function projectBefore(plan: Plan, state: LiveState, step: ClusterVersionStep): StepProjection {
  const addonVersions: Record<string, string> = {};
  for (const a of [...Object.values(state.untargetedAddons), ...Object.values(state.addons)]) addonVersions[a.name] = a.version;
  const nodegroupVersions: Record<string, string> = {};
  for (const n of [...Object.values(state.untargetedNodegroups), ...Object.values(state.nodegroups)]) nodegroupVersions[n.name] = n.version;
  const movedAddons = new Set<string>();
  const movedNodegroups = new Set<string>();
  const addonsRightAfter = new Set<string>();
  const at = plan.phases.findIndex((p) => p.steps.includes(step));
  const nextControlPlane = plan.phases.findIndex((p, i) => i > at && p.steps.some((s) => s.action === 'cluster-version'));
  const rightAfter = (i: number) => at >= 0 && i > at && (nextControlPlane < 0 || i < nextControlPlane);
  plan.phases.forEach((phase, i) => phase.steps.forEach((s) => {
    if (at >= 0 && i < at) {
      if (s.action === 'addon-update' && s.version !== addonVersions[s.resource.name]) {
        addonVersions[s.resource.name] = s.version;
        movedAddons.add(s.resource.name);
      }
      if (s.action === 'nodegroup-version' && s.version !== undefined && s.version !== nodegroupVersions[s.resource.name]) {
        nodegroupVersions[s.resource.name] = s.version;
        movedNodegroups.add(s.resource.name);
      }
    } else if (rightAfter(i) && s.action === 'addon-update') {
      addonsRightAfter.add(s.resource.name);
    }
  }));
  return { addonVersions, nodegroupVersions, movedAddons, movedNodegroups, addonsRightAfter };
}

/**
 * INSIGHTS-PER-STEP: whether an insight in ERROR for this step is one the plan itself resolves before the step,
 * and why (undefined: it is not, and it may block). EKS refreshes insights only every 24 hours
 * (https://docs.aws.amazon.com/eks/latest/userguide/cluster-insights.html, "Considerations"), so mid-run an
 * insight still reports what the earlier phases already fixed; the plan, not the insight's age, decides.
 * Only three kinds are recognised, by EKS's insight names and DescribeInsight's add-on details
 * (https://docs.aws.amazon.com/eks/latest/userguide/view-cluster-insights.html); anything else is never waived.
 */
export function resolvedByPlan(insight: Insight, step: ClusterVersionStep, projection: StepProjection): string | undefined {
  const details = insight.categorySpecificSummary?.addonCompatibilityDetails ?? [];
  if (details.length > 0) return addonCompatibilityResolved(details, projection);
  const name = insight.name ?? '';
  if (/kube-proxy/i.test(name)) return kubeProxyResolved(step, projection);
  if (/kubelet/i.test(name)) return kubeletResolved(insight, step, projection);
  return undefined;
}

/**
 * An add-on compatibility insight lists, per add-on, the versions compatible with the target
 * (`addonCompatibilityDetails`). Resolved when the plan moves an add-on it names, and every named add-on is then on
 * a listed version — or is one the plan moves right after the step (ADDON-AFTER-CP, the AWS-documented order when no
 * version runs on both sides; EKS lists later builds of older kube-proxy minors for a new version but not their
 * early builds, so an early kube-proxy build shows here although it may lag the API server, KUBE-PROXY-SKEW).
 */
function addonCompatibilityResolved(details: NonNullable<NonNullable<Insight['categorySpecificSummary']>['addonCompatibilityDetails']>, p: StepProjection): string | undefined {
  const named = details.filter((d) => d.name);
  const left = named.filter((d) => !p.addonsRightAfter.has(d.name!) && !(d.compatibleVersions ?? []).includes(p.addonVersions[d.name!] ?? ''));
  const moved = named.filter((d) => p.movedAddons.has(d.name!) || p.addonsRightAfter.has(d.name!));
  if (left.length > 0 || moved.length === 0) return undefined;
  const before = moved.filter((d) => p.movedAddons.has(d.name!)).map((d) => `${d.name} → ${p.addonVersions[d.name!]}`);
  const after = moved.filter((d) => p.addonsRightAfter.has(d.name!)).map((d) => d.name!);
  return [
    before.length ? `the plan moves ${before.join(', ')} before this step` : '',
    after.length ? `the plan moves ${after.join(', ')} right after it (ADDON-AFTER-CP)` : '',
  ].filter(Boolean).join('; ');
}

/** KUBE-PROXY-SKEW: kube-proxy may lag the API server by up to three minors, and never run ahead of it. */
function kubeProxyResolved(step: ClusterVersionStep, p: StepProjection): string | undefined {
  const version = p.addonVersions['kube-proxy'];
  const minor = version ? /^v?(\d+\.\d+)/.exec(version)?.[1] : undefined;
  if (!p.movedAddons.has('kube-proxy') || !minor || !isMinorVersion(minor)) return undefined;
  const lag = minorDistance(minor, step.to);
  return lag >= 0 && lag <= 3 ? `the plan moves kube-proxy to ${version} before this step` : undefined;
}

/**
 * KUBELET-SKEW / NG-NOT-ABOVE-CP: the node groups the insight names by ARN (all managed ones when it names none)
 * must, after the plan's earlier phases, be within the kubelet skew of the target (for a rollback: not above it),
 * and the plan must have moved at least one of them — otherwise the finding is about nodes the plan does not touch.
 */
function kubeletResolved(insight: Insight, step: ClusterVersionStep, p: StepProjection): string | undefined {
  const named = (insight.resources ?? []).map((r) => /:nodegroup\/[^/]+\/([^/]+)/.exec(r.arn ?? '')?.[1]).filter((n): n is string => n !== undefined);
  const considered = named.length > 0 ? named : Object.keys(p.nodegroupVersions);
  const rollback = step.rollbackTimeoutMinutes !== undefined;
  const fits = (name: string) => {
    const v = p.nodegroupVersions[name];
    if (v === undefined || !isMinorVersion(v)) return false;
    return rollback ? compareMinor(v, step.to) <= 0 : minorDistance(v, step.to) <= allowedKubeletSkew(v);
  };
  const moved = considered.filter((n) => p.movedNodegroups.has(n));
  if (moved.length === 0 || !considered.every(fits)) return undefined;
  return `the plan moves node group(s) ${moved.map((n) => `${n} → ${p.nodegroupVersions[n]}`).join(', ')} before this step`;
}

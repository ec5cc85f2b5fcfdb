import { EvictionPrediction } from './eviction-pods';
import { Finding, Plan, PlanStep } from './plan-types';
import { checkBarePods } from './rules/eviction-bare-pods';
import { checkBudgetsAllowNothing } from './rules/eviction-budget';
import { refuse, unknown, warn } from './rules/finding';
import { checkBatchDrainTime } from './rules/node-roll-batches';
import { LiveState } from '../aws/live-state';
import { DataPlaneView, nodegroupNodeNames } from '../kubernetes/data-plane-view';
import { DataPlaneRead } from '../kubernetes/read-data-plane';
import { EvictionsPolicyValue, UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/** One node group the plan rolls, with what its drain needs: its batch size and its evictions mode. */
export interface NodegroupRoll {
  readonly nodegroup: string;
  /** `nodegroups[i]`, for the fix a refusal names. */
  readonly field: string;
  readonly mode: EvictionsPolicyValue;
  readonly updateConfig?: { readonly maxUnavailable?: number; readonly maxUnavailablePercentage?: number };
}

/**
 * The node groups the plan rolls (version, release or launch template updates replace every node), each with the
 * rollout settings it will roll with (the plan's own config step first, else the live ones) and its evictions mode:
 * `force: true` on the node group means force, else its `evictions`, else the policy's.
 */
export function nodegroupRolls(plan: Plan, spec: UpgradeSpec, state: LiveState): NodegroupRoll[] {
  const steps = plan.phases.flatMap((p) => p.steps);
  const names = [...new Set(steps.filter((s) => s.action === 'nodegroup-version').map((s) => s.resource.name))];
  return names.map((name) => {
    const i = spec.nodegroups.findIndex((n) => n.name === name);
    const ng = spec.nodegroups[i];
    const config = steps.find((s): s is Extract<PlanStep, { action: 'nodegroup-config' }> => s.action === 'nodegroup-config' && s.resource.name === name);
    const updateConfig = { ...state.nodegroups[name]?.updateConfig, ...config?.updateConfig };
    const mode: EvictionsPolicyValue = ng?.force ? 'force' : ng?.evictions ?? spec.policy.evictions;
    return { nodegroup: name, field: i >= 0 ? `nodegroups[${i}]` : `nodegroup/${name}`, mode, updateConfig };
  });
}

/** Nodes rolled at once: maxUnavailable, or maxUnavailablePercentage of the nodes rounded up; EKS's default is 1. */
export function batchSize(roll: NodegroupRoll, nodes: number): number {
  const c = roll.updateConfig ?? {};
  const size = c.maxUnavailable ?? (c.maxUnavailablePercentage !== undefined ? Math.ceil((c.maxUnavailablePercentage * nodes) / 100) : 1);
  return Math.max(1, Math.min(size, nodes || 1));
}

/** Every eviction the roll of one node group is predicted not to make within EKS's 15 minutes. */
export function predictEvictions(view: DataPlaneView, roll: NodegroupRoll): EvictionPrediction[] {
  const nodes = nodegroupNodeNames(view, roll.nodegroup);
  return [
    ...checkBudgetsAllowNothing(view, roll.nodegroup, nodes),
    ...checkBarePods(view, roll.nodegroup, nodes),
    ...checkBatchDrainTime(view, roll.nodegroup, nodes, batchSize(roll, nodes.size)),
  ];
}

/**
 * The plan's eviction findings under each node group's mode: `fail` refuses, `warn` warns, `force` warns that pods
 * may be deleted despite their budgets. A data plane that was not read is said (severity `unknown`), never passed over
 * in silence; under `policy.dataPlane: required` that is a refusal.
 */
export function evictionFindings(read: DataPlaneRead, rolls: readonly NodegroupRoll[], spec: UpgradeSpec): Finding[] {
  if (read.status === 'skipped') return rolls.filter((r) => r.mode !== 'force').map((r) => notPredicted(read.reason, r, spec));
  return rolls.flatMap((r) => {
    const predictions = predictEvictions(read.view, r);
    if (r.mode === 'force') return [forced(r, predictions)];
    return predictions.map((p) => (r.mode === 'fail' ? refuse : warn)(p.rule, `nodegroup/${r.nodegroup}`, describePrediction(p, r)));
  });
}

function notPredicted(reason: string, r: NodegroupRoll, spec: UpgradeSpec): Finding {
  const text = `evictions were not predicted, because ${reason}: a PodDisruptionBudget may still fail its roll with PodEvictionFailure`;
  return spec.policy.dataPlane === 'required'
    ? refuse('EVICTION-BUDGET', `nodegroup/${r.nodegroup}`, `${text}; policy.dataPlane is 'required', so nothing was changed`)
    : unknown('EVICTION-BUDGET', `nodegroup/${r.nodegroup}`, text);
}

function forced(r: NodegroupRoll, predictions: readonly EvictionPrediction[]): Finding {
  const named = predictions.map((p) => `${p.pods.join(', ')} (PodDisruptionBudget ${p.budgets.join(', ')})`).join('; ');
  return warn('EVICTION-BUDGET', `nodegroup/${r.nodegroup}`,
    `evictions: force — its update is sent with force: true, so pods may be deleted despite their PodDisruptionBudgets${named ? `; predicted to be: ${named}` : ''}`);
}

function describePrediction(p: EvictionPrediction, r: Pick<NodegroupRoll, 'field'>): string {
  return `rolling it cannot evict ${p.pods.join(', ')} within EKS's 15 minutes (PodDisruptionBudget ${p.budgets.join(', ')}): ${p.why}; ` +
    `EKS would fail the update with PodEvictionFailure. Fix: scale the workload, relax the budget, or set ${r.field}.evictions: 'force' knowingly (EKS then deletes the pods despite the budget)`;
}

/** The plan with `force` on every version update of the node groups whose mode is `force`, saying why in its reason. */
export function forceRolls(plan: Plan, rolls: readonly NodegroupRoll[]): Plan {
  const forcedGroups = new Set(rolls.filter((r) => r.mode === 'force').map((r) => r.nodegroup));
  if (forcedGroups.size === 0) return plan;
  const phases = plan.phases.map((phase) => ({
    ...phase,
    steps: phase.steps.map((s) => (s.action === 'nodegroup-version' && forcedGroups.has(s.resource.name) && !s.force
      ? { ...s, force: true, reason: `${s.reason}; forced (evictions: force): pods may be deleted despite their PodDisruptionBudgets` }
      : s)),
  }));
  return { ...plan, phases };
}

import { budgetKey, budgetsOf, drainedPods, podKey } from './eviction-pods';
import { evictionFindings, forceRolls, nodegroupRolls } from './eviction-preflight';
import { Plan, PlanStep } from './plan-types';
import { PlanError } from './planner';
import { checkCorednsBudget, corednsCrossings } from './rules/coredns-pdb';
import { formatFinding, unknown } from './rules/finding';
import { LiveState } from '../aws/live-state';
import { DataPlaneView, nodegroupNodeNames } from '../kubernetes/data-plane-view';
import { DataPlaneRead } from '../kubernetes/read-data-plane';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/**
 * EVICTION-BUDGET before any change: a plan that rolls node groups reads the data plane once and predicts each
 * roll's evictions. Refusals (mode `fail`, or a data plane `required` but unread) throw PlanError, so nothing is
 * changed; warnings and unknowns join the plan's; node groups in mode `force` get `force` on their updates.
 */
export async function gateEvictions(plan: Plan, spec: UpgradeSpec, state: LiveState, read: () => Promise<DataPlaneRead>): Promise<Plan> {
  const rolls = nodegroupRolls(plan, spec, state);
  const steps = plan.phases.flatMap((p) => p.steps);
  if (rolls.length === 0 && corednsCrossings(steps).length === 0) return plan;
  const dataPlane = await read();
  const findings = [...evictionFindings(dataPlane, rolls, spec), ...corednsFindings(dataPlane, steps)];
  const refusals = findings.filter((f) => f.severity === 'refuse');
  if (refusals.length > 0) throw new PlanError(refusals.map((f) => ({ field: f.field, message: f.message, rule: f.rule })));
  return forceRolls({ ...plan, findings: [...plan.findings, ...findings], warnings: [...plan.warnings, ...findings.map(formatFinding)] }, rolls);
}

/** COREDNS-PDB at plan: a warning when a user budget meets the add-on's own, or that it was not checked. */
function corednsFindings(dataPlane: DataPlaneRead, steps: readonly PlanStep[]) {
  if (dataPlane.status === 'read') return checkCorednsBudget(steps, dataPlane.view);
  return corednsCrossings(steps).length > 0
    ? [unknown('COREDNS-PDB', 'addon/coredns', `not checked whether a PodDisruptionBudget of yours selects CoreDNS's pods, which its new build deploys a budget for, because ${dataPlane.reason}`)]
    : [];
}

/**
 * When EKS fails a node group's update with PodEvictionFailure, the pods still on the group's nodes and the budgets
 * holding them, from a fresh read (EKS's error text names no budget). Undefined for any other failure, or when the
 * data plane cannot be read now (the reason is said instead).
 */
export async function explainEvictionFailure(step: PlanStep, errorCodes: readonly string[], read: () => Promise<DataPlaneRead>): Promise<string | undefined> {
  if (step.action !== 'nodegroup-version' || !errorCodes.includes('PodEvictionFailure')) return undefined;
  const now = await read();
  if (now.status === 'skipped') return `the pods and budgets could not be read again: ${now.reason}`;
  const held = heldPods(now.view, step.resource.name);
  if (held.length === 0) return 'read again now, no pod under a PodDisruptionBudget is left on its nodes';
  return `read again now, held by PodDisruptionBudgets: ${held.join('; ')}`;
}

/** The pods a drain of the group's nodes still has to evict (eviction-pods.ts), with the budgets that select them. */
function heldPods(view: DataPlaneView, nodegroup: string): string[] {
  return drainedPods(view, nodegroupNodeNames(view, nodegroup))
    .flatMap((p) => {
      const budgets = budgetsOf(view, p);
      if (budgets.length === 0) return [];
      const allowed = budgets.map((b) => `${budgetKey(b)} (disruptionsAllowed ${b.disruptionsAllowed ?? '?'})`);
      return [`${podKey(p)} on ${p.nodeName}: PodDisruptionBudget ${allowed.join(', ')}`];
    });
}

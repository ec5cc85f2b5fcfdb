import type { Category, InsightSummary } from '@aws-sdk/client-eks';
import { ClusterVersionStep, Plan, planSteps } from './plan-types';
import { Progress } from './progress';
import { EksApi } from '../aws/eks-api';
import { LiveState } from '../aws/live-state';
import { InputError, UpdateFailedError } from '../errors/run-errors';
import { projectBefore, resolvedByPlan } from './runtime-rules/insights-per-step';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

export interface InsightCheck {
  readonly api: EksApi;
  readonly spec: UpgradeSpec;
  readonly plan: Plan;
  /** The state the plan was made from: the baseline the plan's earlier phases move. */
  readonly state: LiveState;
  readonly progress: Progress;
}

/** Before any change (a block is bad input, exit 2), or mid-run right before a later step (a block is a failure). */
export type InsightStage = 'before-change' | 'mid-run';

/** The plan's first control-plane step: the one whose insights are read before any change. */
export function firstControlPlaneStep(plan: Plan): ClusterVersionStep | undefined {
  return planSteps(plan).find((s): s is ClusterVersionStep => s.action === 'cluster-version');
}

/**
 * INSIGHTS-PER-STEP. User guide, view-cluster-insights: an upgrade insight in "Error" "typically means the impacted
 * Kubernetes version is N+1 of the current cluster version, while a status of "Warning" means the insight applies
 * to a future Kubernetes version N+2 or more" (https://docs.aws.amazon.com/eks/latest/userguide/view-cluster-insights.html).
 * So each control-plane step is checked against the insights for the version it targets, when it is reached, not
 * every target up front. A rollback step reads the ROLLBACK_READINESS insights instead (same page).
 *
 * Under policy `fail` an ERROR blocks the step unless `force` (EKS honours force for the same checks) — except one
 * the plan itself resolves before the step (insights-per-step.ts). WARNINGs are printed, never blocking; `warn`
 * prints everything; `ignore` does not ask. Returns the lines for the run report's warnings.
 */
export async function checkInsightsForStep(c: InsightCheck, step: ClusterVersionStep, stage: InsightStage): Promise<string[]> {
  const policy = c.spec.policy.insights;
  if (policy === 'ignore') return [];
  const rollback = step.rollbackTimeoutMinutes !== undefined;
  const category: Category = rollback ? 'ROLLBACK_READINESS' : 'UPGRADE_READINESS';
  const where = `cluster/${c.spec.clusterName}`;
  const what = `control plane ${step.from} → ${step.to}${rollback ? ' (rollback)' : ''}`;
  const summaries = await listFor(c.api, category, step);
  const projection = projectBefore(c.plan, c.state, step);
  const lines: string[] = [];
  const blocking: string[] = [];
  const forced = c.spec.controlPlane.force || step.force;
  // Only an insight that blocks carries the ERROR token: a log alert on it must mean the run was stopped.
  const overridden = forced ? 'not blocking: controlPlane.force is set' : policy !== 'fail' ? `not blocking under insights policy ${policy}` : undefined;
  for (const summary of summaries) {
    const status = summary.insightStatus?.status;
    if (status !== 'ERROR' && status !== 'WARNING') continue;
    const subject = `${category === 'ROLLBACK_READINESS' ? 'rollback' : 'upgrade'} insight for ${summary.kubernetesVersion ?? step.to}: ${summary.name} (${summary.id}): ${summary.insightStatus?.reason ?? summary.description ?? ''}`;
    if (status === 'WARNING') {
      lines.push(`note: ${subject} — for a later Kubernetes version; not blocking`);
      continue;
    }
    const detail = await c.api.describeInsight(summary.id!);
    const recommendation = detail.recommendation ? ` — recommendation: ${detail.recommendation}` : '';
    const resolved = resolvedByPlan(detail, step, projection);
    if (resolved) {
      lines.push(`note: ${subject} — not blocking: ${resolved}`);
    } else if (overridden) {
      lines.push(`warning: ${subject} (failing check)${recommendation} — ${overridden}`);
    } else {
      lines.push(`ERROR ${subject}${recommendation}`);
      blocking.push(`ERROR ${subject}${recommendation}`);
    }
  }
  lines.forEach((l) => c.progress.say(where, `insights before ${what}: ${l}`));
  if (lines.length === 0) c.progress.say(where, `insights before ${what}: none failing (${summaries.length} checked)`);

  if (blocking.length === 0) return lines.map((l) => `[INSIGHTS-PER-STEP] ${what}: ${l}`);
  const list = blocking.map((b) => `  - ${b}`).join('\n');
  const fix = 'fix what each names (the recommendation says how), wait for EKS to refresh its insights, and apply again; or set controlPlane.force: true to override the check (EKS honours force for it too)';
  if (stage === 'before-change') {
    throw new InputError(`insights: ${blocking.length} ${category} insight(s) in ERROR block ${what} (nothing was changed):\n${list}\n${fix}`);
  }
  throw new UpdateFailedError(`${where}: ${blocking.length} ${category} insight(s) in ERROR block ${what}, so the run stops before it (the earlier steps are done):\n${list}\n${fix}`);
}

/**
 * Upgrade insights are listed for the step's target version. Rollback insights carry a Kubernetes version whose
 * meaning the user guide leaves open (its example lists them for the version rolled back from), and exist only for
 * the 7 days after an upgrade, so they are listed by category and kept when they name either side of the step.
 */
async function listFor(api: EksApi, category: Category, step: ClusterVersionStep): Promise<InsightSummary[]> {
  if (category === 'UPGRADE_READINESS') return api.listInsights(category, step.to);
  return (await api.listInsights(category)).filter((i) => i.kubernetesVersion === undefined || i.kubernetesVersion === step.to || i.kubernetesVersion === step.from);
}

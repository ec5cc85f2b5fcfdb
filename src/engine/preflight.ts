import type { Category, Insight, InsightSummary } from '@aws-sdk/client-eks';
import { Clock, systemClock } from './clock';
import { refreshInsights } from './insights-refresh';
import { ClusterVersionStep, Plan, planSteps } from './plan-types';
import { Progress } from './progress';
import { EksApi } from '../aws/eks-api';
import { LiveState } from '../aws/live-state';
import { InputError, UpdateFailedError } from '../errors/run-errors';
import { projectBefore, resolvedByPlan, StepProjection } from './runtime-rules/insights-per-step';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

export interface InsightCheck {
  readonly api: EksApi;
  readonly spec: UpgradeSpec;
  readonly plan: Plan;
  /** The state the plan was made from: the baseline the plan's earlier phases move. */
  readonly state: LiveState;
  readonly progress: Progress;
  /** Paces the wait for an insights refresh; absent: the system clock. */
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
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
 * every target up front, and after asking EKS to regrade them (insights-refresh.ts): EKS otherwise regrades them only
 * daily, so a finding for N+2 read at N is still the WARNING it was. A rollback step reads the ROLLBACK_READINESS
 * insights instead (same page).
 *
 * Under policy `fail` an ERROR blocks the step unless `force` (EKS honours force for the same checks) — except one
 * the plan itself resolves (insights-per-step.ts): before any change, one it resolves before the step; right before
 * the step, after a refresh, only one it resolves right after the step, because what the earlier phases moved is in
 * the refreshed insights and is read, not assumed. An UNKNOWN blocks a rollback (ROLLBACK-ELIGIBLE) and is printed for
 * an upgrade. WARNINGs are printed, never blocking; `warn` prints everything; `ignore` does not ask. Returns the lines
 * for the run report's warnings.
 */
export async function checkInsightsForStep(c: InsightCheck, step: ClusterVersionStep, stage: InsightStage): Promise<string[]> {
  if (c.spec.policy.insights === 'ignore') return [];
  const rollback = step.rollbackTimeoutMinutes !== undefined;
  const category: Category = rollback ? 'ROLLBACK_READINESS' : 'UPGRADE_READINESS';
  const where = `cluster/${c.spec.clusterName}`;
  const what = `control plane ${step.from} → ${step.to}${rollback ? ' (rollback)' : ''}`;
  const refresh = await refreshInsights({ api: c.api, clock: c.clock ?? systemClock, progress: c.progress, where, signal: c.signal });
  const summaries = await listFor(c.api, category, step);
  const projected = projectBefore(c.plan, c.state, step);
  const projection = stage === 'mid-run' && refresh.fresh ? onlyRightAfter(projected) : projected;
  const forced = c.spec.controlPlane.force || step.force;
  const overridden = forced ? 'not blocking: controlPlane.force is set' : c.spec.policy.insights !== 'fail' ? `not blocking under insights policy ${c.spec.policy.insights}` : undefined;
  const lines: string[] = [];
  const blocking: string[] = [];
  for (const summary of summaries) {
    const judged = await judge(c, summary, step, category, projection, stage);
    if (judged === undefined) continue;
    // Only an insight that blocks carries the ERROR token: a log alert on it must mean the run was stopped.
    const line = !judged.blocks ? judged.text : overridden ? `warning: ${judged.text} (failing check) — ${overridden}` : `ERROR ${judged.text}`;
    lines.push(line);
    if (judged.blocks && !overridden) blocking.push(line);
  }
  if (!refresh.fresh) lines.push(`not refreshed before this step: ${refresh.why}; the insights above may be stale`);
  lines.forEach((l) => c.progress.say(where, `insights before ${what}: ${l}`));
  if (summaries.every((s) => !JUDGED.has(s.insightStatus?.status ?? ''))) c.progress.say(where, `insights before ${what}: none in ERROR, WARNING or UNKNOWN (${summaries.length} checked)`);
  if (blocking.length > 0) throw blocked(stage, category, what, where, blocking);
  return lines.map((l) => `[INSIGHTS-PER-STEP] ${what}: ${l}`);
}

const JUDGED = new Set(['ERROR', 'WARNING', 'UNKNOWN']);
/** How a status reads in a note. */
const NOTE_WORDS: Record<string, string> = { ERROR: 'failing', WARNING: 'warning-level', UNKNOWN: 'undetermined' };

/** The error that stops the run before the step: bad input before any change (exit 2), a failure mid-run. */
function blocked(stage: InsightStage, category: Category, what: string, where: string, blocking: readonly string[]): Error {
  const list = blocking.map((b) => `  - ${b}`).join('\n');
  const fix = 'fix what each names (the recommendation says how) and apply again (the insights are refreshed before each step); or set controlPlane.force: true to override the check (EKS honours force for it too)';
  const count = `${blocking.length} ${category} insight(s) in ERROR${category === 'ROLLBACK_READINESS' ? ' or UNKNOWN' : ''}`;
  if (stage === 'before-change') return new InputError(`insights: ${count} block ${what} (nothing was changed):\n${list}\n${fix}`);
  return new UpdateFailedError(`${where}: ${count} block ${what}, so the run stops before it (the earlier steps are done):\n${list}\n${fix}`);
}

/** After a refresh the insights show what the earlier phases did: nothing they moved may be assumed any more. */
function onlyRightAfter(p: StepProjection): StepProjection {
  return { ...p, movedAddons: new Set(), movedNodegroups: new Set() };
}

/**
 * One insight's text, and whether it blocks the step; undefined for a PASSING one. A text that does not block reads
 * as a note, without the status words log alerting keys on; the caller marks one that blocks.
 */
async function judge(
  c: InsightCheck, summary: InsightSummary, step: ClusterVersionStep, category: Category, projection: StepProjection, stage: InsightStage,
): Promise<{ text: string; blocks: boolean } | undefined> {
  const status = summary.insightStatus?.status ?? '';
  if (!JUDGED.has(status)) return undefined;
  const rollback = category === 'ROLLBACK_READINESS';
  const subject = `${rollback ? 'rollback' : 'upgrade'} insight for ${summary.kubernetesVersion ?? step.to}: ${summary.name} (${summary.id}): ${summary.insightStatus?.reason ?? summary.description ?? ''}`;
  const note = `note: ${NOTE_WORDS[status]} ${subject}`;
  if (status === 'WARNING') return { text: `${note} — ${rollback ? 'advisory' : 'a later Kubernetes version'}; not blocking`, blocks: false };
  if (status === 'UNKNOWN' && !rollback) return { text: `${note} — EKS could not determine it; not blocking an upgrade`, blocks: false };
  const detail = await c.api.describeInsight(summary.id!);
  const recommendation = detail.recommendation ? ` — recommendation: ${detail.recommendation}` : '';
  if (status === 'UNKNOWN') {
    return { text: `undetermined ${subject}${recommendation} — EKS could not determine whether the rollback is safe; this engine does not roll back on an unknown`, blocks: true };
  }
  const resolved = resolvedByPlan(detail, step, projection);
  if (resolved) return { text: `${note} — not blocking${stage === 'before-change' ? ' yet' : ''}: ${resolved}${stage === 'before-change' ? '; read again after a refresh right before the step' : ''}`, blocks: false };
  return { text: `${subject}${recommendation}${deprecatedApiNote(detail)}`, blocks: true };
}

/**
 * A deprecated-API finding comes from the audit log of the last 30 days, so it can stand for up to 30 days after every
 * client has moved (aws/containers-roadmap#2569): the plan says so rather than call it resolved or wait it out.
 */
function deprecatedApiNote(detail: Insight): string {
  const deprecated = (detail.categorySpecificSummary?.deprecationDetails ?? []).length > 0 || /^Deprecated APIs/i.test(detail.name ?? '');
  return deprecated
    ? ' — deprecated-API findings come from the audit log and can persist for up to 30 days after the fix (aws/containers-roadmap#2569): once every client named has moved, controlPlane.force: true proceeds'
    : '';
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

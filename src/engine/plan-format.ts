import { describeTarget } from './executor';
import { Plan, planSteps } from './plan-types';
import { formatDuration } from './progress';
import { RunReport } from './run-report';
import { resourceKey, RunningUpdate } from '../aws/live-state';

/**
 * The plan as `eks-upgrade plan` prints it: phases in order, one line per update with its reason and, when a rule
 * put it there, the rule's docs/eks-rules.md id; then the planner's findings. With an update still running
 * (ROLLBACK-AUTO-MODE: a rollback can run while the cluster reads ACTIVE) an empty plan is not "every target is met".
 */
export function formatPlan(plan: Plan, from: string, to: string, running: readonly RunningUpdate[] = []): string {
  const steps = planSteps(plan);
  const empty = running.length > 0
    ? `no changes planned yet: ${running.length} update(s) still running; apply waits for them, then plans again`
    : 'no changes; every target is met';
  const lines = [`Plan for cluster ${plan.clusterName} (control plane ${from} → ${to}): ${steps.length === 0 ? empty : `${steps.length} update(s) in ${plan.phases.length} phase(s)`}`];
  const width = (f: (s: typeof steps[number]) => string) => Math.max(0, ...steps.map((s) => f(s).length));
  const [resourceWidth, actionWidth, targetWidth] = [width((s) => resourceKey(s.resource)), width((s) => s.action), width(describeTarget)];
  plan.phases.forEach((phase, i) => {
    lines.push(`  ${i + 1}. ${phase.title}`);
    for (const step of phase.steps) {
      const rule = step.rule ? `  [${step.rule}]` : '';
      lines.push(`       ${resourceKey(step.resource).padEnd(resourceWidth)}  ${step.action.padEnd(actionWidth)}  ${describeTarget(step).padEnd(targetWidth)}  ${step.reason}${rule}`);
    }
  });
  // Findings are the structured form of the warnings; a planner that fills only `warnings` still prints them.
  const findings = plan.findings ?? [];
  if (findings.length > 0) findings.forEach((f) => lines.push(`  ${f.severity === 'refuse' ? 'refused' : f.severity === 'unknown' ? 'not checked' : 'warning'} [${f.rule}] ${f.field}: ${f.message}`));
  else plan.warnings.forEach((w) => lines.push(`  warning: ${w}`));
  return lines.join('\n');
}

/** Why a run has no step to show: nothing was needed, or it stopped (and why) before its first update. */
function nothingStarted(report: RunReport): string {
  const reason = report.error ? `: ${report.error.split('\n')[0]}` : '';
  switch (report.outcome) {
    case 'converged': return 'no updates were needed';
    case 'planned': return 'no updates planned';
    case 'rejected': return `refused before any change${reason}`;
    default: return `stopped before any update started${reason}`;
  }
}

/** The closing summary table of an apply. */
export function formatSummary(report: RunReport): string {
  const rows = report.steps.map((s) => [
    s.resource, s.action, s.target, s.updateId ?? '-', s.cancellation ? `${s.outcome} (cancellation ${s.cancellation.status ?? 'unknown'})` : s.outcome,
    s.startedAt && s.endedAt ? formatDuration((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000) : '-',
  ]);
  const header = ['resource', 'action', 'target', 'update id', 'outcome', 'took'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const calls = Object.entries(report.apiCalls).map(([op, n]) => `${op}=${n}`).join(' ');
  return [
    `Summary for cluster ${report.cluster}: ${report.outcome}`,
    ...(rows.length ? [line(header), ...rows.map(line)] : [nothingStarted(report)]),
    ...report.attached.map((a) => `attached to ${a.updateId} on ${a.resource}: ${a.outcome}`),
    `API calls: ${calls}`,
  ].join('\n');
}

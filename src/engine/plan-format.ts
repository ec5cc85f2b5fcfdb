import { describeTarget } from './executor';
import { resourceKey } from './live-state';
import { Plan, planSteps } from './plan-types';
import { formatDuration } from './progress';
import { RunReport } from './run-report';

/** The plan as `eks-upgrade plan` prints it: phases in order, one line per update with its reason. */
export function formatPlan(plan: Plan, from: string, to: string): string {
  const steps = planSteps(plan);
  const lines = [`Plan for cluster ${plan.clusterName} (control plane ${from} → ${to}): ${steps.length === 0 ? 'no changes; every target is met' : `${steps.length} update(s) in ${plan.phases.length} phase(s)`}`];
  const width = (f: (s: typeof steps[number]) => string) => Math.max(0, ...steps.map((s) => f(s).length));
  const [resourceWidth, actionWidth, targetWidth] = [width((s) => resourceKey(s.resource)), width((s) => s.action), width(describeTarget)];
  plan.phases.forEach((phase, i) => {
    lines.push(`  ${i + 1}. ${phase.title}`);
    for (const step of phase.steps) {
      lines.push(`       ${resourceKey(step.resource).padEnd(resourceWidth)}  ${step.action.padEnd(actionWidth)}  ${describeTarget(step).padEnd(targetWidth)}  ${step.reason}`);
    }
  });
  plan.warnings.forEach((w) => lines.push(`  warning: ${w}`));
  return lines.join('\n');
}

/** The closing summary table of an apply. */
export function formatSummary(report: RunReport): string {
  const rows = report.steps.map((s) => [
    s.resource, s.action, s.target, s.updateId ?? '-', s.outcome,
    s.startedAt && s.endedAt ? formatDuration((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000) : '-',
  ]);
  const header = ['resource', 'action', 'target', 'update id', 'outcome', 'took'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const calls = Object.entries(report.apiCalls).map(([op, n]) => `${op}=${n}`).join(' ');
  return [
    `Summary for cluster ${report.cluster}: ${report.outcome}`,
    ...(rows.length ? [line(header), ...rows.map(line)] : ['no updates were needed']),
    ...report.attached.map((a) => `attached to ${a.updateId} on ${a.resource}: ${a.outcome}`),
    `API calls: ${calls}`,
  ].join('\n');
}

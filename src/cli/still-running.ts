import { RunReport } from '../engine/run-report';

/**
 * After an interrupt: which updates still run in EKS (the run left them running), and how the next apply resumes.
 * The next apply finds them by reading the cluster, so rerunning the same command is all it takes.
 */
export function stillRunning(report: Pick<RunReport, 'steps' | 'attached'>): string {
  const running = [
    ...report.steps.filter((s) => s.outcome === 'running' && s.updateId).map((s) => `  update ${s.updateId} on ${s.resource}: ${s.action} ${s.target}`),
    ...report.attached.filter((a) => a.outcome === 'running').map((a) => `  update ${a.updateId} on ${a.resource} (found running when this run started)`),
  ];
  const left = report.steps.filter((s) => s.outcome === 'not started').length;
  const rest = left > 0 ? `, then makes the ${left} update(s) this run did not start` : '';
  if (running.length === 0) return `interrupted: no update of this run is running in EKS; the next apply (the same command) plans again from the cluster${rest}`;
  return [
    `interrupted: ${running.length} update(s) keep running in EKS (an interrupt stops the run, not EKS):`,
    ...running,
    `the next apply (the same command) waits for them instead of starting them again${rest}`,
  ].join('\n');
}

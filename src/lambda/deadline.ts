import { RunReport } from '../engine/run-report';
import { InputError } from '../errors/run-errors';

/** Environment variable: how long before the function's deadline the handler stops waiting (milliseconds). */
export const DEADLINE_MARGIN_ENV_VAR = 'EKS_UPGRADE_DEADLINE_MARGIN_MS';

/** Enough to stop the waits, report, and return before Lambda ends the invocation. */
export const DEFAULT_DEADLINE_MARGIN_MS = 60_000;

/** How often the remaining time is read while the engine runs (real milliseconds). */
const CHECK_INTERVAL_MS = 250;

/** The part of the Lambda context the deadline needs. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

/** The margin from the environment, or the default. */
export function deadlineMargin(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[DEADLINE_MARGIN_ENV_VAR];
  if (raw === undefined || raw === '') return DEFAULT_DEADLINE_MARGIN_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InputError(`${DEADLINE_MARGIN_ENV_VAR}=${JSON.stringify(raw)} must be a number of milliseconds (0 or more); the default is ${DEFAULT_DEADLINE_MARGIN_MS}`);
  }
  return ms;
}

/**
 * Calls `onDeadline` once when the invocation's remaining time falls to `marginMs`, reading it from the Lambda
 * context every quarter second (the context is the authority: no clock of ours can drift from it). Returns a
 * function that stops watching.
 */
export function watchDeadline(context: RemainingTime, marginMs: number, onDeadline: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const check = () => {
    if (stopped) return;
    const left = context.getRemainingTimeInMillis() - marginMs;
    if (left <= 0) {
      stopped = true;
      onDeadline();
      return;
    }
    timer = setTimeout(check, Math.min(left, CHECK_INTERVAL_MS));
  };
  check();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** The updates still running in EKS when the run stopped: started by this run, or found running and awaited. */
export function runningUpdates(report: RunReport): string[] {
  const started = report.steps
    .filter((s) => s.outcome === 'running' && s.updateId)
    .map((s) => `${s.resource}: update ${s.updateId} (${s.action} ${s.target})`);
  const attached = report.attached
    .filter((a) => a.outcome === 'running')
    .map((a) => `${a.resource}: update ${a.updateId} (already running when this run began)`);
  return [...attached, ...started];
}

/** Why the handler stopped before its deadline, what keeps running, and what the next apply does. */
export function deadlineMessage(report: RunReport, marginMs: number): string {
  const running = runningUpdates(report);
  const finished = report.steps.filter((s) => s.outcome === 'Successful' || s.outcome === 'already done').length;
  const progress = report.steps.length > 0 ? ` ${finished} of ${report.steps.length} planned steps had finished.` : '';
  const head = `stopped waiting ${Math.round(marginMs / 1000)}s before the Lambda function's deadline (a Lambda function runs for at most 15 minutes).${progress}`;
  const what = running.length > 0
    ? `Still running in EKS, which carries on without this function:\n${running.map((r) => `  - ${r}`).join('\n')}\nThe next terraform apply resumes the upgrade: it attaches to ${running.length === 1 ? 'this update' : 'these updates'} and waits for ${running.length === 1 ? 'it' : 'them'} instead of starting ${running.length === 1 ? 'it' : 'them'} again, then makes the remaining changes.`
    : 'No update was running at that moment. The next terraform apply resumes the upgrade from where this run stopped.';
  return `${head}\n${what}\nFor rollouts that take longer than the function's timeout, use UpgradeRunner.local(), which has no time limit.`;
}

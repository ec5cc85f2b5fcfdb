import { deadlineMargin, deadlineMessage, RemainingTime, watchDeadline } from './deadline';
import { specDiff } from './diff';
import { LambdaAction, readLambdaEvent } from './event';
import { EksApi } from '../aws/eks-api';
import { scaledClock, systemClock } from '../engine/clock';
import { reportOutcomeOf } from '../engine/error-outcome';
import { formatSummary } from '../engine/plan-format';
import { RunReport, StepOutcome } from '../engine/run-report';
import { readTimeScale } from '../engine/time-scale';
import { newReport, runUpgrade } from '../engine/upgrade';
import { DeadlineError, InterruptedError } from '../errors/run-errors';
import { inTypeScript } from '../upgrade-spec/fix-snippet';
import { parseSpec } from '../upgrade-spec/parse-spec';

/** One step of the run, as the result reports it. */
export interface LambdaStepResult {
  readonly resource: string;
  readonly action: string;
  readonly target: string;
  readonly updateId?: string;
  readonly outcome: StepOutcome;
}

/**
 * What the function returns, and what `aws_lambda_invocation.result` holds (as JSON). A run that does not converge
 * throws instead, so Terraform fails the apply with the engine's message.
 */
export interface LambdaRunResult {
  /** What Terraform was doing: create and update reconcile, delete changes nothing. */
  readonly action: LambdaAction;
  /** Every target is met. */
  readonly converged: boolean;
  /** The run's outcome; `skipped` for a delete. */
  readonly outcome: RunReport['outcome'] | 'skipped';
  readonly steps: LambdaStepResult[];
  /** Updates found running when the run began, and how they ended. */
  readonly attached: RunReport['attached'];
  readonly warnings: string[];
  /** EKS, SSM and EC2 calls made, per operation. */
  readonly apiCalls: Record<string, number>;
  /** Spec fields changed since the previous invocation's input; null when there is none (a create). */
  readonly diff: string[] | null;
  /** For a delete: why nothing was done. */
  readonly message?: string;
}

/**
 * The Lambda runner's entry point: the event is the upgrade spec plus the `tf` object that
 * `aws_lambda_invocation` (lifecycle_scope CRUD) adds. Create and update reconcile the cluster through the same
 * engine as `eks-upgrade apply`; delete is a no-op, because EKS cannot move a cluster back.
 *
 * The handler stops waiting a minute (`EKS_UPGRADE_DEADLINE_MARGIN_MS`) before the invocation's deadline and fails,
 * naming every update still running; the next apply attaches to them.
 */
export async function handler(event: unknown, context?: RemainingTime): Promise<LambdaRunResult> {
  const log = (line: string) => console.log(line);
  const { action, input, previous } = readLambdaEvent(event);
  const diff = previous ? specDiff(previous, input) : null;

  if (action === 'delete') {
    const message = 'delete: nothing to do. The cluster keeps the versions it runs (EKS cannot roll a cluster back to earlier versions), and no EKS call was made.';
    log(message);
    return { action, converged: false, outcome: 'skipped', steps: [], attached: [], warnings: [], apiCalls: {}, diff, message };
  }

  const spec = parseSpec(input);
  const margin = deadlineMargin();
  const clock = scaledClock(systemClock, readTimeScale());
  const api = new EksApi(spec.clusterName, { region: spec.region, assumeRole: spec.assumeRole, network: 'ec2' });
  const report = newReport(spec, clock);
  const abort = new AbortController();
  let deadlineReached = false;
  const stopWatching = context ? watchDeadline(context, margin, () => {
    deadlineReached = true;
    log(`eks-upgrade: ${Math.round(margin / 1000)}s left before the Lambda deadline; stopping the wait (EKS updates already started keep running)`);
    abort.abort(new DeadlineError('the Lambda function is about to reach its deadline'));
  }) : () => undefined;

  log(`eks-upgrade: ${action} for cluster ${spec.clusterName}${diff ? ` (changed: ${diff.length > 0 ? diff.join(', ') : 'nothing'})` : ''}`);
  try {
    await runUpgrade({ spec, api, clock, signal: abort.signal, sink: log }, report);
  } catch (e) {
    report.outcome = deadlineReached ? 'timed out' : reportOutcomeOf(e);
    // The spec came from the ClusterUpgrade construct: fixes are suggested as its TypeScript props.
    if (e instanceof Error) e.message = inTypeScript(e.message);
    report.error = (e as Error).message;
    for (const step of report.steps) {
      if (step.outcome === 'running') step.error = 'still running in EKS when the run stopped; the next apply waits for it';
    }
    if (deadlineReached) throw new InterruptedError(deadlineMessage(report, margin));
    throw e;
  } finally {
    stopWatching();
    report.endedAt = new Date(clock.now()).toISOString();
    report.apiCalls = api.callCounts();
    api.destroy();
    log(formatSummary(report));
  }

  return {
    action,
    converged: report.outcome === 'converged',
    outcome: report.outcome,
    steps: report.steps.map((s) => ({ resource: s.resource, action: s.action, target: s.target, updateId: s.updateId, outcome: s.outcome })),
    attached: report.attached,
    warnings: report.warnings,
    apiCalls: report.apiCalls,
    diff,
  };
}



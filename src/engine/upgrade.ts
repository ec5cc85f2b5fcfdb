import { Clock, systemClock } from './clock';
import { beforeStepDataPlane, DataPlaneReader, readClusterDataPlane } from './data-plane-watch';
import { explainEvictionFailure, gateEvictions } from './eviction-gate';
import { executePlan } from './executor';
import { expectedSecondsForRunning } from './expected-duration';
import { formatPlan } from './plan-format';
import { Plan, PlanStep } from './plan-types';
import { planUpgrade } from './planner';
import { checkInsightsForStep, firstControlPlaneStep, InsightCheck } from './preflight';
import { Progress, ProgressSink, StatusSink } from './progress';
import { progressProbeFor } from './progress-probes';
import { RunReport } from './run-report';
import { attachedTimeoutSeconds } from './runtime-rules/timeout-covers-work';
import { waitForUpdate } from './waiter';
import { EksApi } from '../aws/eks-api';
import { liveNodegroup, LiveState, resourceKey } from '../aws/live-state';
import { readLiveState } from '../aws/state-reader';
import { UpdateFailedError, UpdateTimeoutError } from '../errors/run-errors';
import { DataPlaneRead } from '../kubernetes/read-data-plane';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

export interface UpgradeOptions {
  readonly spec: UpgradeSpec;
  readonly api: EksApi;
  readonly clock?: Clock;
  readonly sink?: ProgressSink;
  /** Where running waits' states go when they can be redrawn in place; else they are lines in `sink`. */
  readonly status?: StatusSink;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  /** Absent: the cluster's Kubernetes API, as policy.dataPlane says (the data-plane gate and EVICTION-BUDGET). */
  readonly readDataPlane?: DataPlaneReader;
}

export interface PlanResult {
  readonly plan: Plan;
  readonly state: LiveState;
  /** What the Kubernetes API showed when the plan was made, or why it was not read. */
  readonly dataPlane: DataPlaneRead;
  readonly text: string;
}

const NO_CONTROL_PLANE_STEP: DataPlaneRead = { status: 'skipped', failure: 'off', reason: 'no control-plane step' };

/**
 * Reads the cluster and plans, making no change: what `eks-upgrade plan` shows. `predictWhileRunning: false` (apply's
 * first plan) leaves evictions unpredicted while updates run: apply waits for them and plans again on what they left.
 */
export async function planOnly(options: UpgradeOptions, predictWhileRunning = true): Promise<PlanResult> {
  const state = await readLiveState(options.api, options.spec, (options.clock ?? systemClock).now());
  const read = () => (options.readDataPlane ?? readClusterDataPlane)(options.api, state, options.spec);
  // Read once per plan, when a control-plane step or a node-group roll needs it; a plan that needs neither reads none.
  let dataPlane: DataPlaneRead | undefined = options.spec.controlPlane.version === state.cluster.version ? undefined : await read();
  const planned = planUpgrade(options.spec, state, dataPlane ?? NO_CONTROL_PLANE_STEP);
  const plan = state.runningUpdates.length > 0 && !predictWhileRunning
    ? planned
    : await gateEvictions(planned, options.spec, state, async () => (dataPlane ??= await read()));
  const running = state.runningUpdates.map((u) => `  running now: update ${u.updateId} (${u.type}) on ${resourceKey(u.resource)}; apply waits for it first`);
  // The eviction gate's read, when it made the plan's only one, is the plan's read too: what apply's waits go by.
  return { plan, state, dataPlane: dataPlane ?? NO_CONTROL_PLANE_STEP, text: [formatPlan(plan, state.cluster.version, options.spec.controlPlane.version, state.runningUpdates), ...running].join('\n') };
}

/**
 * The apply: read, plan (refusing bad targets before any change), wait for updates already running,
 * re-plan from what they left, check insights, then execute. `report` is filled in as it goes, so a
 * caller that catches an error still has every started update in it.
 */
export async function runUpgrade(options: UpgradeOptions, report: RunReport): Promise<void> {
  const clock = options.clock ?? systemClock;
  const progress = new Progress(clock, options.sink ?? ((line) => process.stdout.write(`${line}\n`)), options.status);
  const { spec, api } = options;
  let { plan, state, text, dataPlane } = await planOnly(options, false);

  if (state.runningUpdates.length > 0) {
    await Promise.all(state.runningUpdates.map(async (u) => {
      const key = resourceKey(u.resource);
      progress.say(key, `update ${u.updateId} (${u.type}) is already running; waiting for it before planning`);
      const entry = { resource: key, updateId: u.updateId, outcome: 'running' };
      report.attached.push(entry);
      let done;
      try {
        done = await waitForUpdate({
          api,
          clock,
          progress,
          resource: u.resource,
          updateId: u.updateId,
          label: `running ${u.type}`,
          expectedSeconds: expectedSecondsForRunning(u, liveNodegroup(state, u.resource.name)),
          // A VersionRollback is awaited for its own EKS timeout, not the cluster's default (CANCEL-ROLLBACK-ONLY).
          timeoutSeconds: attachedTimeoutSeconds(u, spec),
          random: options.random,
          signal: options.signal,
          ...(u.createdAt ? { startedAt: u.createdAt } : {}),
        });
      } catch (err) {
        if (!(err instanceof UpdateTimeoutError) && !options.signal?.aborted) throw err;
        // CANCEL-ROLLBACK-ONLY: this run did not start it, so it never cancels it, rollback or not.
        const cause = err instanceof UpdateTimeoutError ? 'outlived its wait' : 'was still running when the run was interrupted';
        throw new UpdateTimeoutError(`${key}: update ${u.updateId} (${u.type}), found running when this run started, ${cause}; this run did not start it, so it leaves it running (no CancelUpdate) — the next apply waits for it`);
      }
      entry.outcome = done.status ?? 'unknown';
      if (done.status !== 'Successful') {
        const errors = (done.errors ?? []).map((e) => `${e.errorCode}: ${e.errorMessage}`).join('; ');
        throw new UpdateFailedError(`${key}: update ${u.updateId} (${u.type}), which was already running, ended ${done.status}${errors ? `: ${errors}` : ''}; check it, then apply again`);
      }
    }));
    ({ plan, state, text, dataPlane } = await planOnly(options));
  }

  text.split('\n').forEach((l) => progress.say(`cluster/${spec.clusterName}`, l.trimStart()));
  report.warnings.push(...plan.warnings);
  // INSIGHTS-PER-STEP: the first control-plane step's insights before any change (a block is exit 2), each later
  // one's right before that step runs.
  const insights: InsightCheck = { api, spec, plan, state, progress, clock, signal: options.signal };
  const first = firstControlPlaneStep(plan);
  if (first) report.warnings.push(...await checkInsightsForStep(insights, first, 'before-change'));
  // The first step is read again right before it when earlier phases ran: what they fixed is then re-read, not assumed.
  const firstAtOnce = first !== undefined && plan.phases.findIndex((p) => p.steps.includes(first)) === 0;
  const context = { api, clock, progress, spec, state, report, random: options.random, signal: options.signal };
  // The data plane: the plan's read for the first step, read again before each later one (AUTO-MODE-DRIFT waits there).
  const watch = { api, spec, state, clock, progress, read: options.readDataPlane ?? readClusterDataPlane, signal: options.signal, said: new Set(plan.warnings) };
  await executePlan(plan, {
    ...context,
    beforeControlPlaneStep: async (step) => {
      report.warnings.push(...await beforeStepDataPlane(watch, step, step === first ? dataPlane : undefined));
      if (step !== first || !firstAtOnce) report.warnings.push(...await checkInsightsForStep(insights, step, 'mid-run'));
    },
    // Progress where the data plane can be read: not when the plan's read was refused or unreachable (one line said so).
    ...(followsProgress(spec, dataPlane) ? { progressProbe: (step: PlanStep) => progressProbeFor(step, state, (scope) => watch.read(api, state, spec, scope), clock) } : {}),
    // A fresh read: what holds the pods now, not what the plan saw.
    explainFailure: (step, codes) => explainEvictionFailure(step, codes, () => watch.read(api, state, spec)),
  });
}

/** Whether waits follow the data plane: allowed by the policy, and not already found unreadable by the plan's read. */
function followsProgress(spec: UpgradeSpec, dataPlane: DataPlaneRead): boolean {
  return spec.policy.dataPlane !== 'off' && !(dataPlane.status === 'skipped' && dataPlane.failure !== 'off');
}

export function newReport(spec: UpgradeSpec, clock: Clock = systemClock): RunReport {
  return { cluster: spec.clusterName, startedAt: new Date(clock.now()).toISOString(), outcome: 'converged', attached: [], steps: [], warnings: [], apiCalls: {} };
}

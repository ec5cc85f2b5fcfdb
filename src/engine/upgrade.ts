import { Clock, systemClock } from './clock';
import { EksApi } from './eks-api';
import { UpdateFailedError } from './engine-errors';
import { executePlan } from './executor';
import { expectedSecondsForRunning } from './expected-duration';
import { LiveState, resourceKey } from './live-state';
import { formatPlan } from './plan-format';
import { Plan } from './plan-types';
import { planUpgrade } from './planner';
import { checkUpgradeInsights } from './preflight';
import { Progress, ProgressSink } from './progress';
import { RunReport } from './run-report';
import { readLiveState } from './state-reader';
import { waitForUpdate } from './waiter';
import { UpgradeSpec } from '../spec/upgrade-spec';

export interface UpgradeOptions {
  readonly spec: UpgradeSpec;
  readonly api: EksApi;
  readonly clock?: Clock;
  readonly sink?: ProgressSink;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
}

export interface PlanResult {
  readonly plan: Plan;
  readonly state: LiveState;
  readonly text: string;
}

/** Reads the cluster and plans, making no change: what `eks-upgrade plan` shows. */
export async function planOnly(options: UpgradeOptions): Promise<PlanResult> {
  const state = await readLiveState(options.api, options.spec);
  const plan = planUpgrade(options.spec, state);
  const running = state.runningUpdates.map((u) => `  running now: update ${u.updateId} (${u.type}) on ${resourceKey(u.resource)}; apply waits for it first`);
  return { plan, state, text: [formatPlan(plan, state.cluster.version, options.spec.controlPlane.version), ...running].join('\n') };
}

/**
 * The apply: read, plan (refusing bad targets before any change), wait for updates already running,
 * re-plan from what they left, check insights, then execute. `report` is filled in as it goes, so a
 * caller that catches an error still has every started update in it.
 */
export async function runUpgrade(options: UpgradeOptions, report: RunReport): Promise<void> {
  const clock = options.clock ?? systemClock;
  const progress = new Progress(clock, options.sink ?? ((line) => process.stdout.write(`${line}\n`)));
  const { spec, api } = options;
  let { plan, state, text } = await planOnly(options);

  if (state.runningUpdates.length > 0) {
    await Promise.all(state.runningUpdates.map(async (u) => {
      const key = resourceKey(u.resource);
      progress.say(key, `update ${u.updateId} (${u.type}) is already running; waiting for it before planning`);
      const entry = { resource: key, updateId: u.updateId, outcome: 'running' };
      report.attached.push(entry);
      const done = await waitForUpdate({
        api,
        clock,
        progress,
        resource: u.resource,
        updateId: u.updateId,
        label: `running ${u.type}`,
        expectedSeconds: expectedSecondsForRunning(u, state.nodegroups[u.resource.name] ?? state.untargetedNodegroups[u.resource.name]),
        timeoutSeconds: spec.policy.updateTimeoutMinutes[u.resource.kind] * 60,
        random: options.random,
        signal: options.signal,
      });
      entry.outcome = done.status ?? 'unknown';
      if (done.status !== 'Successful') {
        const errors = (done.errors ?? []).map((e) => `${e.errorCode}: ${e.errorMessage}`).join('; ');
        throw new UpdateFailedError(`${key}: update ${u.updateId} (${u.type}), which was already running, ended ${done.status}${errors ? `: ${errors}` : ''}; check it, then apply again`);
      }
    }));
    ({ plan, state, text } = await planOnly(options));
  }

  text.split('\n').forEach((l) => progress.say(`cluster/${spec.clusterName}`, l.trimStart()));
  report.warnings.push(...plan.warnings);
  report.warnings.push(...await checkUpgradeInsights(api, spec, plan, progress));
  await executePlan(plan, { api, clock, progress, spec, state, report, random: options.random, signal: options.signal });
}

export function newReport(spec: UpgradeSpec, clock: Clock = systemClock): RunReport {
  return { cluster: spec.clusterName, startedAt: new Date(clock.now()).toISOString(), outcome: 'converged', attached: [], steps: [], warnings: [], apiCalls: {} };
}

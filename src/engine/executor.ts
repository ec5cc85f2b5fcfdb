import type { Update } from '@aws-sdk/client-eks';
import { compareAddonVersions } from './addon-versions';
import { clientRequestToken } from './client-token';
import { Clock } from './clock';
import { expectedSeconds, expectedUnitSeconds } from './expected-duration';
import { ClusterVersionStep, Plan, PlanStep } from './plan-types';
import { formatDuration, Progress } from './progress';
import { coverWork } from './rules/timeout-covers-work';
import { RunReport, StepRecord } from './run-report';
import { stepTimeoutSeconds } from './runtime-rules/timeout-covers-work';
import type { ProgressProbe } from './update-progress';
import { waitForUpdate } from './waiter';
import { EksApi } from '../aws/eks-api';
import { LiveNodegroup, liveNodegroup, LiveState, ResourceRef, resourceKey } from '../aws/live-state';
import { DeadlineError, isResourceInUse, UpdateFailedError, UpdateTimeoutError } from '../errors/run-errors';
import { cancelOwnRollback } from './runtime-rules/cancel-rollback-only';
import { catchUpStep, NodegroupsMustMatch, parseNodegroupsMustMatch } from './runtime-rules/mng-match-cp';
import { findRunningUpdate, readNodegroup, updateLocation } from '../aws/state-reader';
import { compareMinor } from '../upgrade-spec/kubernetes-minor';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

export interface ExecuteContext {
  readonly api: EksApi;
  readonly clock: Clock;
  readonly progress: Progress;
  readonly spec: UpgradeSpec;
  readonly state: LiveState;
  readonly report: RunReport;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  /**
   * INSIGHTS-PER-STEP: called right before a control-plane step sends its update (not when the step is found
   * already done); throws to stop the run before the step.
   */
  readonly beforeControlPlaneStep?: (step: ClusterVersionStep) => Promise<void>;
  /** Follows a step's own update in the data plane, where it can be read: it paces the waiter's polls. */
  readonly progressProbe?: (step: PlanStep) => ProgressProbe | undefined;
  /** More to say about a failed update than EKS's errors (EVICTION-BUDGET: the pods and budgets, read afresh). */
  readonly explainFailure?: (step: PlanStep, errorCodes: readonly string[]) => Promise<string | undefined>;
}

/** How long an add-on may stay DEGRADED after a successful update before the run fails (seconds). */
const HEALTH_GRACE_SECONDS = 300;
/** Attempts at starting one step while other runs keep updating the same resource. */
const MAX_STEP_ATTEMPTS = 8;
/** Pause before reading a resource again that reads UPDATING with no update running (seconds of EKS time). */
const BUSY_RECHECK_SECONDS = 5;
/** Rounds of moving the node groups EKS names before one control-plane step (MNG-MATCH-CP); more means EKS disagrees with itself. */
const MAX_CATCH_UP_ROUNDS = 2;

/**
 * Runs the plan phase by phase. Within a phase each resource is a lane; node-group lanes run at most
 * `maxConcurrentNodegroups` at a time. A failing lane lets the others in its phase finish (so no
 * update is left unreported), then the run stops.
 */
export async function executePlan(plan: Plan, ctx: ExecuteContext): Promise<void> {
  const records = new Map<PlanStep, StepRecord>();
  plan.phases.forEach((phase) => phase.steps.forEach((step) => {
    const record = newRecord(phase.title, step);
    records.set(step, record);
    ctx.report.steps.push(record);
  }));

  for (const [i, phase] of plan.phases.entries()) {
    ctx.progress.say(`cluster/${plan.clusterName}`, `phase ${i + 1}/${plan.phases.length}: ${phase.title}`);
    const lanes = new Map<string, PlanStep[]>();
    for (const step of phase.steps) lanes.set(resourceKey(step.resource), [...(lanes.get(resourceKey(step.resource)) ?? []), step]);
    const nodegroupSlots = semaphore(ctx.spec.policy.maxConcurrentNodegroups);
    const results = await Promise.allSettled([...lanes.values()].map(async (lane) => {
      const release = lane[0].resource.kind === 'nodegroup' ? await nodegroupSlots() : () => undefined;
      try {
        for (const step of lane) await runStep(step, records.get(step)!, ctx);
      } finally {
        release();
      }
    }));
    throwIfAnyFailed(results);
  }
}

/** Runs one plan step: starts its update (or finds it done, or joins it), waits for its outcome, then for health. */
async function runStep(step: PlanStep, record: StepRecord, ctx: ExecuteContext): Promise<void> {
  await new StepRun(step, record, ctx).run();
}

/** One step's run, with what its attempts learn along the way. */
class StepRun {
  private readonly key: string;
  private readonly label: string;
  /** TIMEOUT-COVERS-WORK: the planner's per-step timeout, else the policy's; a rollback waits for its own EKS timeout. */
  private readonly timeoutSeconds: number;
  /** Whether this run started the update (not an earlier run, another actor, or a token replay of theirs). */
  private startedHere = false;
  private insightsChecked = false;
  private catchUpRounds = 0;
  /** EKS answered the last attempt ResourceInUse: the update it names may run while the resource reads ACTIVE. */
  private refusedBusy = false;

  constructor(private readonly step: PlanStep, private readonly record: StepRecord, private readonly ctx: ExecuteContext) {
    this.key = resourceKey(step.resource);
    this.label = `${step.action} ${record.target}`;
    this.timeoutSeconds = stepTimeoutSeconds(step, ctx.spec.policy);
  }

  async run(): Promise<void> {
    const { ctx, record, step } = this;
    const update = await this.start();
    if (update === undefined) return;
    record.updateId = update.id;
    record.startedAt = new Date(ctx.clock.now()).toISOString();
    record.outcome = 'running';
    ctx.progress.say(this.key, `${this.label}: ${this.startedHere ? 'started' : 'joined'} update ${update.id} — ${step.reason}${step.rule ? ` [${step.rule}]` : ''}`);
    // An update joined by its token (a rerun) may be well under way: its schedule starts from when EKS started it.
    const startedAt = this.startedHere || !update.createdAt ? undefined : new Date(update.createdAt);
    const finished = await this.awaitOutcome(update.id!, this.label, this.startedHere, startedAt, this.ctx.progressProbe?.(step));
    record.endedAt = new Date(ctx.clock.now()).toISOString();
    record.outcome = finished.status as StepRecord['outcome'];
    await waitHealthy(step, update.id!, ctx, (own) => this.awaitedForeignUpdate(own));
  }

  /**
   * After this step's update succeeded, the resource reads UPDATING: another run (or person) started the next update
   * on it. That update is named and awaited, within the step's timeout, instead of being taken for ill health.
   * False when no other update runs (an add-on can read UPDATING briefly after its own update).
   */
  private async awaitedForeignUpdate(own: string): Promise<boolean> {
    const [running] = await findRunningUpdate(this.ctx.api, this.step.resource);
    if (!running || running.updateId === own) return false;
    this.ctx.progress.say(this.key, `${this.label}: update ${own} succeeded; the resource is now busy with update ${running.updateId} (${running.type}), which this run did not start; waiting for it`);
    await this.awaitOutcome(running.updateId, `update ${running.updateId} (${running.type}, started elsewhere)`, false, running.createdAt);
    return true;
  }

  /** The step's update once EKS has it, or undefined when the step is already in place. */
  private async start(): Promise<Update | undefined> {
    const { ctx, step } = this;
    for (let attempt = 1; ; attempt++) {
      ctx.signal?.throwIfAborted();
      if (attempt > MAX_STEP_ATTEMPTS) throw new UpdateFailedError(`${this.key}: could not start ${this.label}: the resource stayed busy with other updates`);
      // The history is read before the resource: a change someone else makes after this read shows in the
      // describe below (and is skipped), and one made before it changes the token rather than repeating it.
      const history = await ctx.api.listUpdateIds(updateLocation(step.resource));
      const live = await describeResource(ctx.api, step.resource);
      if (satisfied(step, live)) {
        this.record.outcome = 'already done';
        ctx.progress.say(this.key, `${this.label}: already in place`);
        return undefined;
      }
      if (await this.awaitedBusyResource(live, history)) continue;
      if (step.action === 'cluster-version' && !this.insightsChecked) {
        await ctx.beforeControlPlaneStep?.(step);
        this.insightsChecked = true;
      }
      const update = await this.send(history);
      if (update !== undefined) return update;
    }
  }

  /**
   * CP-ONE-UPDATE, NG-ACTIVE-ONLY, ADDON-ONE-UPDATE: EKS refuses an update on a cluster, node group or add-on while
   * one is running (ResourceInUseException), so a running update is awaited, never raced. True when the resource was
   * busy, and the attempt starts over.
   */
  private async awaitedBusyResource(live: ResourceView, history: string[]): Promise<boolean> {
    if (live.status !== 'UPDATING' && !this.refusedBusy) return false;
    this.refusedBusy = false;
    // The history read above is fresh for this attempt (a ResourceInUse of the last one is in it).
    const [running] = await findRunningUpdate(this.ctx.api, this.step.resource, history);
    if (running) {
      this.ctx.progress.say(this.key, `${this.label}: waiting for update ${running.updateId} (${running.type}) already running on this resource`);
      await this.awaitOutcome(running.updateId, `update ${running.updateId}`, false, running.createdAt);
      return true;
    }
    if (live.status !== 'UPDATING') return false;
    // The update that made it busy ended between the two reads, or began after the history was read: look again.
    await this.ctx.clock.sleep(BUSY_RECHECK_SECONDS * 1000, this.ctx.signal);
    return true;
  }

  /** Sends the step's request; undefined when EKS refused it in a way the next attempt resolves. */
  private async send(history: string[]): Promise<Update | undefined> {
    const { ctx, step } = this;
    const request = requestFor(step);
    // TOKEN-IDEMPOTENT: derived from the change and the history, so a retry (also after MNG-MATCH-CP) or a rerun
    // sends the same token and EKS returns the update it already started instead of starting a second one.
    const token = clientRequestToken({ cluster: ctx.spec.clusterName, resource: this.key, action: step.action, request, history });
    // Checked right before the call, after every await of this attempt: a stop requested while the history or the
    // insights were read starts nothing.
    ctx.signal?.throwIfAborted();
    try {
      const update = await send(ctx.api, step, { ...request, clientRequestToken: token });
      this.startedHere = !history.includes(update.id!);
      return update;
    } catch (err) {
      await this.onRefused(err);
      return undefined;
    }
  }

  /** MNG-MATCH-CP moves the node groups EKS names; a busy resource is awaited next attempt; anything else fails. */
  private async onRefused(err: unknown): Promise<void> {
    const { ctx, step } = this;
    const refusal = step.action === 'cluster-version' ? parseNodegroupsMustMatch(err) : undefined;
    if (refusal && step.action === 'cluster-version') {
      if (++this.catchUpRounds > MAX_CATCH_UP_ROUNDS) {
        throw new UpdateFailedError(`${this.key}: EKS still refuses ${this.label} after its node groups were moved to ${refusal.version} (${(err as Error).message}); check them with aws eks describe-nodegroup, then apply again`);
      }
      await catchUpNodegroups(step, refusal, this.record, ctx, (err as Error).message);
      return;
    }
    if (!isResourceInUse(err)) throw err;
    this.refusedBusy = true;
    ctx.progress.say(this.key, `${this.label}: EKS reports the resource busy (${(err as Error).message}); waiting for it`);
  }

  private async awaitOutcome(updateId: string, what: string, own: boolean, startedAt?: Date, probe?: ProgressProbe): Promise<Update> {
    const { ctx, step, record } = this;
    const nodegroup = step.resource.kind === 'nodegroup' ? liveNodegroup(ctx.state, step.resource.name) : undefined;
    const wantedConfig = nodegroup ? { ...nodegroup.updateConfig, ...ctx.spec.nodegroups.find((n) => n.name === nodegroup.name)?.updateConfig } : undefined;
    const unitSeconds = probe ? expectedUnitSeconds(step, nodegroup, wantedConfig) : undefined;
    let result: Update;
    try {
      result = await waitForUpdate({
        api: ctx.api,
        clock: ctx.clock,
        progress: ctx.progress,
        resource: step.resource,
        updateId,
        label: what,
        expectedSeconds: expectedSeconds(step, nodegroup, wantedConfig),
        timeoutSeconds: this.timeoutSeconds,
        random: ctx.random,
        signal: ctx.signal,
        ...(startedAt ? { startedAt } : {}),
        ...(probe ? { probe } : {}),
        ...(unitSeconds !== undefined ? { unitSeconds } : {}),
      });
    } catch (err) {
      if (err instanceof UpdateTimeoutError || ctx.signal?.aborted) throw await this.onInterrupted(err, updateId, what, own);
      throw new UpdateFailedError(`${this.key}: waiting for update ${updateId} (${what}) failed: ${(err as Error).name}: ${(err as Error).message}; the update may still be running in EKS, and the next apply checks it before doing anything else`);
    }
    if (result.status !== 'Successful') {
      const extra = await ctx.explainFailure?.(step, (result.errors ?? []).map((e) => e.errorCode ?? '')).catch((e: Error) => `(could not say more: ${e.message})`);
      const message = `${describeFailure(this.key, updateId, what, result)}${extra ? `\n  ${extra}` : ''}`;
      if (updateId === record.updateId) {
        record.outcome = result.status as StepRecord['outcome'];
        record.endedAt = new Date(ctx.clock.now()).toISOString();
        record.error = message;
      }
      throw new UpdateFailedError(message);
    }
    ctx.progress.say(this.key, `${what}: update ${updateId} Successful`);
    return result;
  }

  /**
   * A timeout or signal mid-wait. CANCEL-ROLLBACK-ONLY: only a VersionRollback this run started is cancelled
   * (best effort), and what DescribeUpdate says afterwards is reported; any other update is left running.
   */
  private async onInterrupted(err: unknown, updateId: string, what: string, own: boolean): Promise<Error> {
    const { ctx, step, record } = this;
    const cause = err instanceof UpdateTimeoutError ? `timed out after ${formatDuration(this.timeoutSeconds)}` : 'interrupted';
    // A runner's deadline (Lambda) stops the wait, not the work: the next invocation resumes waiting for it.
    const deadline = ctx.signal?.reason instanceof DeadlineError;
    const rollback = step.action === 'cluster-version' && step.rollbackTimeoutMinutes !== undefined;
    if (rollback && own && !deadline) {
      const outcome = await cancelOwnRollback(ctx.api, updateId);
      record.cancellation = outcome.cancellation;
      if (outcome.status !== undefined) record.outcome = outcome.status === 'InProgress' ? 'running' : outcome.status as StepRecord['outcome'];
      record.error = outcome.text;
      return new UpdateTimeoutError(`${this.key}: ${what} ${cause}; ${outcome.text}`);
    }
    const why = deadline
      ? 'the runner\'s deadline leaves it running'
      : !own
        ? `this run did not start update ${updateId}, so it does not cancel it (CANCEL-ROLLBACK-ONLY)`
        : `EKS can cancel only a rollback (CancelUpdate reference), not this ${step.action}`;
    return new UpdateTimeoutError(`${this.key}: ${what} ${cause}; ${why}, so update ${updateId} keeps running — the next apply waits for it instead of starting another`);
  }
}

/**
 * MNG-MATCH-CP, adaptive: EKS refused a control-plane step because managed node groups are behind it (the plan
 * left them there, under policy.skipLevelNodegroups, or another actor changed them). Each named node group is
 * moved to the version EKS names, as an extra step in the report, and the caller retries the control-plane step.
 * The extra steps go through runStep, so their tokens are idempotent and a rerun attaches instead of repeating.
 */
async function catchUpNodegroups(step: ClusterVersionStep, refusal: NodegroupsMustMatch, record: StepRecord, ctx: ExecuteContext, message: string): Promise<void> {
  const key = resourceKey(step.resource);
  const lives = await Promise.all(refusal.nodegroups.map(async (name) => liveNodegroup(ctx.state, name) ?? readNodegroup(ctx.api, name, ctx.state.cluster.version)));
  // Every custom-AMI node group is refused before any of the others is moved.
  const steps = lives.map((live) => catchUpStep(step, refusal, live, ctx.spec));
  ctx.progress.say(key, `EKS refused ${step.action} ${step.from} → ${step.to} (${message}) [MNG-MATCH-CP]; updating node group(s) ${refusal.nodegroups.join(', ')} to ${refusal.version}, then retrying`);
  const slots = semaphore(ctx.spec.policy.maxConcurrentNodegroups);
  const results = await Promise.allSettled(steps.map(async (s, i) => {
    // TIMEOUT-COVERS-WORK: the same head-room over the expected work the planner gives its own steps.
    const withTimeout = coverWork(s, ctx.spec.policy, lives[i]).step;
    const extra = newRecord(record.phase, withTimeout);
    ctx.report.steps.splice(ctx.report.steps.indexOf(record), 0, extra);
    const release = await slots();
    try {
      await runStep(withTimeout, extra, ctx);
    } finally {
      release();
    }
  }));
  throwIfAnyFailed(results);
  ctx.progress.say(key, `node group(s) ${refusal.nodegroups.join(', ')} on ${refusal.version}; retrying ${step.action} ${step.from} → ${step.to}`);
}

/**
 * Lanes that ran side by side: one failure is rethrown as it is; several become one error listing them all, of the
 * kind that decides the exit code (a failed update outranks a timeout).
 */
function throwIfAnyFailed(results: readonly PromiseSettledResult<unknown>[]): void {
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length === 0) return;
  if (failures.length === 1) throw failures[0];
  const Kind = failures.some((f) => f instanceof UpdateFailedError) ? UpdateFailedError : failures[0] instanceof UpdateTimeoutError ? UpdateTimeoutError : Error;
  throw new Kind(failures.map((f) => f.message).join('\n'));
}

function newRecord(phase: string, step: PlanStep): StepRecord {
  return {
    phase,
    resource: resourceKey(step.resource),
    action: step.action,
    target: describeTarget(step),
    reason: step.reason,
    ...(step.rule ? { rule: step.rule } : {}),
    outcome: 'not started',
  };
}

/** After Successful, the resource itself must read ACTIVE (an add-on can be DEGRADED after a good update). */
async function waitHealthy(step: PlanStep, updateId: string, ctx: ExecuteContext, awaitedForeign: (own: string) => Promise<boolean>): Promise<void> {
  const key = resourceKey(step.resource);
  let start = ctx.clock.now();
  for (let poll = 0; ; poll++) {
    const live = await describeResource(ctx.api, step.resource);
    if (live.status === 'ACTIVE') return;
    if (live.status === 'UPDATING' && await awaitedForeign(updateId)) {
      // The grace is for this resource's health, counted again once the other update is over.
      start = ctx.clock.now();
      poll = -1;
      continue;
    }
    const elapsed = (ctx.clock.now() - start) / 1000;
    if (elapsed >= HEALTH_GRACE_SECONDS) {
      throw new UpdateFailedError(`${key}: update ${updateId} succeeded but the resource is ${live.status} after ${formatDuration(elapsed)}${live.health ? `: ${live.health}` : ''}; fix the cause (${DESCRIBE_COMMAND[step.resource.kind]}) and apply again`);
    }
    if (poll === 0) ctx.progress.say(key, `update succeeded; waiting for the resource to be ACTIVE (now ${live.status}${live.health ? `: ${live.health}` : ''})`);
    await ctx.clock.sleep(Math.min(30, 5 * 2 ** poll) * 1000, ctx.signal);
  }
}

/** Where the user looks at a resource of each kind, for hints. */
const DESCRIBE_COMMAND: Record<ResourceRef['kind'], string> = {
  cluster: 'aws eks describe-cluster',
  nodegroup: 'aws eks describe-nodegroup',
  addon: 'aws eks describe-addon',
};

interface ResourceView {
  readonly status: string;
  readonly version?: string;
  readonly releaseVersion?: string;
  readonly launchTemplateVersion?: string;
  readonly updateConfig?: LiveNodegroup['updateConfig'];
  readonly health?: string;
}

async function describeResource(api: EksApi, ref: ResourceRef): Promise<ResourceView> {
  switch (ref.kind) {
    case 'cluster': {
      const c = await api.describeCluster();
      return { status: c.status ?? 'UNKNOWN', version: c.version };
    }
    case 'nodegroup': {
      const n = await api.describeNodegroup(ref.name);
      return { status: n.status ?? 'UNKNOWN', version: n.version, releaseVersion: n.releaseVersion, launchTemplateVersion: n.launchTemplate?.version, updateConfig: n.updateConfig };
    }
    case 'addon': {
      const a = await api.describeAddon(ref.name);
      const issues = (a.health?.issues ?? []).map((i) => `${i.code}: ${i.message}${i.resourceIds?.length ? ` (${i.resourceIds.join(', ')})` : ''}`);
      return { status: a.status ?? 'UNKNOWN', version: a.addonVersion, health: issues.join('; ') || undefined };
    }
  }
}

/** Whether the live resource already is where the step would take it (or beyond, for versions). */
function satisfied(step: PlanStep, live: ResourceView): boolean {
  if (live.version === undefined) return false;
  switch (step.action) {
    case 'cluster-version':
      return step.rollbackTimeoutMinutes !== undefined ? live.version === step.to : compareMinor(live.version, step.to) >= 0;
    case 'addon-update':
      return step.configurationValues === undefined && step.serviceAccountRoleArn === undefined && step.podIdentityAssociations === undefined &&
        // A downgrade (ROLLBACK-ELIGIBLE) is in place only at its version, not above it.
        (compareAddonVersions(step.version, step.from) < 0 ? live.version === step.version : compareAddonVersions(live.version, step.version) >= 0);
    case 'nodegroup-config': {
      const have = live.updateConfig ?? {};
      const want = step.updateConfig;
      return (want.maxUnavailable === undefined || want.maxUnavailable === have.maxUnavailable) &&
        (want.maxUnavailablePercentage === undefined || want.maxUnavailablePercentage === have.maxUnavailablePercentage) &&
        (want.updateStrategy === undefined || want.updateStrategy === (have.updateStrategy ?? 'DEFAULT'));
    }
    case 'nodegroup-version':
      // A rollback step (ROLLBACK-MNG-FIRST) is in place only at its version, not above it.
      return (step.version === undefined || (compareMinor(step.version, step.from.version) < 0 ? live.version === step.version : compareMinor(live.version, step.version) >= 0)) &&
        (step.releaseVersion === undefined || live.releaseVersion === step.releaseVersion) &&
        (step.launchTemplate === undefined || live.launchTemplateVersion === step.launchTemplate.version);
  }
}

/** The request body of the step's EKS call, without the token (it is part of what the token hashes). */
function requestFor(step: PlanStep): Record<string, unknown> {
  switch (step.action) {
    case 'cluster-version':
      return {
        version: step.to,
        ...(step.force ? { force: true } : {}),
        ...(step.rollbackTimeoutMinutes !== undefined ? { rollbackConfig: { timeoutMinutes: step.rollbackTimeoutMinutes } } : {}),
      };
    case 'nodegroup-version':
      return {
        nodegroupName: step.resource.name,
        ...(step.version !== undefined ? { version: step.version } : {}),
        ...(step.releaseVersion !== undefined ? { releaseVersion: step.releaseVersion } : {}),
        ...(step.launchTemplate ? { launchTemplate: step.launchTemplate } : {}),
        ...(step.force ? { force: true } : {}),
      };
    case 'nodegroup-config':
      return { nodegroupName: step.resource.name, updateConfig: step.updateConfig };
    case 'addon-update':
      return {
        addonName: step.resource.name,
        addonVersion: step.version,
        ...(step.resolveConflicts ? { resolveConflicts: step.resolveConflicts } : {}),
        ...(step.configurationValues !== undefined ? { configurationValues: step.configurationValues } : {}),
        ...(step.serviceAccountRoleArn !== undefined ? { serviceAccountRoleArn: step.serviceAccountRoleArn } : {}),
        ...(step.podIdentityAssociations !== undefined ? { podIdentityAssociations: step.podIdentityAssociations } : {}),
      };
  }
}

function send(api: EksApi, step: PlanStep, request: Record<string, any>): Promise<Update> {
  switch (step.action) {
    case 'cluster-version': return api.updateClusterVersion(request as any);
    case 'nodegroup-version': return api.updateNodegroupVersion(request as any);
    case 'nodegroup-config': return api.updateNodegroupConfig(request as any);
    case 'addon-update': return api.updateAddon(request as any);
  }
}

export function describeTarget(step: PlanStep): string {
  switch (step.action) {
    case 'cluster-version': return `${step.from} → ${step.to}${step.rollbackTimeoutMinutes !== undefined ? ' (rollback)' : ''}`;
    case 'addon-update': return step.from === step.version ? `${step.version} (settings)` : `${step.from} → ${step.version}`;
    case 'nodegroup-config': return Object.entries(step.updateConfig).map(([k, v]) => `${k}=${v}`).join(' ');
    case 'nodegroup-version': return [
      step.version !== undefined && step.version !== step.from.version ? `${step.from.version} → ${step.version}` : undefined,
      step.releaseVersion ? `release ${step.releaseVersion}` : undefined,
      step.launchTemplate ? `launch template v${step.launchTemplate.version}` : undefined,
    ].filter(Boolean).join(', ') || `${step.version ?? ''}`;
  }
}

function describeFailure(key: string, updateId: string, what: string, update: Update): string {
  const errors = (update.errors ?? []).map((e) => `${e.errorCode}: ${e.errorMessage}${e.resourceIds?.length ? ` [${e.resourceIds.join(', ')}]` : ''}`);
  const remedy = (update.errors ?? []).some((e) => e.errorCode === 'PodEvictionFailure')
    ? '\n  remedy: a PodDisruptionBudget blocked the drain; fix the budget, or set force: true on this node group to evict anyway'
    : '';
  return `${key}: ${what} ended ${update.status} (update ${updateId})${errors.length ? `\n  ${errors.join('\n  ')}` : ''}${remedy}`;
}

/** A counting semaphore: resolves to a release function once a slot is free. */
function semaphore(size: number): () => Promise<() => void> {
  let free = size;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else free++;
  };
  return () => new Promise((resolve) => {
    if (free > 0) {
      free--;
      resolve(release);
    } else {
      queue.push(() => resolve(release));
    }
  });
}

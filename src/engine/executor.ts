import type { Update } from '@aws-sdk/client-eks';
import { compareAddonVersions } from './addon-versions';
import { clientRequestToken } from './client-token';
import { Clock } from './clock';
import { EksApi } from './eks-api';
import { DeadlineError, isResourceInUse, UpdateFailedError, UpdateTimeoutError } from './engine-errors';
import { expectedSeconds } from './expected-duration';
import { LiveNodegroup, LiveState, ResourceRef, resourceKey } from './live-state';
import { Plan, PlanStep } from './plan-types';
import { formatDuration, Progress } from './progress';
import { RunReport, StepRecord } from './run-report';
import { findRunningUpdate, updateLocation } from './state-reader';
import { waitForUpdate } from './waiter';
import { compareMinor } from '../spec/kubernetes-minor';
import { UpgradeSpec } from '../spec/upgrade-spec';

export interface ExecuteContext {
  readonly api: EksApi;
  readonly clock: Clock;
  readonly progress: Progress;
  readonly spec: UpgradeSpec;
  readonly state: LiveState;
  readonly report: RunReport;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
}

/** How long an add-on may stay DEGRADED after a successful update before the run fails (seconds). */
const HEALTH_GRACE_SECONDS = 300;
/** Attempts at starting one step while other runs keep updating the same resource. */
const MAX_STEP_ATTEMPTS = 8;
/** Pause before reading a resource again that reads UPDATING with no update running (seconds of EKS time). */
const BUSY_RECHECK_SECONDS = 5;

/**
 * Runs the plan phase by phase. Within a phase each resource is a lane; node-group lanes run at most
 * `maxConcurrentNodegroups` at a time. A failing lane lets the others in its phase finish (so no
 * update is left unreported), then the run stops.
 */
export async function executePlan(plan: Plan, ctx: ExecuteContext): Promise<void> {
  const records = new Map<PlanStep, StepRecord>();
  plan.phases.forEach((phase) => phase.steps.forEach((step) => {
    const record: StepRecord = { phase: phase.title, resource: resourceKey(step.resource), action: step.action, target: describeTarget(step), reason: step.reason, outcome: 'not started' };
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
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    if (failures.length > 0) {
      if (failures.length === 1) throw failures[0];
      const Kind = failures.some((f) => f instanceof UpdateFailedError) ? UpdateFailedError : failures[0] instanceof UpdateTimeoutError ? UpdateTimeoutError : Error;
      throw new Kind(failures.map((f) => f.message).join('\n'));
    }
  }
}

async function runStep(step: PlanStep, record: StepRecord, ctx: ExecuteContext): Promise<void> {
  const key = resourceKey(step.resource);
  const label = `${step.action} ${record.target}`;
  const kind = step.resource.kind;
  const timeoutSeconds = ctx.spec.policy.updateTimeoutMinutes[kind === 'cluster' ? 'cluster' : kind] * 60;
  let update: Update | undefined;

  for (let attempt = 1; update === undefined; attempt++) {
    ctx.signal?.throwIfAborted();
    if (attempt > MAX_STEP_ATTEMPTS) throw new UpdateFailedError(`${key}: could not start ${label}: the resource stayed busy with other updates`);
    // The history is read before the resource: a change someone else makes after this read shows in the
    // describe below (and is skipped), and one made before it changes the token rather than repeating it.
    const history = await ctx.api.listUpdateIds(updateLocation(step.resource));
    const live = await describeResource(ctx.api, step.resource);
    if (satisfied(step, live)) {
      record.outcome = 'already done';
      ctx.progress.say(key, `${label}: already in place`);
      return;
    }
    if (live.status === 'UPDATING' || attempt > 1) {
      const [running] = await findRunningUpdate(ctx.api, step.resource);
      if (running) {
        ctx.progress.say(key, `${label}: waiting for update ${running.updateId} (${running.type}) already running on this resource`);
        await awaitOutcome(running.updateId, `update ${running.updateId}`);
        continue;
      }
      if (live.status === 'UPDATING') {
        // The update that made it busy ended between the two reads: look at the resource again.
        await ctx.clock.sleep(BUSY_RECHECK_SECONDS * 1000, ctx.signal);
        continue;
      }
    }
    const request = requestFor(step);
    const token = clientRequestToken({ cluster: ctx.spec.clusterName, resource: key, action: step.action, request, history });
    try {
      update = await send(ctx.api, step, { ...request, clientRequestToken: token });
    } catch (err) {
      if (!isResourceInUse(err)) throw err;
      ctx.progress.say(key, `${label}: EKS reports the resource busy (${(err as Error).message}); waiting for it`);
    }
  }

  record.updateId = update.id;
  record.startedAt = new Date(ctx.clock.now()).toISOString();
  record.outcome = 'running';
  ctx.progress.say(key, `${label}: started update ${update.id} — ${step.reason}`);
  const finished = await awaitOutcome(update.id!, label);
  record.endedAt = new Date(ctx.clock.now()).toISOString();
  record.outcome = finished.status as StepRecord['outcome'];
  await waitHealthy(step, update.id!, ctx);

  async function awaitOutcome(updateId: string, what: string): Promise<Update> {
    const nodegroup = step.resource.kind === 'nodegroup' ? ctx.state.nodegroups[step.resource.name] : undefined;
    const wantedConfig = nodegroup ? { ...nodegroup.updateConfig, ...ctx.spec.nodegroups.find((n) => n.name === nodegroup.name)?.updateConfig } : undefined;
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
        timeoutSeconds,
        random: ctx.random,
        signal: ctx.signal,
      });
    } catch (err) {
      if (err instanceof UpdateTimeoutError || ctx.signal?.aborted) throw await onInterrupted(err, updateId, what);
      throw new UpdateFailedError(`${key}: waiting for update ${updateId} (${what}) failed: ${(err as Error).name}: ${(err as Error).message}; the update may still be running in EKS, and the next apply checks it before doing anything else`);
    }
    if (result.status !== 'Successful') {
      const message = describeFailure(key, updateId, what, result);
      if (updateId === record.updateId) {
        record.outcome = result.status as StepRecord['outcome'];
        record.endedAt = new Date(ctx.clock.now()).toISOString();
        record.error = message;
      }
      throw new UpdateFailedError(message);
    }
    ctx.progress.say(key, `${what}: update ${updateId} Successful`);
    return result;
  }

  /** A timeout or signal mid-wait: cancel what EKS can cancel, and name what keeps running. */
  async function onInterrupted(err: unknown, updateId: string, what: string): Promise<Error> {
    const cause = err instanceof UpdateTimeoutError ? 'timed out' : 'interrupted';
    const deadline = ctx.signal?.reason instanceof DeadlineError;
    if (step.action === 'cluster-version' && step.rollbackTimeoutMinutes !== undefined && !deadline) {
      try {
        const cancelled = await ctx.api.cancelUpdate(updateId);
        const c = cancelled.cancellation;
        record.outcome = 'Cancelled';
        return new UpdateTimeoutError(`${key}: ${what} ${cause}; CancelUpdate on ${updateId}: ${c?.status ?? cancelled.status}${c?.reason ? ` (${c.reason})` : ''}`);
      } catch (cancelErr) {
        return new UpdateTimeoutError(`${key}: ${what} ${cause}; CancelUpdate on ${updateId} was refused (${(cancelErr as Error).message}); the rollback keeps running in EKS`);
      }
    }
    if (err instanceof UpdateTimeoutError) return err;
    const why = deadline ? 'the runner\'s deadline leaves it running' : `EKS cannot cancel this kind of update (${step.action})`;
    return new UpdateTimeoutError(`${key}: ${what} ${cause}; ${why}, so update ${updateId} keeps running — the next apply waits for it instead of starting another`);
  }
}

/** After Successful, the resource itself must read ACTIVE (an add-on can be DEGRADED after a good update). */
async function waitHealthy(step: PlanStep, updateId: string, ctx: ExecuteContext): Promise<void> {
  const key = resourceKey(step.resource);
  const start = ctx.clock.now();
  for (let poll = 0; ; poll++) {
    const live = await describeResource(ctx.api, step.resource);
    if (live.status === 'ACTIVE') return;
    const elapsed = (ctx.clock.now() - start) / 1000;
    if (elapsed >= HEALTH_GRACE_SECONDS) {
      throw new UpdateFailedError(`${key}: update ${updateId} succeeded but the resource is ${live.status} after ${formatDuration(elapsed)}${live.health ? `: ${live.health}` : ''}; fix the cause (aws eks describe-addon) and apply again`);
    }
    if (poll === 0) ctx.progress.say(key, `update succeeded; waiting for the resource to be ACTIVE (now ${live.status}${live.health ? `: ${live.health}` : ''})`);
    await ctx.clock.sleep(Math.min(30, 5 * 2 ** poll) * 1000, ctx.signal);
  }
}

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
        compareAddonVersions(live.version, step.version) >= 0;
    case 'nodegroup-config': {
      const have = live.updateConfig ?? {};
      const want = step.updateConfig;
      return (want.maxUnavailable === undefined || want.maxUnavailable === have.maxUnavailable) &&
        (want.maxUnavailablePercentage === undefined || want.maxUnavailablePercentage === have.maxUnavailablePercentage) &&
        (want.updateStrategy === undefined || want.updateStrategy === (have.updateStrategy ?? 'DEFAULT'));
    }
    case 'nodegroup-version':
      return (step.version === undefined || compareMinor(live.version, step.version) >= 0) &&
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

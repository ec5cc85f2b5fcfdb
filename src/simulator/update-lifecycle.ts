import { iso } from './clock';
import { settleInsights } from './insights';
import { startAutoModeDrift } from './kubernetes/auto-mode-drift';
import { nextDataPlaneEvent } from './kubernetes/data-plane-clock';
import { endNodeRoll, startNodeRoll } from './kubernetes/node-roll';
import type { OperationContext } from './operation-context';
import type { ErrorDetail, HealthIssue, UpdateSeed } from './seed';
import type { ClusterState, SimState } from './state';
import { armUpdateFaults } from './update-faults';
import type { UpdateRequest } from './update-request';

/** Records a new InProgress update (arming any injected faults for it) and notes it for the call log. */
export function startUpdate(ctx: OperationContext, req: UpdateRequest): UpdateSeed {
  const faults = armUpdateFaults(ctx, req);
  const update: UpdateSeed = {
    id: ctx.newUpdateId(),
    cluster: req.cluster,
    ...req.scope,
    type: req.type,
    status: 'InProgress',
    params: req.params,
    createdAt: iso(ctx.now),
    endsAt: iso(ctx.now + req.durationMs),
    ...(req.nodesPhaseMs !== undefined ? { nodesPhaseEndsAt: iso(ctx.now + req.nodesPhaseMs) } : {}),
    ...(faults.visibleAfterMs ? { visibleAt: iso(ctx.now + faults.visibleAfterMs) } : {}),
    ...(req.token !== undefined ? { clientRequestToken: req.token } : {}),
    effect: req.effect,
    ...(faults.failWith ? { failWith: faults.failWith } : {}),
    ...(faults.degradeAfter ? { degradeAfter: faults.degradeAfter } : {}),
    errors: [],
  };
  ctx.state.updates.push(update);
  if (req.effect.kind === 'nodegroupVersion') {
    const d = ctx.durations.durations;
    startNodeRoll(ctx.state, update, { baseSeconds: d.nodegroupBaseSeconds, batchSeconds: d.nodegroupBatchSeconds }, req.force === true, req.rollPlan);
  }
  Object.assign(ctx.outcome, { updateId: update.id, createdUpdate: true, clientRequestToken: req.token });
  return update;
}

/**
 * Brings the state up to `now`: settles every cancellation and finishes every update due by then, in time
 * order (a cancellation that settles first stops its rollback), and heals expired degradations.
 */
export function settle(state: SimState, now: number): void {
  let events = dueEvents(state, now);
  let i = 0;
  for (;;) {
    // Data-plane steps (node rolls, Auto Mode drift) due first run first; one that moves an update's end re-reads them.
    const step = nextDataPlaneEvent(state, now);
    const e = events[i];
    if (step && (e === undefined || step.at <= e.at)) {
      if (step.run()) {
        events = dueEvents(state, now);
        i = 0;
      }
      continue;
    }
    if (e === undefined) break;
    i += 1;
    if (e.u.status !== 'InProgress' || (!e.cancel && Date.parse(e.u.endsAt) !== e.at)) continue;
    if (e.cancel) settleCancellation(e.u);
    else finish(state, e.u);
  }
  for (const c of state.clusters) {
    for (const a of c.addons) {
      if (a.degradedUntil !== undefined && Date.parse(a.degradedUntil) <= now) heal(a);
    }
  }
  settleInsights(state, now);
}

/** Cancellations and endings of running updates due by `now`, in time order (a cancellation before an ending at the same time). */
function dueEvents(state: SimState, now: number): { at: number; u: UpdateSeed; cancel: boolean }[] {
  return state.updates.flatMap((u) => {
    if (u.status !== 'InProgress') return [];
    const cancel = u.cancellation?.status === 'InProgress' && u.cancelEndsAt !== undefined ? [{ at: Date.parse(u.cancelEndsAt), u, cancel: true }] : [];
    return [...cancel, { at: Date.parse(u.endsAt), u, cancel: false }];
  }).filter((e) => e.at <= now).sort((a, b) => a.at - b.at || Number(b.cancel) - Number(a.cancel));
}

/** Returns add-ons a fault degraded to health (faults were cleared). */
export function healFaultDegradations(state: SimState): void {
  for (const c of state.clusters) {
    for (const a of c.addons) if (a.degradedByFault !== undefined) heal(a);
  }
}

function heal(a: ClusterState['addons'][number]): void {
  a.status = 'ACTIVE';
  a.healthIssues = [];
  delete a.degradedUntil;
  delete a.degradedByFault;
}

/**
 * CANCEL-ROLLBACK-ONLY: a cancellation that settles while the nodes still roll back stops the rollback
 * (Cancelled, no version changes); once the control plane's rollback began it fails and the rollback goes on.
 */
function settleCancellation(u: UpdateSeed): void {
  const inNodePhase = u.nodesPhaseEndsAt !== undefined && Date.parse(u.cancelEndsAt!) < Date.parse(u.nodesPhaseEndsAt);
  if (inNodePhase) {
    u.status = 'Cancelled';
    u.cancellation = { status: 'Successful', reason: 'The node rollback was cancelled; nodes converge to the current cluster version.' };
  } else {
    u.cancellation = { status: 'Failed', reason: 'The control plane rollback had already begun; the rollback continues.' };
  }
  delete u.cancelEndsAt;
}

function finish(state: SimState, u: UpdateSeed): void {
  const c = state.clusters.find((x) => x.name === u.cluster);
  u.status = u.failWith ? 'Failed' : 'Successful';
  u.errors = u.failWith ?? [];
  if (!c) return;
  endNodeRoll(c, u);
  if (u.failWith) fail(c, u, u.failWith);
  else apply(c, u);
}

function apply(c: ClusterState, u: UpdateSeed): void {
  const e = u.effect;
  switch (e.kind) {
    case 'clusterVersion':
      if (e.rollback) {
        delete c.previousVersion;
        delete c.upgradedAt;
      } else {
        c.previousVersion = c.version;
        c.upgradedAt = u.endsAt;
      }
      c.version = e.version;
      c.platformVersion = e.platformVersion;
      startAutoModeDrift(c, e.version, Date.parse(u.endsAt));
      return;
    case 'nodegroupVersion': {
      const n = c.nodegroups.find((x) => x.name === u.nodegroup);
      if (!n) return;
      n.version = e.version;
      if (e.releaseVersion !== undefined) n.releaseVersion = e.releaseVersion;
      if (e.launchTemplateVersion !== undefined && n.launchTemplate) n.launchTemplate.version = e.launchTemplateVersion;
      n.modifiedAt = u.endsAt;
      return;
    }
    case 'nodegroupConfig': {
      const n = c.nodegroups.find((x) => x.name === u.nodegroup);
      if (!n) return;
      n.updateConfig = e.updateConfig;
      n.modifiedAt = u.endsAt;
      return;
    }
    case 'addon': {
      const a = c.addons.find((x) => x.name === u.addon);
      if (!a) return;
      a.version = e.version;
      if (e.configurationValues !== undefined) a.configurationValues = e.configurationValues;
      if (e.serviceAccountRoleArn !== undefined) a.serviceAccountRoleArn = e.serviceAccountRoleArn;
      if (e.podIdentityAssociations !== undefined) a.podIdentityAssociations = e.podIdentityAssociations;
      a.modifiedAt = u.endsAt;
      heal(a);
      if (u.degradeAfter) degrade(a, u.endsAt, u.degradeAfter);
      return;
    }
  }
}

function degrade(a: ClusterState['addons'][number], from: string, fault: NonNullable<UpdateSeed['degradeAfter']>): void {
  a.status = 'DEGRADED';
  a.healthIssues = fault.issues;
  a.degradedByFault = fault.faultId;
  if (fault.seconds !== undefined) a.degradedUntil = iso(Date.parse(from) + fault.seconds * 1000);
}

const ADDON_ISSUE_CODES = new Set([
  'AccessDenied', 'AddonPermissionFailure', 'AddonSubscriptionNeeded', 'AdmissionRequestDenied', 'ClusterUnreachable',
  'ConfigurationConflict', 'InsufficientNumberOfReplicas', 'InternalFailure', 'K8sResourceNotFound', 'UnsupportedAddonModification',
]);

/** Versions stay as they were; a failed add-on update leaves the add-on UPDATE_FAILED with the error as a health issue. */
function fail(c: ClusterState, u: UpdateSeed, errors: ErrorDetail[]): void {
  const a = u.addon !== undefined ? c.addons.find((x) => x.name === u.addon) : undefined;
  if (!a) return;
  a.status = 'UPDATE_FAILED';
  a.healthIssues = errors.map((e): HealthIssue => ({
    code: ADDON_ISSUE_CODES.has(e.errorCode) ? e.errorCode : 'InternalFailure',
    message: e.errorMessage,
    resourceIds: e.resourceIds,
  }));
  a.modifiedAt = u.endsAt;
}

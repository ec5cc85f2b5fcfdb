import { iso } from '../clock';
import { nodesPerBatch, type RollPlan } from '../durations';
import type { UpdateSeed } from '../seed';
import type { ClusterState, NodegroupState, SimState } from '../state';
import type { NodeRollSeed } from './data-plane-seed';
import { NODEGROUP_LABEL } from './data-plane-state';
import { describeHeld, drainPass, nextReadyAfter, removeNodes } from './drain';
import { kubeletVersion } from './kubelet-version';
import { createNode } from './node-factory';
import { nodegroupNode } from './normalize-data-plane';
import { schedulePending } from './scheduler';

/**
 * NODE-ROLL-BATCHES and EVICTION-BUDGET: a managed node group version update replaces its nodes `maxUnavailable` at
 * a time (User Guide, managed-node-update-behavior): after the setup phase the old nodes are cordoned, and each batch
 * brings as many new nodes (Ready, on the new kubelet) as it drains old ones; the drained nodes leave 60 seconds after
 * their last pod. Evictions respect PodDisruptionBudgets and are retried when a pod becomes Ready; pods still held 15
 * minutes after their node's drain began fail the update with PodEvictionFailure, unless the update was forced, when
 * they are deleted. Batches are spread over the update's planned duration, which a slow drain extends.
 */
export const DRAIN_TIMEOUT_MS = 15 * 60 * 1000;
export const DRAINED_NODE_LINGER_MS = 60 * 1000;

/** Attaches the roll to a node group version update just started (its duration already drawn). */
export function startNodeRoll(state: SimState, u: UpdateSeed, nominal: { baseSeconds: number; batchSeconds: number }, force: boolean, plan?: RollPlan): void {
  const c = state.clusters.find((x) => x.name === u.cluster);
  const ng = c?.nodegroups.find((n) => n.name === u.nodegroup);
  if (!c || !ng || u.effect.kind !== 'nodegroupVersion') return;
  const old = c.dataPlane.nodes.filter((n) => n.nodegroup === ng.name).map((n) => n.name);
  const batchSize = nodesPerBatch(ng.scalingConfig.desiredSize, ng.updateConfig);
  const batches = Math.max(1, Math.ceil(old.length / batchSize));
  const duration = Date.parse(u.endsAt) - Date.parse(u.createdAt);
  // The drawn duration (jitter included) keeps the nominal split between the setup phase and the batches.
  const plannedBatches = Math.ceil(Math.max(1, ng.scalingConfig.desiredSize) / batchSize);
  const setupMs = plan?.setupMs ?? Math.round(duration * nominal.baseSeconds / (nominal.baseSeconds + plannedBatches * nominal.batchSeconds));
  u.roll = {
    nodegroup: ng.name,
    kubeletVersion: kubeletVersion(u.effect.version, u.effect.releaseVersion),
    ...(u.effect.releaseVersion !== undefined ? { image: u.effect.releaseVersion } : {}),
    force,
    batchSize,
    setupMs,
    batchMs: Math.floor((duration - setupMs) / batches),
    ...(plan ? { batchesMs: [...plan.batchesMs] } : {}),
    pending: old,
    draining: [],
    batch: 0,
    step: 'start',
    nextAtMs: setupMs,
    done: false,
  };
}

/** When the roll's next step is due (epoch ms), or undefined when it has none. */
export function rollDueAt(u: UpdateSeed): number | undefined {
  return u.status === 'InProgress' && u.roll && !u.roll.done ? Date.parse(u.createdAt) + u.roll.nextAtMs : undefined;
}

/** Runs the roll's step due at `t`. Returns true when it moved the update's end (later, or earlier by failing it). */
export function stepNodeRoll(state: SimState, u: UpdateSeed, t: number): boolean {
  const c = state.clusters.find((x) => x.name === u.cluster);
  const ng = c?.nodegroups.find((n) => n.name === u.nodegroup);
  const roll = u.roll!;
  if (!c || !ng) {
    roll.done = true;
    return false;
  }
  const base = Date.parse(u.createdAt);
  if (roll.step === 'start') startBatch(c, ng, roll, t, base);
  if (roll.step === 'drain') {
    const failed = drainBatch(c, u, roll, t, base);
    if (failed) return true;
  } else if (roll.step === 'leave' && t >= base + roll.nextAtMs) {
    removeNodes(c.dataPlane, roll.draining);
    roll.draining = [];
    roll.batch += 1;
    roll.step = 'start';
    if (roll.pending.length === 0) roll.done = true;
  }
  return extendEnd(u, roll, base, t);
}

function startBatch(c: ClusterState, ng: NodegroupState, roll: NodeRollSeed, t: number, base: number): void {
  if (roll.pending.length === 0) {
    roll.done = true;
    return;
  }
  const dp = c.dataPlane;
  // The scale-up phase marks every old node unschedulable, so evicted pods land on new nodes only.
  if (roll.batch === 0) for (const n of dp.nodes) if (roll.pending.includes(n.name)) n.unschedulable = true;
  roll.draining = roll.pending.splice(0, roll.batchSize);
  const joined = iso(t);
  for (let i = 0; i < roll.draining.length; i++) {
    const spec = nodegroupNode({ ...ng, releaseVersion: roll.image }, { region: dp.nodes[0]?.labels['topology.kubernetes.io/region'] ?? 'us-east-1', created: joined });
    dp.nodes.push(createNode(dp, { ...spec, kubeletVersion: roll.kubeletVersion }));
  }
  schedulePending(dp, t);
  roll.drainStartedAtMs = t - base;
  roll.step = 'drain';
}

/** One eviction pass; schedules the next (a pod becoming Ready, or the 15-minute limit). Returns true when it failed the update. */
function drainBatch(c: ClusterState, u: UpdateSeed, roll: NodeRollSeed, t: number, base: number): boolean {
  const dp = c.dataPlane;
  const deadline = base + roll.drainStartedAtMs! + DRAIN_TIMEOUT_MS;
  let held = drainPass(dp, roll.draining, t);
  if (held.length > 0 && t >= deadline) {
    if (!roll.force) {
      failRoll(c, u, roll, t, describeHeld(held));
      return true;
    }
    // Forced: what the budgets still hold is deleted (User Guide, managed-node-update-behavior).
    held = drainPass(dp, roll.draining, t, true);
  }
  if (held.length > 0) {
    roll.nextAtMs = Math.min(nextReadyAfter(dp, t) ?? deadline, deadline) - base;
    return false;
  }
  const plannedEnd = plannedBatchEnd(roll, roll.batch);
  roll.step = 'leave';
  roll.nextAtMs = Math.max(t - base + linger(roll), plannedEnd);
  return false;
}

/** A drained node lingers 60 s, or a whole batch when batches are planned shorter (so short durations stay as drawn). */
const linger = (roll: NodeRollSeed) => Math.min(DRAINED_NODE_LINGER_MS, batchLength(roll, roll.batch));

/** Batch i's planned time: its own draw when the roll was drawn batch by batch (the last draw for any extra), else an even share. */
function batchLength(roll: NodeRollSeed, i: number): number {
  const own = roll.batchesMs;
  return own && own.length > 0 ? own[Math.min(i, own.length - 1)] : roll.batchMs;
}

/** When batch i is planned to end, from the update's start (ms). */
function plannedBatchEnd(roll: NodeRollSeed, i: number): number {
  let end = roll.setupMs;
  for (let k = 0; k <= i; k++) end += batchLength(roll, k);
  return end;
}

function failRoll(c: ClusterState, u: UpdateSeed, roll: NodeRollSeed, t: number, pods: string): void {
  u.failWith = [{
    errorCode: 'PodEvictionFailure',
    errorMessage: `Reached max retries while trying to evict pods from nodes in node group ${roll.nodegroup}. Pods not evicted within 15 minutes: ${pods}`,
    resourceIds: [roll.nodegroup],
  }];
  u.endsAt = iso(t);
  // The old nodes go back into service; the nodes that joined stay.
  const old = new Set([...roll.draining, ...roll.pending]);
  for (const n of c.dataPlane.nodes) if (old.has(n.name)) n.unschedulable = false;
  roll.done = true;
}

/** Keeps the update running until its roll can be done: the current step, then the remaining batches as planned. */
function extendEnd(u: UpdateSeed, roll: NodeRollSeed, base: number, t: number): boolean {
  const left = Math.ceil(roll.pending.length / roll.batchSize);
  let remaining = 0;
  for (let k = 1; k <= left; k++) remaining += batchLength(roll, roll.batch + k);
  // A batch still draining needs at least the linger of its nodes after its last eviction.
  const current = roll.step === 'drain' ? linger(roll) : 0;
  const projected = roll.done ? t : base + roll.nextAtMs + current + remaining;
  if (projected <= Date.parse(u.endsAt)) return false;
  u.endsAt = iso(projected);
  return true;
}

/**
 * When a node group version update ends: a roll still unfinished (an update seeded without one, or ended by an
 * injected failure) stops; on success, any node of the group not on the new kubelet is brought to it in place.
 */
export function endNodeRoll(c: ClusterState, u: UpdateSeed): void {
  if (u.effect.kind !== 'nodegroupVersion') return;
  const roll = u.roll;
  if (roll && !roll.done) {
    roll.done = true;
    for (const n of c.dataPlane.nodes) if (roll.pending.includes(n.name) || roll.draining.includes(n.name)) n.unschedulable = false;
  }
  if (u.failWith) return;
  const target = roll?.kubeletVersion ?? kubeletVersion(u.effect.version, u.effect.releaseVersion);
  for (const n of c.dataPlane.nodes) {
    if (n.labels[NODEGROUP_LABEL] === u.nodegroup && n.kubeletVersion !== target) n.kubeletVersion = target;
  }
}

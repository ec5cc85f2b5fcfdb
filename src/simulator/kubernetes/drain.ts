import type { DataPlaneState, PdbState, PodState } from './data-plane-state';
import { evictionVerdict } from './disruption-budget';
import { createWorkloadPod } from './scheduler';

/** A pod that could not leave its node yet, and the budgets that held it. */
export interface HeldPod {
  pod: PodState;
  budgets: PdbState[];
}

/**
 * One pass of draining `nodes` at `now` through the Eviction API (EVICTION-BUDGET): pods go one by one, each
 * eviction judged on the budgets as the previous ones left them. An evicted Deployment pod is replaced at once on a
 * schedulable node and counts as healthy only once Ready, so a budget can hold the next pod until then. A pod with no
 * controller is evicted like any other and nothing recreates it (the Eviction API makes no exception for it; only
 * `kubectl drain` asks for --force). DaemonSet pods are not evicted: they go with their node. `force` deletes held
 * pods regardless of budgets. Returns the pods still on the nodes.
 */
export function drainPass(dp: DataPlaneState, nodes: readonly string[], now: number, force = false): HeldPod[] {
  const held: HeldPod[] = [];
  const names = new Set(nodes);
  for (const pod of dp.pods.filter((p) => p.nodeName !== undefined && names.has(p.nodeName))) {
    const verdict = evictionVerdict(dp, pod, now);
    if (verdict.allowed || force) evict(dp, pod, now);
    else held.push({ pod, budgets: verdict.budgets });
  }
  return held;
}

function evict(dp: DataPlaneState, pod: PodState, now: number): void {
  dp.pods.splice(dp.pods.indexOf(pod), 1);
  if (pod.owner?.kind !== 'Deployment') return;
  const w = dp.workloads.find((x) => x.kind === 'Deployment' && x.name === pod.owner!.name && x.namespace === pod.namespace);
  if (w) createWorkloadPod(dp, w, now);
}

/** When a held pod might be let go: the next moment a pod of the data plane becomes Ready after `now`. */
export function nextReadyAfter(dp: DataPlaneState, now: number): number | undefined {
  let next: number | undefined;
  for (const p of dp.pods) {
    if (p.readyAt === undefined) continue;
    const at = Date.parse(p.readyAt);
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** Nodes leave: their DaemonSet pods go with them (derived), stored pods on them are gone already or deleted now. */
export function removeNodes(dp: DataPlaneState, names: readonly string[]): void {
  const gone = new Set(names);
  dp.nodes = dp.nodes.filter((n) => !gone.has(n.name));
  dp.pods = dp.pods.filter((p) => p.nodeName === undefined || !gone.has(p.nodeName));
}

export function describeHeld(held: HeldPod[]): string {
  return held.map((h) => `${h.pod.namespace}/${h.pod.name} on ${h.pod.nodeName}${h.budgets.length ? ` (PodDisruptionBudget ${h.budgets.map((b) => `${b.namespace}/${b.name}`).join(', ')})` : ''}`).join('; ');
}

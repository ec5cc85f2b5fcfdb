import { createHash } from 'node:crypto';
import { matchesLabels, type DataPlaneState, type NodeState, type PodState, type WorkloadState } from './data-plane-state';

/** Seconds a replacement pod takes from creation to Ready (image pull and readiness probe); budgets count it only then. */
export const POD_START_SECONDS = 10;

const hex = (text: string, n: number) => createHash('sha256').update(text).digest('hex').slice(0, n);
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * Nodes a workload's pod may land on: schedulable (not cordoned), matching its nodeSelector, and not Fargate (a Fargate
 * node runs its one pod, on the kubelet it started with: FARGATE-KUBELET-PINNED).
 */
export function eligibleNodes(dp: DataPlaneState, workload: Pick<WorkloadState, 'nodeSelector'>): NodeState[] {
  return dp.nodes.filter((n) => !n.unschedulable && n.managedBy !== 'fargate' && matchesLabels(n.labels, workload.nodeSelector));
}

/**
 * The node the scheduler picks for a new pod: the eligible node running the fewest Deployment pods (ties: the
 * first listed), so replicas spread as the default scheduler's balancing tends to; undefined (Pending) when none fits.
 * Deterministic, so runs repeat.
 */
export function pickNode(dp: DataPlaneState, workload: Pick<WorkloadState, 'nodeSelector'>): NodeState | undefined {
  const candidates = eligibleNodes(dp, workload);
  if (candidates.length === 0) return undefined;
  const load = new Map<string, number>();
  for (const p of dp.pods) if (p.nodeName !== undefined) load.set(p.nodeName, (load.get(p.nodeName) ?? 0) + 1);
  let best = candidates[0];
  for (const n of candidates) if ((load.get(n.name) ?? 0) < (load.get(best.name) ?? 0)) best = n;
  return best;
}

/**
 * A new pod of a Deployment, named as a ReplicaSet names them (`<deployment>-<template hash>-<5 chars>`), placed by
 * pickNode, Ready POD_START_SECONDS after `now` (or at once when `readyNow`, for pods that exist from the start).
 */
export function createWorkloadPod(dp: DataPlaneState, w: WorkloadState, now: number, readyNow = false): PodState {
  const serial = dp.nextPodNumber++;
  const suffix = Array.from(hex(`${w.namespace}/${w.name}/${serial}`, 10)).map((c) => SUFFIX_ALPHABET[parseInt(c, 16) % SUFFIX_ALPHABET.length]).join('').slice(0, 5);
  const node = pickNode(dp, w);
  const pod: PodState = {
    name: `${w.name}-${hex(`${w.namespace}/${w.name}/${w.image}`, 10)}-${suffix}`,
    namespace: w.namespace,
    owner: { kind: 'Deployment', name: w.name },
    ...(node ? { nodeName: node.name } : {}),
    labels: { ...w.labels },
    ...(readyNow ? {} : { readyAt: new Date(now + POD_START_SECONDS * 1000).toISOString() }),
    createdAt: new Date(now).toISOString(),
    image: w.image,
  };
  dp.pods.push(pod);
  return pod;
}

/** Gives every Pending pod of a Deployment a node if one now fits (after nodes joined); its start counts from `now`. */
export function schedulePending(dp: DataPlaneState, now: number): void {
  for (const pod of dp.pods) {
    if (pod.nodeName !== undefined || pod.owner?.kind !== 'Deployment') continue;
    const w = dp.workloads.find((x) => x.kind === 'Deployment' && x.name === pod.owner!.name && x.namespace === pod.namespace);
    const node = w && pickNode(dp, w);
    if (!node) continue;
    pod.nodeName = node.name;
    pod.readyAt = new Date(now + POD_START_SECONDS * 1000).toISOString();
  }
}

import { notFoundErrors } from './eks-errors';
import type { UpdateSeed } from './seed';
import type { AddonState, ClusterState, NodegroupState, SimState } from './state';

/** Lookups over the state that answer "not found" exactly as EKS does. */
export function findCluster(state: SimState, name: string): ClusterState {
  const cluster = state.clusters.find((c) => c.name === name);
  if (!cluster) throw notFoundErrors.cluster(name);
  return cluster;
}

export function findNodegroup(cluster: ClusterState, name: string): NodegroupState {
  const ng = cluster.nodegroups.find((n) => n.name === name);
  if (!ng) throw notFoundErrors.nodegroup(cluster.name, name);
  return ng;
}

export function findAddon(cluster: ClusterState, name: string): AddonState {
  const addon = cluster.addons.find((a) => a.name === name);
  if (!addon) throw notFoundErrors.addon(cluster.name, name);
  return addon;
}

/** Which resource an update belongs to: the cluster itself, one node group or one add-on. */
export interface UpdateScope {
  nodegroup?: string;
  addon?: string;
}

export function updatesOf(state: SimState, cluster: string, scope: UpdateScope): UpdateSeed[] {
  return state.updates.filter((u) => u.cluster === cluster && u.nodegroup === scope.nodegroup && u.addon === scope.addon);
}

export function inProgressUpdate(state: SimState, cluster: string, scope: UpdateScope): UpdateSeed | undefined {
  return updatesOf(state, cluster, scope).find((u) => u.status === 'InProgress');
}

/** Eventual consistency: an update is invisible to reads until its `visibleAt`. */
export function isVisible(update: UpdateSeed, now: number): boolean {
  return update.visibleAt === undefined || Date.parse(update.visibleAt) <= now;
}

/**
 * The status reads report: UPDATING while a visible update runs, else the resource's own status.
 * ROLLBACK-AUTO-MODE: while an Auto Mode rollback rolls the nodes back the cluster still reads ACTIVE; it
 * reads UPDATING only once the control plane rolls back (User Guide, Rollback EKS Auto Mode clusters: "The
 * control plane remains on the current (newer) version and continues serving traffic normally while nodes
 * are rolling back"). Running updates are therefore found from the update history, not the status.
 */
export function reportedStatus<S extends string>(state: SimState, cluster: string, scope: UpdateScope, own: S, now: number): S | 'UPDATING' {
  const running = inProgressUpdate(state, cluster, scope);
  if (!running || !isVisible(running, now)) return own;
  const nodePhase = running.nodesPhaseEndsAt !== undefined && now < Date.parse(running.nodesPhaseEndsAt);
  return nodePhase ? own : 'UPDATING';
}

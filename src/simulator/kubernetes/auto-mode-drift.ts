import { iso } from '../clock';
import type { ClusterState } from '../state';
import { drainPass, nextReadyAfter, removeNodes } from './drain';
import { kubeletMinor, kubeletVersion } from './kubelet-version';
import { createNode } from './node-factory';
import { schedulePending } from './scheduler';

/**
 * AUTO-MODE-DRIFT: after a control-plane update, EKS Auto Mode replaces its nodes with nodes of the new Kubernetes
 * version, incrementally and observing PodDisruptionBudgets (User Guide, update-cluster and auto-upgrade). The
 * simulator replaces one Auto Mode node at a time: the first AUTO_MODE_FIRST_SECONDS after the control plane's
 * update ends, each next one AUTO_MODE_NODE_SECONDS after the previous left. A replacement joins Ready on the new
 * kubelet, the old node is cordoned and drained through the Eviction API (budgets respected, retried when a pod
 * becomes Ready, or every AUTO_MODE_RETRY_SECONDS while nothing changes: Auto Mode has no 15-minute limit), then leaves.
 */
export const AUTO_MODE_FIRST_SECONDS = 60;
export const AUTO_MODE_NODE_SECONDS = 120;
export const AUTO_MODE_RETRY_SECONDS = 300;

/** A control-plane version update (or rollback) ended Successful at `at`: Auto Mode nodes start drifting to `version`. */
export function startAutoModeDrift(c: ClusterState, version: string, at: number): void {
  if (!c.autoMode || !c.dataPlane.nodes.some((n) => n.managedBy === 'auto')) return;
  c.dataPlane.autoModeDrift = { targetVersion: version, nextAt: iso(at + AUTO_MODE_FIRST_SECONDS * 1000) };
}

export function driftDueAt(c: ClusterState): number | undefined {
  return c.dataPlane.autoModeDrift ? Date.parse(c.dataPlane.autoModeDrift.nextAt) : undefined;
}

/** One drift step at `t`: drain the cordoned node (if any) further, or start replacing the next drifted node. */
export function stepAutoModeDrift(c: ClusterState, t: number): void {
  const dp = c.dataPlane;
  const drift = dp.autoModeDrift!;
  const target = kubeletVersion(drift.targetVersion);
  let node = dp.nodes.find((n) => n.managedBy === 'auto' && n.unschedulable && kubeletMinor(n.kubeletVersion) !== drift.targetVersion);
  if (!node) {
    node = dp.nodes.find((n) => n.managedBy === 'auto' && kubeletMinor(n.kubeletVersion) !== drift.targetVersion);
    if (!node) {
      delete dp.autoModeDrift;
      return;
    }
    dp.nodes.push(createNode(dp, {
      managedBy: 'auto',
      kubeletVersion: target,
      createdAt: iso(t),
      region: node.labels['topology.kubernetes.io/region'],
      nodePool: node.nodePool ?? node.labels['karpenter.sh/nodepool'],
      instanceType: node.instanceType,
    }));
    node.unschedulable = true;
    schedulePending(dp, t);
  }
  const held = drainPass(dp, [node.name], t);
  if (held.length > 0) {
    drift.nextAt = iso(nextReadyAfter(dp, t) ?? t + AUTO_MODE_RETRY_SECONDS * 1000);
    return;
  }
  removeNodes(dp, [node.name]);
  if (dp.nodes.some((n) => n.managedBy === 'auto' && kubeletMinor(n.kubeletVersion) !== drift.targetVersion)) drift.nextAt = iso(t + AUTO_MODE_NODE_SECONDS * 1000);
  else delete dp.autoModeDrift;
}

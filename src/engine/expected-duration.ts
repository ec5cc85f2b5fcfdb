import type { PlanStep } from './plan-types';
import type { LiveNodegroup, LiveUpdateConfig, RunningUpdate } from '../aws/live-state';

/** A roll: its setup, then a couple of minutes per batch of nodes (batch = maxUnavailable); see docs/design.md. */
const SETUP_SECONDS = 60;
const BATCH_SECONDS = 120;

/**
 * How long EKS usually takes, in seconds: a control-plane minor ≈ 10 min, an add-on 1–3 min, a node
 * group a couple of minutes per batch of nodes it replaces (batch = maxUnavailable). The waiter only
 * uses this to place its polls; it never decides an outcome.
 */
export function expectedSeconds(step: PlanStep, nodegroup?: LiveNodegroup, updateConfig = nodegroup?.updateConfig): number {
  switch (step.action) {
    case 'cluster-version':
      return step.rollbackTimeoutMinutes !== undefined ? 1800 : 600;
    case 'addon-update':
      return 120;
    case 'nodegroup-config':
      return 30;
    case 'nodegroup-version':
      return nodegroupRollSeconds(nodegroup, updateConfig);
  }
}

/** The same figures for an update found already running, of which only the resource and EKS's type are known. */
export function expectedSecondsForRunning(update: RunningUpdate, nodegroup?: LiveNodegroup): number {
  switch (update.resource.kind) {
    case 'cluster':
      return update.type === 'VersionRollback' ? 1800 : 600;
    case 'addon':
      return 120;
    case 'nodegroup':
      return update.type === 'ConfigUpdate' ? 30 : nodegroupRollSeconds(nodegroup, nodegroup?.updateConfig);
  }
}

/**
 * What one unit of a step's work is expected to take, where the data plane shows it unit by unit: a node of a
 * roll takes its batch's time shared by the batch's nodes. The roll's setup comes before the first node is replaced,
 * so it is no part of a node's time. Undefined for other work: its expected duration is shared evenly.
 */
export function expectedUnitSeconds(step: PlanStep, nodegroup?: LiveNodegroup, updateConfig = nodegroup?.updateConfig): number | undefined {
  if (step.action !== 'nodegroup-version') return undefined;
  return BATCH_SECONDS / nodesPerBatch(Math.max(1, nodegroup?.desiredSize ?? 1), updateConfig);
}

function nodegroupRollSeconds(nodegroup: LiveNodegroup | undefined, updateConfig: LiveUpdateConfig | undefined): number {
  const nodes = Math.max(1, nodegroup?.desiredSize ?? 1);
  return SETUP_SECONDS + Math.ceil(nodes / nodesPerBatch(nodes, updateConfig)) * BATCH_SECONDS;
}

function nodesPerBatch(nodes: number, updateConfig: LiveUpdateConfig | undefined): number {
  return updateConfig?.maxUnavailable
    ?? (updateConfig?.maxUnavailablePercentage ? Math.max(1, Math.floor((nodes * updateConfig.maxUnavailablePercentage) / 100)) : 1);
}

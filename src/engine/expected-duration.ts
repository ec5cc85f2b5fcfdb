import type { PlanStep } from './plan-types';
import type { LiveNodegroup, LiveUpdateConfig, RunningUpdate } from '../aws/live-state';

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

function nodegroupRollSeconds(nodegroup: LiveNodegroup | undefined, updateConfig: LiveUpdateConfig | undefined): number {
  const nodes = Math.max(1, nodegroup?.desiredSize ?? 1);
  const perBatch = updateConfig?.maxUnavailable
    ?? (updateConfig?.maxUnavailablePercentage ? Math.max(1, Math.floor((nodes * updateConfig.maxUnavailablePercentage) / 100)) : 1);
  return 60 + Math.ceil(nodes / perBatch) * 120;
}

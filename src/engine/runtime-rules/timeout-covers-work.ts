import { RunningUpdate } from '../../aws/live-state';
import { PolicySpec, UpgradeSpec } from '../../upgrade-spec/upgrade-spec';
import { PlanStep } from '../plan-types';

/**
 * How long the executor waits for a step's update. The planner sets `timeoutMinutes` (raised to cover the work,
 * TIMEOUT-COVERS-WORK); without it, the policy's timeout for the kind. A rollback is awaited for its own EKS timeout:
 * see rollbackWaitMinutes.
 */
export function stepTimeoutSeconds(step: PlanStep, policy: PolicySpec): number {
  const kind = step.resource.kind;
  const minutes = step.timeoutMinutes ?? policy.updateTimeoutMinutes[kind];
  if (step.action === 'cluster-version' && step.rollbackTimeoutMinutes !== undefined) {
    return Math.max(minutes, rollbackWaitMinutes(step.rollbackTimeoutMinutes, policy)) * 60;
  }
  return minutes * 60;
}

/**
 * CP-ROLLBACK / CANCEL-ROLLBACK-ONLY: the wait for a VersionRollback. rollbackConfig.timeoutMinutes bounds the node
 * phase, and "is a minimum-bound property, meaning it occurs no sooner than the time you specify, but can occur
 * shortly thereafter"; if the nodes finish, the control plane then rolls back
 * (https://docs.aws.amazon.com/eks/latest/userguide/rollback-automode.html). So the wait is the node-phase timeout
 * plus the policy's control-plane timeout as the margin: the control-plane phase is a control-plane version change
 * like any other, and the same margin absorbs "shortly thereafter". EKS's own verdict (Failed on its timeout) then
 * arrives before ours, and the run never gives up on a rollback EKS still runs within its own bound.
 */
export function rollbackWaitMinutes(rollbackTimeoutMinutes: number, policy: PolicySpec): number {
  return rollbackTimeoutMinutes + policy.updateTimeoutMinutes.cluster;
}

/**
 * The wait for an update found running at the start. DescribeUpdate does not return a rollback's
 * rollbackConfig, so a VersionRollback is given the spec's rollbackTimeoutMinutes (the value a previous run of this
 * spec sent) plus the same margin; if someone else started it with a longer timeout, the run stops waiting, and
 * leaves it running (it never cancels an update it did not start).
 */
export function attachedTimeoutSeconds(update: RunningUpdate, spec: UpgradeSpec): number {
  const policy = spec.policy;
  if (update.resource.kind === 'cluster' && update.type === 'VersionRollback') {
    return rollbackWaitMinutes(spec.controlPlane.rollbackTimeoutMinutes, policy) * 60;
  }
  return policy.updateTimeoutMinutes[update.resource.kind] * 60;
}

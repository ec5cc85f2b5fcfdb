import { LiveNodegroup, LiveUpdateConfig } from '../../aws/live-state';
import { PolicySpec } from '../../upgrade-spec/upgrade-spec';
import { expectedSeconds } from '../expected-duration';
import { Finding, PlanStep } from '../plan-types';
import { warn } from './finding';

/** Head-room over the expected duration below which a timeout would fail healthy updates. */
const TIMEOUT_HEADROOM = 1.5;

/**
 * TIMEOUT-COVERS-WORK — a timeout shorter than the work fails an update EKS is still doing well (a 100-node group
 * with maxUnavailable 1 takes hours). Raise such a step's timeout to 1.5× the engine's own estimate, and say so.
 */
export function coverWork(step: PlanStep, policy: PolicySpec, nodegroup?: LiveNodegroup, updateConfig?: LiveUpdateConfig): { step: PlanStep; finding?: Finding } {
  const kind = step.resource.kind;
  const configured = policy.updateTimeoutMinutes[kind];
  const expected = expectedSeconds(step, nodegroup, updateConfig);
  const needed = Math.ceil((TIMEOUT_HEADROOM * expected) / 60);
  if (configured >= needed) return { step };
  return {
    step: { ...step, timeoutMinutes: needed },
    finding: warn('TIMEOUT-COVERS-WORK', `policy.updateTimeoutMinutes.${kind}`, `${configured} min is shorter than ${step.resource.name}'s ${step.action} is expected to take (${Math.ceil(expected / 60)} min); waiting up to ${needed} min for it instead`),
  };
}

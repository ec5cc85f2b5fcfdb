import { isInteger, isObject, type SpecChecker } from './spec-checker';
import { SPEC_KEYS } from './spec-keys';

const TIMEOUT_KINDS = SPEC_KEYS['policy.updateTimeoutMinutes'];

/** `policy`, when given. */
export function checkPolicy(c: SpecChecker, policy: unknown): void {
  if (!isObject(policy)) {
    c.fail('policy', 'must be an object');
    return;
  }
  c.keys(policy, 'policy', 'policy');
  c.oneOf(policy.insights, 'policy.insights', 'policy.insights');
  if (c.known(policy.maxConcurrentNodegroups) && !(isInteger(policy.maxConcurrentNodegroups) && policy.maxConcurrentNodegroups >= 1 && policy.maxConcurrentNodegroups <= 100)) {
    c.fail('policy.maxConcurrentNodegroups', `${JSON.stringify(policy.maxConcurrentNodegroups)} must be a whole number from 1 to 100`);
  }
  if (c.known(policy.maxKubeletSkew) && !(isInteger(policy.maxKubeletSkew) && policy.maxKubeletSkew >= 1 && policy.maxKubeletSkew <= 3)) {
    c.fail('policy.maxKubeletSkew', `${JSON.stringify(policy.maxKubeletSkew)} must be a whole number from 1 to 3 (the control plane always moves first, and EKS allows at most 3)`, 'KUBELET-SKEW');
  }
  c.boolean(policy.skipLevelNodegroups, 'policy.skipLevelNodegroups');
  c.oneOf(policy.dataPlane, 'policy.dataPlane', 'policy.dataPlane');
  c.oneOf(policy.evictions, 'policy.evictions', 'policy.evictions', 'EVICTION-BUDGET');
  if (c.known(policy.updateTimeoutMinutes)) checkTimeouts(c, policy.updateTimeoutMinutes);
}

function checkTimeouts(c: SpecChecker, t: unknown): void {
  if (!isObject(t)) {
    c.fail('policy.updateTimeoutMinutes', 'must be an object { cluster, nodegroup, addon } in minutes');
    return;
  }
  c.keys(t, 'policy.updateTimeoutMinutes', 'policy.updateTimeoutMinutes');
  for (const kind of TIMEOUT_KINDS) {
    if (c.known(t[kind]) && !(typeof t[kind] === 'number' && t[kind] > 0 && Number.isFinite(t[kind]))) {
      c.fail(`policy.updateTimeoutMinutes.${kind}`, `${JSON.stringify(t[kind])} must be a positive number of minutes`);
    }
  }
}

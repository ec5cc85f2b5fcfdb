import { isInteger, isObject, type SpecChecker } from './spec-checker';
import { SPEC_KEYS, SPEC_VALUES } from './spec-keys';

const INSIGHTS = SPEC_VALUES['policy.insights'];
const TIMEOUT_KINDS = SPEC_KEYS['policy.updateTimeoutMinutes'];
const DATA_PLANE = SPEC_VALUES['policy.dataPlane'];
const EVICTIONS = SPEC_VALUES['policy.evictions'];

/** `policy`, when given. */
export function checkPolicy(c: SpecChecker, policy: unknown): void {
  if (!isObject(policy)) {
    c.fail('policy', 'must be an object');
    return;
  }
  c.keys(policy, 'policy', 'policy');
  if (c.known(policy.insights) && !INSIGHTS.includes(policy.insights)) {
    c.fail('policy.insights', `${JSON.stringify(policy.insights)} is not one of ${INSIGHTS.join(', ')}`);
  }
  if (c.known(policy.maxConcurrentNodegroups) && !(isInteger(policy.maxConcurrentNodegroups) && policy.maxConcurrentNodegroups >= 1 && policy.maxConcurrentNodegroups <= 100)) {
    c.fail('policy.maxConcurrentNodegroups', `${JSON.stringify(policy.maxConcurrentNodegroups)} must be a whole number from 1 to 100`);
  }
  if (c.known(policy.maxKubeletSkew) && !(isInteger(policy.maxKubeletSkew) && policy.maxKubeletSkew >= 1 && policy.maxKubeletSkew <= 3)) {
    c.fail('policy.maxKubeletSkew', `${JSON.stringify(policy.maxKubeletSkew)} must be a whole number from 1 to 3 (the control plane always moves first, and EKS allows at most 3)`, 'KUBELET-SKEW');
  }
  c.boolean(policy.skipLevelNodegroups, 'policy.skipLevelNodegroups');
  if (c.known(policy.dataPlane) && !DATA_PLANE.includes(policy.dataPlane)) {
    c.fail('policy.dataPlane', `${JSON.stringify(policy.dataPlane)} is not one of ${DATA_PLANE.join(', ')}`);
  }
  checkEvictions(c, policy.evictions, 'policy.evictions');
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

/** `policy.evictions` and its per-node-group override (EVICTION-BUDGET). */
export function checkEvictions(c: SpecChecker, value: unknown, field: string): void {
  if (c.known(value) && !EVICTIONS.includes(value as string)) {
    c.fail(field, `${JSON.stringify(value)} is not one of ${EVICTIONS.join(', ')}`, 'EVICTION-BUDGET');
  }
}

import { LiveNodegroup } from '../../../src/aws/live-state';
import { expectedSeconds } from '../../../src/engine/expected-duration';
import { PlanStep } from '../../../src/engine/plan-types';
import { coverWork } from '../../../src/engine/rules/timeout-covers-work';
import { attachedTimeoutSeconds, rollbackWaitMinutes, stepTimeoutSeconds } from '../../../src/engine/runtime-rules/timeout-covers-work';
import { parseSpec } from '../../../src/upgrade-spec/parse-spec';

const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30', rollbackTimeoutMinutes: 1440 } });
const policy = spec.policy;
const ng: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'big' }, from: { version: '1.29' }, version: '1.30', force: false, reason: 'r' };
const rollback: PlanStep = { action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from: '1.30', to: '1.29', force: false, reason: 'r', rollbackTimeoutMinutes: 720 };

describe('TIMEOUT-COVERS-WORK', () => {
  test('TIMEOUT-COVERS-WORK: the planner\'s timeoutMinutes wins over the policy; absent, the policy per kind', () => {
    expect(stepTimeoutSeconds({ ...ng, timeoutMinutes: 450 } as PlanStep, policy)).toBe(450 * 60);
    expect(stepTimeoutSeconds(ng, policy)).toBe(180 * 60);
  });

  test('TIMEOUT-COVERS-WORK: a rollback waits for its EKS timeout plus the control-plane margin, whatever a shorter step timeout says', () => {
    expect(rollbackWaitMinutes(720, policy)).toBe(810);
    expect(stepTimeoutSeconds(rollback, policy)).toBe(810 * 60);
    expect(stepTimeoutSeconds({ ...rollback, timeoutMinutes: 90 } as PlanStep, policy)).toBe(810 * 60);
    expect(stepTimeoutSeconds({ ...rollback, timeoutMinutes: 2000 } as PlanStep, policy)).toBe(2000 * 60);
  });

  test('TIMEOUT-COVERS-WORK: a VersionRollback found running gets the spec\'s rollback timeout plus the margin; other updates the policy', () => {
    expect(attachedTimeoutSeconds({ resource: { kind: 'cluster', name: 'demo' }, updateId: 'rb', type: 'VersionRollback' }, spec)).toBe((1440 + 90) * 60);
    expect(attachedTimeoutSeconds({ resource: { kind: 'cluster', name: 'demo' }, updateId: 'u', type: 'VersionUpdate' }, spec)).toBe(90 * 60);
    expect(attachedTimeoutSeconds({ resource: { kind: 'addon', name: 'vpc-cni' }, updateId: 'u', type: 'AddonUpdate' }, spec)).toBe(30 * 60);
  });

  test('TIMEOUT-COVERS-WORK: an executor-added step\'s timeout (coverWork, then stepTimeoutSeconds) is at least 1.5 times its expected duration', () => {
    const live = (desiredSize: number): LiveNodegroup => ({ name: 'big', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize, updateConfig: { maxUnavailable: 1 } });
    const wait = (n: LiveNodegroup) => stepTimeoutSeconds(coverWork(ng, policy, n).step, policy) / 60;
    const big = live(100);
    expect(expectedSeconds(ng, big)).toBe(100 * 120 + 60);
    expect(wait(big)).toBe(Math.ceil((1.5 * 12060) / 60));
    expect(wait(live(2))).toBe(180);
  });
});

/**
 * FARGATE-KUBELET-PINNED (docs/eks-rules.md): Fargate pods keep their kubelet through an upgrade, and EKS refuses a
 * control-plane step while one differs from the control plane's version.
 */
import { controlPlaneSteps } from '../../../src/engine/rules/control-plane-steps';
import { checkFargatePods } from '../../../src/engine/rules/fargate-kubelet-pinned';
import { FARGATE, node, pod } from '../fixtures/data-plane-fixtures';

describe('FARGATE-KUBELET-PINNED', () => {
  test.each([
    // [pod's kubelet, control plane now, target, refused]
    ['1.30', '1.30', '1.31', false],
    ['1.29', '1.30', '1.31', true], // behind before the first step
    ['1.30', '1.30', '1.32', true], // matches the first step, lags at the second
    ['1.30', '1.30', '1.30', false], // no step
  ])('a Fargate pod on %s, control plane %s -> %s: refused %s', (kubelet, live, target, refused) => {
    const nodes = [node('fargate-ip-10-0-1-1.ec2.internal', kubelet, FARGATE)];
    const pods = [pod('shop', 'api-7d4-x2', 'fargate-ip-10-0-1-1.ec2.internal', { kind: 'ReplicaSet', name: 'api-7d4' })];
    expect(checkFargatePods(pods, nodes, controlPlaneSteps(live, target)).some((f) => f.severity === 'refuse')).toBe(refused);
  });

  test('the refusal names the pod, its node, its owner and the recycle', () => {
    const nodes = [node('fargate-ip-10-0-1-1.ec2.internal', '1.29', FARGATE)];
    const pods = [pod('shop', 'api-7d4-x2', 'fargate-ip-10-0-1-1.ec2.internal', { kind: 'ReplicaSet', name: 'api-7d4' })];
    const [f] = checkFargatePods(pods, nodes, controlPlaneSteps('1.30', '1.31'));
    expect(f).toMatchObject({ rule: 'FARGATE-KUBELET-PINNED', field: 'pod/shop/api-7d4-x2' });
    expect(f.message).toMatch(/Fargate pod shop\/api-7d4-x2 \(node fargate-ip-10-0-1-1\.ec2\.internal, owned by ReplicaSet\/api-7d4\).*recycle it/);
  });

  test('pods on other nodes are not Fargate pods', () => {
    expect(checkFargatePods([pod('a', 'b', 'ip-1')], [node('ip-1', '1.20', { kind: 'self-managed' })], controlPlaneSteps('1.30', '1.31'))).toEqual([]);
  });
});

/**
 * NODE-KUBELET-SKEW (docs/eks-rules.md): Karpenter and self-managed nodes, which no plan step moves, must stay within
 * the kubelet skew of every control-plane step's target, and never be newer than it.
 */
import { controlPlaneSteps } from '../../../src/engine/rules/control-plane-steps';
import { checkNodeKubeletSkew } from '../../../src/engine/rules/node-kubelet-skew';
import { KARPENTER, node, SELF_MANAGED } from '../fixtures/data-plane-fixtures';

describe('NODE-KUBELET-SKEW', () => {
  test.each([
    // [kubelet, control plane now, target, refused]
    ['1.28', '1.30', '1.31', false], // 3 behind the last target: the skew allows it
    ['1.28', '1.30', '1.32', true], // 4 behind at the step 1.31 -> 1.32
    ['1.29', '1.29', '1.32', false],
    ['1.29', '1.29', '1.33', true],
    ['1.24', '1.25', '1.26', false], // before 1.25 two minors
    ['1.23', '1.24', '1.26', true],
    ['1.31', '1.31', '1.30', true], // a rollback below the kubelet: never newer
    ['1.30', '1.31', '1.30', false],
  ])('a Karpenter node on %s, control plane %s -> %s: refused %s', (kubelet, live, target, refused) => {
    const findings = checkNodeKubeletSkew([node('ip-10-0-90-17', kubelet, KARPENTER)], controlPlaneSteps(live, target), 3);
    expect(findings.filter((f) => f.severity === 'refuse').length > 0).toBe(refused);
  });

  test('the refusal names the node, what manages it and the fix', () => {
    const [f] = checkNodeKubeletSkew([node('ip-10-0-90-17', '1.28', KARPENTER)], controlPlaneSteps('1.30', '1.32'), 3);
    expect(f).toMatchObject({ rule: 'NODE-KUBELET-SKEW', severity: 'refuse', field: 'node/ip-10-0-90-17' });
    expect(f.message).toMatch(/ip-10-0-90-17 \(Karpenter NodePool default\) runs kubelet v1\.28\.5.*1\.31 → 1\.32.*drift.*target 1\.31 at most/);
  });

  test('a self-managed node is told to update its group', () => {
    const [f] = checkNodeKubeletSkew([node('ip-10-0-1-1', '1.27', SELF_MANAGED)], controlPlaneSteps('1.30', '1.31'), 3);
    expect(f.message).toMatch(/self-managed.*update the self-managed group that launched it/);
  });

  test.each([['nodegroup'], ['auto'], ['fargate']] as const)('%s nodes are left to their own rules', (kind) => {
    const managedBy = kind === 'nodegroup' ? { kind, nodegroup: 'g' } as const : { kind } as const;
    expect(checkNodeKubeletSkew([node('n', '1.20', managedBy)], controlPlaneSteps('1.30', '1.31'), 3)).toEqual([]);
  });

  test('a kubelet version that reads as no minor is unknown, never silence', () => {
    const odd = { ...node('n', '1.28', KARPENTER), kubeletVersion: 'weird', minor: undefined };
    expect(checkNodeKubeletSkew([odd], controlPlaneSteps('1.30', '1.31'), 3)).toEqual([expect.objectContaining({ severity: 'unknown' })]);
  });
});

/**
 * CUSTOM-AMI-SKEW (docs/eks-rules.md): a custom-AMI managed node group is bounded by its nodes' kubelets (the
 * oldest), or, when they were not read, by the version EKS reports; a step beyond the skew is refused, naming the
 * launch template version to add.
 */
import { controlPlaneSteps } from '../../../src/engine/rules/control-plane-steps';
import { checkCustomAmiSkew } from '../../../src/engine/rules/custom-ami-skew';
import { planUpgrade } from '../../../src/engine/planner';
import { planSteps } from '../../../src/engine/plan-types';
import { node, view } from '../fixtures/data-plane-fixtures';
import { customNodegroup, liveState, specFor } from '../fixtures/planner-fixtures';

const gpu = customNodegroup('gpu', '1.30', '3', { launchTemplate: { name: 'gpu-template', version: '3' } });
const nodesOn = (...minors: string[]) => view(minors.map((m, i) => node(`ip-10-0-0-${i}`, m, { kind: 'nodegroup', nodegroup: 'gpu' })));

describe('CUSTOM-AMI-SKEW', () => {
  test.each([
    // [kubelets of its nodes, control plane now, target, refused]
    [['1.29'], '1.30', '1.32', false],
    [['1.29'], '1.30', '1.33', true],
    [['1.30', '1.28'], '1.30', '1.31', false], // the oldest kubelet bounds it
    [['1.30', '1.28'], '1.30', '1.32', true],
    [['1.31'], '1.31', '1.34', false],
    [['1.24'], '1.25', '1.26', false], // two minors before 1.25
    [['1.24'], '1.25', '1.27', true],
  ])('nodes on %j, control plane %s -> %s: refused %s', (minors, live, target, refused) => {
    const findings = checkCustomAmiSkew([{ live: gpu, field: 'nodegroups[0]' }], nodesOn(...minors), controlPlaneSteps(live, target), 3);
    expect(findings.some((f) => f.severity === 'refuse')).toBe(refused);
    expect(findings.some((f) => f.severity === 'unknown')).toBe(false);
  });

  test('the refusal names the launch template version to add and the image it needs', () => {
    const [f] = checkCustomAmiSkew([{ live: gpu, field: 'nodegroups[0]' }], nodesOn('1.29'), controlPlaneSteps('1.30', '1.33'), 3);
    expect(f).toMatchObject({ rule: 'CUSTOM-AMI-SKEW', field: 'nodegroups[0]' });
    expect(f.message).toMatch(/oldest node ip-10-0-0-0 runs kubelet v1\.29.*step 1\.32 → 1\.33.*new version of launch template gpu-template \(version 3 in use\) with an image for Kubernetes 1\.30 or later.*targets 1\.32 at most/);
  });

  test.each([
    ['1.30', '1.33', false],
    ['1.30', '1.34', true],
  ])('unread kubelets: bounded by the version EKS reports (1.30), %s -> %s refused %s, and the plan says so', (live, target, refused) => {
    const findings = checkCustomAmiSkew([{ live: gpu }], undefined, controlPlaneSteps(live, target), 3);
    expect(findings[0]).toMatchObject({ rule: 'CUSTOM-AMI-SKEW', severity: 'unknown', field: 'nodegroup/gpu' });
    expect(findings[0].message).toMatch(/kubelets were not read.*1\.30/);
    expect(findings.some((f) => f.severity === 'refuse')).toBe(refused);
  });

  test('a multi-minor plan within the skew rolls the launch template after the last control-plane step', () => {
    const spec = specFor('1.32', { nodegroups: [{ name: 'gpu', launchTemplate: { name: 'gpu-template', version: 4 } }] });
    const plan = planUpgrade(spec, liveState({ version: '1.30', nodegroups: [gpu] }), { status: 'read', view: nodesOn('1.30') });
    const steps = planSteps(plan).map((s) => `${s.action} ${s.resource.name}`);
    expect(steps).toEqual(['cluster-version prod', 'cluster-version prod', 'nodegroup-version gpu']);
    expect(plan.warnings).toEqual([]);
  });
});

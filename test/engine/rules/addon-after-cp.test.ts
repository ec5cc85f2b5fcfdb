/**
 * ADDON-AFTER-CP and KUBE-PROXY-SKEW (docs/eks-rules.md): when no version runs on both sides of a step, the control
 * plane moves first and the add-on right after; the plan is refused only when no order reaches the target.
 */
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { movesAroundStep } from '../../../src/engine/rules/addon-after-cp';
import { addon, describePlan, liveState, offer, planProblems, specFor } from '../fixtures/planner-fixtures';

// Shaped like real DescribeAddonVersions output: later builds of older kube-proxy minors are listed for newer
// clusters, early builds are not.
const kubeProxy = [
  offer('v1.31.2-eksbuild.3', '1.31', '1.31', ['1.31']),
  offer('v1.30.6-eksbuild.3', '1.30', '1.31', ['1.30']),
  offer('v1.30.0-eksbuild.3', '1.30', '1.30'),
  offer('v1.29.10-eksbuild.3', '1.29', '1.31'),
  offer('v1.29.0-eksbuild.1', '1.29', '1.29', ['1.29']),
];

test.each([
  ['v1.29.0-eksbuild.1', 'v1.31.2-eksbuild.3', '1.29', '1.30', { kind: 'moves', before: ['v1.29.10-eksbuild.3'], after: [] }],
  ['v1.29.10-eksbuild.3', 'v1.31.2-eksbuild.3', '1.30', '1.31', { kind: 'none' }],
  ['v1.30.0-eksbuild.3', 'v1.31.2-eksbuild.3', '1.30', '1.31', { kind: 'moves', before: ['v1.30.6-eksbuild.3'], after: [] }],
  ['v1.30.0-eksbuild.3', 'v1.30.0-eksbuild.3', '1.30', '1.31', { kind: 'none-works' }],
])('kube-proxy %s (target %s) around %s -> %s', (current, target, from, next, moves) => {
  expect(movesAroundStep('kube-proxy', kubeProxy, current, target, from, next)).toEqual(moves);
});

test('an early build with no version on both sides: control plane first, the add-on right after', () => {
  const catalog = { 'kube-proxy': [offer('v1.30.6-eksbuild.3', '1.30', '1.31', ['1.30']), offer('v1.29.0-eksbuild.1', '1.29', '1.29', ['1.29']), offer('v1.31.2-eksbuild.3', '1.31', '1.31', ['1.31'])] };
  const plan = planUpgrade(specFor('1.31', { addons: [{ name: 'kube-proxy', version: 'clusterDefault' }] }), liveState({ version: '1.29', addons: [addon('kube-proxy', 'v1.29.0-eksbuild.1')], catalog }));
  expect(describePlan(plan)).toEqual([
    { title: 'control plane to 1.30', steps: ['cluster 1.29->1.30'] },
    { title: 'prepare for Kubernetes 1.31', steps: ['addon kube-proxy v1.29.0-eksbuild.1->v1.30.6-eksbuild.3'] },
    { title: 'control plane to 1.31', steps: ['cluster 1.30->1.31'] },
    { title: 'add-ons to their targets', steps: ['addon kube-proxy v1.30.6-eksbuild.3->v1.31.2-eksbuild.3'] },
  ]);
  expect(planSteps(plan)[1].rule).toBe('ADDON-AFTER-CP');
});

test('refused only when no order works', () => {
  const catalog = { x: [offer('v2.0.0', '1.32', '1.34', ['1.32']), offer('v1.0.0', '1.28', '1.30', ['1.30'])] };
  const problems = planProblems(() => planUpgrade(specFor('1.32', { addons: [{ name: 'x' }] }), liveState({ version: '1.30', addons: [addon('x', 'v1.0.0')], catalog })));
  expect(problems.map((p) => [p.rule, p.field])).toEqual([['ADDON-AFTER-CP', 'addons[0].version']]);
});

test('vpc-cni one-minor hops may straddle the step: as far as the old version allows, then on after it', () => {
  const vpc = [
    offer('v1.19.0-eksbuild.1', '1.28', '1.30'),
    offer('v1.18.0-eksbuild.1', '1.28', '1.29'),
    offer('v1.17.0-eksbuild.1', '1.26', '1.27'),
    offer('v1.16.0-eksbuild.1', '1.26', '1.27'),
  ];
  expect(movesAroundStep('vpc-cni', vpc, 'v1.16.0-eksbuild.1', 'v1.19.0-eksbuild.1', '1.27', '1.28'))
    .toEqual({ kind: 'moves', before: ['v1.17.0-eksbuild.1'], after: ['v1.18.0-eksbuild.1', 'v1.19.0-eksbuild.1'] });
});

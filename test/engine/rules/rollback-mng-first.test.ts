/**
 * ROLLBACK-MNG-FIRST and CP-ROLLBACK (docs/eks-rules.md): node groups roll back before the control plane.
 */
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { customNodegroup, describePlan, liveState, nodegroup, planProblems, specFor } from '../fixtures/planner-fixtures';

const rollback = { allowRollback: true };

test('managed node groups above the target roll back first, then the control plane', () => {
  const plan = planUpgrade(
    specFor('1.30', { controlPlane: rollback, nodegroups: [{ name: 'a' }, { name: 'b' }] }),
    liveState({ version: '1.31', nodegroups: [nodegroup('a', '1.31'), nodegroup('b', '1.30')] }),
  );
  expect(describePlan(plan)).toEqual([
    { title: 'roll node groups back to 1.30', steps: ['nodegroup a 1.31->1.30'] },
    { title: 'roll the control plane back to 1.30', steps: ['cluster 1.31->1.30 rollback(720)'] },
  ]);
  expect(planSteps(plan).map((s) => s.rule)).toEqual(['ROLLBACK-MNG-FIRST', 'CP-ROLLBACK']);
});

test.each([
  ['a node group the spec does not name', liveState({ version: '1.31', untargetedNodegroups: [nodegroup('other', '1.31')] }), [], 'nodegroup/other'],
  ['a custom-AMI node group', liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31')] }), [{ name: 'gpu' }], 'nodegroups[0]'],
])('refused: %s above the rollback target', (_name, state, nodegroups, field) => {
  const problems = planProblems(() => planUpgrade(specFor('1.30', { controlPlane: rollback, nodegroups }), state));
  expect(problems.map((p) => [p.rule, p.field])).toEqual([['ROLLBACK-MNG-FIRST', field]]);
});

test.each([
  ['1.29', true, 'EKS rolls back one minor at most (to 1.30)'],
  ['1.30', false, 'EKS does not downgrade'],
])('CP-ROLLBACK: target %s (allowRollback %s) is refused', (target, allow, phrase) => {
  const problems = planProblems(() => planUpgrade(specFor(target, { controlPlane: { allowRollback: allow } }), liveState({ version: '1.31' })));
  expect(problems.map((p) => p.rule)).toEqual(['CP-ROLLBACK']);
  expect(problems[0].message).toContain(phrase);
});

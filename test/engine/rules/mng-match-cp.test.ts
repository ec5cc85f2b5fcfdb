/**
 * MNG-MATCH-CP (docs/eks-rules.md): managed node groups match the control plane before each of its minor steps.
 */
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { customNodegroup, describePlan, liveState, nodegroup, planProblems, specFor } from '../fixtures/planner-fixtures';

const cp = (from: string, to: string) => ({ title: `control plane to ${to}`, steps: [`cluster ${from}->${to}`] });
const prepare = (next: string, ...steps: string[]) => ({ title: `prepare for Kubernetes ${next}`, steps });

describe('MNG-MATCH-CP: the plan interleaves node groups with every control-plane minor', () => {
  test('1.29 -> 1.33: every targeted managed node group follows each step before the next one', () => {
    const plan = planUpgrade(specFor('1.33', { nodegroups: [{ name: 'a' }, { name: 'b' }] }), liveState({ version: '1.29', nodegroups: [nodegroup('a', '1.29'), nodegroup('b', '1.29')] }));
    expect(describePlan(plan)).toEqual([
      cp('1.29', '1.30'),
      prepare('1.31', 'nodegroup a 1.29->1.30', 'nodegroup b 1.29->1.30'),
      cp('1.30', '1.31'),
      prepare('1.32', 'nodegroup a 1.30->1.31', 'nodegroup b 1.30->1.31'),
      cp('1.31', '1.32'),
      prepare('1.33', 'nodegroup a 1.31->1.32', 'nodegroup b 1.31->1.32'),
      cp('1.32', '1.33'),
      { title: 'node groups to their targets', steps: ['nodegroup a 1.32->1.33', 'nodegroup b 1.32->1.33'] },
    ]);
    expect(planSteps(plan).filter((s) => s.action === 'nodegroup-version' && s.rule === 'MNG-MATCH-CP')).toHaveLength(6);
  });

  test('a node group behind the control plane is brought level before the first step', () => {
    expect(describePlan(planUpgrade(specFor('1.30', { nodegroups: [{ name: 'a' }] }), liveState({ version: '1.29', nodegroups: [nodegroup('a', '1.27')] })))).toEqual([
      prepare('1.30', 'nodegroup a 1.27->1.29'),
      cp('1.29', '1.30'),
      { title: 'node groups to their targets', steps: ['nodegroup a 1.29->1.30'] },
    ]);
  });

  test.each([
    ['1.31', '1.32', true],
    ['1.30', '1.32', false],
    ['1.29', '1.30', true],
  ])('a node group pinned to %s under a control-plane target %s is plannable: %s', (pin, target, ok) => {
    const run = () => planUpgrade(specFor(target, { nodegroups: [{ name: 'a', version: pin }] }), liveState({ version: '1.29', nodegroups: [nodegroup('a', '1.29')] }));
    if (ok) {
      expect(run).not.toThrow();
    } else {
      expect(planProblems(run).map((p) => [p.rule, p.field])).toEqual([['MNG-MATCH-CP', 'nodegroups[0].version']]);
    }
  });

  test.each([
    ['untargeted, level, one step: planned with a warning', '1.29', '1.30', 'ok'],
    ['untargeted, level, two steps', '1.29', '1.31', 'refuse'],
    ['untargeted, behind', '1.28', '1.30', 'refuse'],
  ])('a node group the spec does not name (%s)', (_name, ngVersion, target, outcome) => {
    const state = liveState({ version: '1.29', untargetedNodegroups: [nodegroup('other', ngVersion)] });
    if (outcome === 'ok') {
      const plan = planUpgrade(specFor(target), state);
      expect(plan.findings.map((f) => [f.rule, f.field])).toEqual([['MNG-MATCH-CP', 'nodegroup/other']]);
    } else {
      const problems = planProblems(() => planUpgrade(specFor(target), state));
      expect(problems.map((p) => [p.rule, p.field])).toEqual([['MNG-MATCH-CP', 'nodegroup/other']]);
      expect(problems[0].message).toContain("add it to nodegroups (e.g. { name: 'other' })");
    }
  });

  // Custom-AMI node groups are bounded by their kubelets instead: test/engine/rules/custom-ami-skew.test.ts.
});

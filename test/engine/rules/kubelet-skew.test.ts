/**
 * KUBELET-SKEW (docs/eks-rules.md): under policy.skipLevelNodegroups node groups move only when the kubelet skew
 * demands; without it the same spec interleaves (MNG-MATCH-CP).
 */
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { liveState, nodegroup, planProblems, specFor } from '../fixtures/planner-fixtures';

const rolls = (skip: boolean, from: string, to: string, ng: string) =>
  planSteps(planUpgrade(specFor(to, { nodegroups: [{ name: 'a' }], policy: { skipLevelNodegroups: skip } }), liveState({ version: from, nodegroups: [nodegroup('a', ng)] })))
    .filter((s) => s.action === 'nodegroup-version').length;

test.each([
  // [from, to, node group, rolls with skip-level, rolls without]
  ['1.29', '1.33', '1.29', 2, 4],
  ['1.29', '1.32', '1.29', 1, 3],
  ['1.25', '1.27', '1.24', 2, 3],
  ['1.30', '1.31', '1.30', 1, 1],
])('%s -> %s with a node group on %s: %d rolls skip-level, %d interleaved', (from, to, ng, skip, interleaved) => {
  expect(rolls(true, from, to, ng)).toBe(skip);
  expect(rolls(false, from, to, ng)).toBe(interleaved);
});

test.each([
  ['1.28', '1.31', true],
  ['1.27', '1.31', false],
  ['1.24', '1.26', true],
  ['1.23', '1.26', false],
])('skip-level: an untargeted node group on %s under target %s is within the skew: %s', (ng, target, ok) => {
  const run = () => planUpgrade(specFor(target, { policy: { skipLevelNodegroups: true } }), liveState({ version: ng, untargetedNodegroups: [nodegroup('other', ng)] }));
  if (ok) expect(run).not.toThrow();
  else expect(planProblems(run).map((p) => p.rule)).toEqual(['KUBELET-SKEW']);
});

/**
 * AL2-ENDS-1-32 (docs/eks-rules.md): no Amazon Linux 2 node group goes to Kubernetes 1.33 or later.
 */
import { planUpgrade } from '../../../src/engine/planner';
import { liveState, nodegroup, planProblems, specFor } from '../fixtures/planner-fixtures';

const al2 = (version: string, amiType = 'AL2_x86_64') => nodegroup('old', version, { amiType, releaseVersion: `${version}.0-20250101` });

test.each([
  ['1.32', 'cluster', 'AL2_x86_64', true],
  ['1.33', 'cluster', 'AL2_x86_64', false],
  ['1.33', 'cluster', 'AL2_ARM_64', false],
  ['1.33', 'cluster', 'AL2_x86_64_GPU', false],
  ['1.33', '1.32', 'AL2_x86_64', true],
  ['1.33', 'cluster', 'AL2023_x86_64_STANDARD', true],
])('control plane %s, node group version %s, %s: plannable %s', (target, version, amiType, ok) => {
  const run = () => planUpgrade(specFor(target, { nodegroups: [{ name: 'old', version }] }), liveState({ version: '1.32', nodegroups: [al2('1.32', amiType)] }));
  if (ok) {
    expect(run).not.toThrow();
  } else {
    const problems = planProblems(run);
    expect(problems.map((p) => [p.rule, p.field])).toEqual([['AL2-ENDS-1-32', 'nodegroups[0].version']]);
    expect(problems[0].message).toContain('AL2023 or Bottlerocket');
  }
});

test('an AL2 node group pinned to 1.32 blocks control-plane steps beyond 1.33', () => {
  const problems = planProblems(() => planUpgrade(specFor('1.34', { nodegroups: [{ name: 'old', version: '1.32' }] }), liveState({ version: '1.32', nodegroups: [al2('1.32')] })));
  expect(problems.map((p) => p.rule)).toEqual(['MNG-MATCH-CP']);
});

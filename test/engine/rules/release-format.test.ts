/**
 * RELEASE-FORMAT (docs/eks-rules.md): a pinned release version must fit the node group's AMI type and target minor.
 */
import { planUpgrade } from '../../../src/engine/planner';
import { describePlan, liveState, nodegroup, planProblems, specFor } from '../fixtures/planner-fixtures';

test.each([
  ['AL2023_x86_64_STANDARD', '1.31.3-20241213', true],
  ['AL2023_x86_64_STANDARD', '1.30.3-20241213', false],
  ['AL2023_x86_64_STANDARD', '1.31-2024.11.12', false],
  ['WINDOWS_CORE_2022_x86_64', '1.31-2024.11.12', true],
  ['WINDOWS_CORE_2022_x86_64', '1.30-2024.11.12', false],
  ['WINDOWS_FULL_2019_x86_64', '1.31.3-20241213', false],
  ['BOTTLEROCKET_x86_64', '1.43.0-5a2b9c1d', true],
  ['BOTTLEROCKET_x86_64_FIPS', '1.43.0-5a2b9c1d', true],
])('%s takes release %s: %s', (amiType, release, ok) => {
  const state = liveState({ version: '1.31', nodegroups: [nodegroup('n', '1.31', { amiType, releaseVersion: undefined })] });
  // Built past the spec parser, which refuses some of these itself: the planner must refuse them too.
  const base = specFor('1.31', { nodegroups: [{ name: 'n' }] });
  const spec = { ...base, nodegroups: base.nodegroups.map((n) => ({ ...n, releaseVersion: release })) };
  const run = () => planUpgrade(spec, state);
  if (ok) {
    expect(describePlan(run())).toEqual([{ title: 'node groups to their targets', steps: [`nodegroup n 1.31->1.31 release=${release}`] }]);
  } else {
    expect(planProblems(run).map((p) => [p.rule, p.field])).toEqual([['RELEASE-FORMAT', 'nodegroups[0].releaseVersion']]);
  }
});

test('latest with no public parameter (Windows) is a warning: EKS picks the release', () => {
  const state = liveState({ version: '1.31', nodegroups: [nodegroup('w', '1.31', { amiType: 'WINDOWS_CORE_2022_x86_64' })] });
  const plan = planUpgrade(specFor('1.31', { nodegroups: [{ name: 'w', releaseVersion: 'latest' }] }), state);
  expect(plan.findings.map((f) => [f.rule, f.field])).toEqual([['RELEASE-FORMAT', 'nodegroups[0].releaseVersion']]);
});

/**
 * ADDON-SETTINGS-CONTENT (docs/eks-rules.md): a met target is met by content, so a re-apply plans nothing.
 */
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { addon, liveState, specFor } from '../fixtures/planner-fixtures';

const VPC = 'v1.19.0-eksbuild.1';
const role = (n: string) => `arn:aws:iam::123456789012:role/${n}`;

test.each([
  ['YAML spec, JSON live', 'env:\n  A: "1"\n', '{"env":{"A":"1"}}', 0],
  ['JSON spec, YAML live, keys reordered', '{"b":2,"a":1}', 'a: 1\nb: 2\n', 0],
  ['different value', 'replicaCount: 3', '{"replicaCount":2}', 1],
  ['empty object and nothing', '{}', undefined, 0],
])('configurationValues: %s → %d step(s)', (_name, want, have, steps) => {
  const plan = planUpgrade(
    specFor('1.31', { addons: [{ name: 'vpc-cni', version: VPC, configurationValues: want }] }),
    liveState({ version: '1.31', addons: [addon('vpc-cni', VPC, { configurationValues: have })] }),
  );
  expect(planSteps(plan)).toHaveLength(steps);
});

test.each([
  ['same associations in another order', [['b', 'rb'], ['a', 'ra']], [['a', 'ra'], ['b', 'rb']], 0],
  ['same count, another role', [['a', 'rx']], [['a', 'ra']], 1],
  ['empty list removes all', [], [['a', 'ra']], 1],
  ['empty list, none installed', [], [], 0],
])('podIdentityAssociations: %s → %d step(s)', (_name, want, have, steps) => {
  const toList = (l: string[][]) => l.map(([serviceAccount, r]) => ({ serviceAccount, roleArn: role(r) }));
  const plan = planUpgrade(
    specFor('1.31', { addons: [{ name: 'vpc-cni', version: VPC, podIdentityAssociations: toList(want) }] }),
    liveState({ version: '1.31', addons: [addon('vpc-cni', VPC, { podIdentityAssociations: toList(have) })] }),
  );
  expect(planSteps(plan).map((s) => s.rule)).toEqual(steps ? ['ADDON-SETTINGS-CONTENT'] : []);
});

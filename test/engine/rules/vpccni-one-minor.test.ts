/**
 * VPCCNI-ONE-MINOR (docs/eks-rules.md): vpc-cni passes through a build of every minor in between.
 */
import { addonPath } from '../../../src/engine/rules/vpccni-one-minor';
import { offer } from '../fixtures/planner-fixtures';

const catalog = [
  offer('v1.20.1-eksbuild.1', '1.30', '1.34'),
  offer('v1.19.3-eksbuild.1', '1.29', '1.33'),
  offer('v1.19.0-eksbuild.1', '1.29', '1.33'),
  offer('v1.18.0-eksbuild.1', '1.28', '1.32'),
  offer('v1.16.0-eksbuild.1', '1.26', '1.30'),
];

test.each<[string, string, string, string[] | undefined]>([
  ['v1.19.0-eksbuild.1', 'v1.20.1-eksbuild.1', '1.31', ['v1.20.1-eksbuild.1']],
  ['v1.18.0-eksbuild.1', 'v1.20.1-eksbuild.1', '1.31', ['v1.19.3-eksbuild.1', 'v1.20.1-eksbuild.1']],
  ['v1.18.0-eksbuild.1', 'v1.19.0-eksbuild.1', '1.31', ['v1.19.0-eksbuild.1']],
  // No v1.17 build is offered: no one-minor path from v1.16.
  ['v1.16.0-eksbuild.1', 'v1.18.0-eksbuild.1', '1.29', undefined],
  // The target itself must be offered for the cluster version.
  ['v1.19.0-eksbuild.1', 'v1.20.1-eksbuild.1', '1.29', undefined],
  ['v1.19.0-eksbuild.1', 'v1.19.0-eksbuild.1', '1.29', []],
])('vpc-cni %s -> %s on %s', (from, to, cluster, path) => {
  expect(addonPath('vpc-cni', catalog, from, to, cluster)).toEqual(path);
});

test('other add-ons jump straight to an offered version', () => {
  expect(addonPath('coredns', catalog, 'v1.16.0-eksbuild.1', 'v1.20.1-eksbuild.1', '1.31')).toEqual(['v1.20.1-eksbuild.1']);
});

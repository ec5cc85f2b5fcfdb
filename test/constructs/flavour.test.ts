/**
 * Which framework these tests exercise: cdktf for this tree, cdktn when flavours/cdktn.jest.config.js runs them on the
 * derived CDK Terrain flavour. A mapping that silently fell back to cdktf would make the flavour's tests prove nothing.
 */
import { Testing } from 'cdktf';
import { PACKAGE_NAME, PACKAGE_ROOT } from './helpers';
import { ClusterUpgrade, KubernetesVersion } from '../../src';

const framework = PACKAGE_NAME === 'cdktn-eks-upgrade' ? 'cdktn' : 'cdktf';

test(`the constructs under test are ${PACKAGE_NAME}'s, built on ${framework}`, () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require('cdktf/package.json').name).toBe(framework);
  expect(require.resolve('../../src').startsWith(PACKAGE_ROOT)).toBe(true);
  const synthesized = JSON.parse(Testing.synthScope((scope) => {
    new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
  }));
  expect(Object.keys(synthesized.resource)).toEqual(['terraform_data']);
});

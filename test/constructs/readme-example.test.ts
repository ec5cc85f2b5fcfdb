/** The README's "Testing your stack" example, as written there, so the documented way to read the spec keeps working. */
import { Testing } from 'cdktf';
import './helpers';
import { ClusterUpgrade, KubernetesVersion } from '../../src';

test('the prod cluster goes to 1.31', () => {
  let upgrade!: ClusterUpgrade;
  const synthesized = Testing.synthScope((scope) => {
    upgrade = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
  });
  expect(synthesized).toContain('"terraform_data"');
  expect(upgrade.spec).toMatchObject({ clusterName: 'prod', controlPlane: { version: '1.31' } });
});

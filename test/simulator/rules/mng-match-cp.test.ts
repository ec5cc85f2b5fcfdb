import { InvalidParameterException, UpdateClusterVersionCommand } from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

const update = (version: string) => f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version, force: true }));

/** MNG-MATCH-CP: every managed node group (custom-AMI ones too) on the control plane's version before it moves. */
describe('MNG-MATCH-CP', () => {
  test.each([
    ['both node groups on the control plane version', '1.30', '1.30', undefined],
    ['the EKS-optimized node group one minor behind', '1.29', '1.30', 'general'],
    ['the custom-AMI node group one minor behind', '1.30', '1.29', 'custom'],
    ['both behind', '1.29', '1.29', 'general, custom'],
    ['a node group above the control plane', '1.31', '1.30', 'general'],
  ])('%s', async (_case, general, custom, refused) => {
    f = await startFixture({
      seed: readySeed((s) => {
        s.clusters[0].version = '1.30';
        s.clusters[0].nodegroups![0].version = general;
        s.clusters[0].nodegroups![1].version = custom;
      }),
    });
    if (refused === undefined) {
      expect((await update('1.31')).update!.type).toBe('VersionUpdate');
    } else {
      const e = await expectServiceError(update('1.31'), InvalidParameterException,
        `Nodegroups ${refused} must be updated to match cluster version 1.30 before updating cluster version`, 400);
      expect(e.clusterName).toBe('demo');
    }
  });
});

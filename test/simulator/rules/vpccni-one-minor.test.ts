import { InvalidParameterException, UpdateAddonCommand } from '@aws-sdk/client-eks';
import { expectServiceError, seedWith, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

/** VPCCNI-ONE-MINOR: vpc-cni moves at most one minor per UpdateAddon, up or down; other add-ons have no such limit. */
describe('VPCCNI-ONE-MINOR', () => {
  test.each([
    ['vpc-cni', 'v1.17.1-eksbuild.1', 'v1.18.3-eksbuild.2', true],
    ['vpc-cni', 'v1.18.3-eksbuild.2', 'v1.17.1-eksbuild.1', true],
    ['vpc-cni', 'v1.17.1-eksbuild.1', 'v1.17.1-eksbuild.1', true],
    ['vpc-cni', 'v1.17.1-eksbuild.1', 'v1.19.0-eksbuild.1', false],
    ['vpc-cni', 'v1.19.0-eksbuild.1', 'v1.17.1-eksbuild.1', false],
    ['vpc-cni', 'v1.16.0-eksbuild.1', 'v1.18.3-eksbuild.2', false],
    ['coredns', 'v1.10.1-eksbuild.7', 'v1.12.1-eksbuild.2', true],
  ])('%s %s → %s accepted: %s', async (addonName, from, to, accepted) => {
    f = await startFixture({
      seed: seedWith((s) => {
        s.clusters[0].version = '1.30';
        s.clusters[0].addons!.find((a) => a.name === addonName)!.version = from;
      }),
    });
    const call = f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName, addonVersion: to }));
    if (accepted) {
      expect((await call).update!.status).toBe('InProgress');
    } else {
      const e = await expectServiceError(call, InvalidParameterException, 'Updating VPC-CNI can only go up or down 1 minor version at a time', 400);
      expect(e).toMatchObject({ clusterName: 'demo', addonName: 'vpc-cni' });
    }
  });
});

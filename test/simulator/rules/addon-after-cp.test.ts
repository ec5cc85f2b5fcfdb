import {
  DescribeAddonVersionsCommand, InvalidParameterException, UpdateAddonCommand, UpdateClusterVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

const runsOn = async (kubernetesVersion: string) =>
  new Set((await f.eks.send(new DescribeAddonVersionsCommand({ addonName: 'kube-proxy', kubernetesVersion }))).addons![0].addonVersions!.map((v) => v.addonVersion));

/**
 * ADDON-AFTER-CP: when no add-on version runs on both sides of a control-plane step, the control plane moves
 * first and the add-on right after. In the demo seed no kube-proxy version is listed for both 1.29 and 1.30.
 */
describe('ADDON-AFTER-CP', () => {
  beforeEach(async () => { f = await startFixture({ seed: readySeed() }); });

  test('no kube-proxy version runs on both 1.29 and 1.30', async () => {
    const [before, after] = [await runsOn('1.29'), await runsOn('1.30')];
    expect([...before].filter((v) => after.has(v))).toEqual([]);
  });

  test.each([
    ['before the step: a 1.30 kube-proxy is not offered on 1.29', 'v1.30.9-eksbuild.3', false],
    ['before the step: the installed early build is listed, but nothing newer bridges', 'v1.28.6-eksbuild.2', true],
  ])('%s', async (_case, version, accepted) => {
    const call = f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'kube-proxy', addonVersion: version }));
    if (accepted) expect((await call).update!.status).toBe('InProgress');
    else await expectServiceError(call, InvalidParameterException, 'Addon version specified is not supported', 400);
  });

  test('the control plane steps with kube-proxy v1.29.0 installed, and kube-proxy follows right after', async () => {
    expect((await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }))).update!.status).toBe('InProgress');
    f.advance(600);
    const u = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'kube-proxy', addonVersion: 'v1.30.9-eksbuild.3' }))).update!;
    expect(u.status).toBe('InProgress');
  });
});

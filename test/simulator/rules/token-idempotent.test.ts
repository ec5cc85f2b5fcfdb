import {
  UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupConfigCommand, UpdateNodegroupVersionCommand, type Update,
} from '@aws-sdk/client-eks';
import { countCalls } from '../../../src/simulator';
import { readySeed, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
beforeEach(async () => { f = await startFixture({ seed: readySeed() }); });
afterEach(() => f.close());

type Command = UpdateClusterVersionCommand | UpdateNodegroupVersionCommand | UpdateNodegroupConfigCommand | UpdateAddonCommand;
const send = async (command: Command) => ((await f.eks.send(command as any)) as { update?: Update }).update!;

/** TOKEN-IDEMPOTENT: the same token returns the update it started, whatever the other parameters; nothing new starts. */
describe('TOKEN-IDEMPOTENT', () => {
  test.each<[string, (token: string) => Command, (token: string) => Command]>([
    ['UpdateClusterVersion', (t) => new UpdateClusterVersionCommand({ name: 'demo', version: '1.30', clientRequestToken: t }),
      (t) => new UpdateClusterVersionCommand({ name: 'demo', version: '1.31', force: true, clientRequestToken: t })],
    ['UpdateNodegroupVersion', (t) => new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', clientRequestToken: t }),
      (t) => new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', releaseVersion: '1.29.12-20250301', clientRequestToken: t })],
    ['UpdateNodegroupConfig', (t) => new UpdateNodegroupConfigCommand({ clusterName: 'demo', nodegroupName: 'general', updateConfig: { maxUnavailable: 2 }, clientRequestToken: t }),
      (t) => new UpdateNodegroupConfigCommand({ clusterName: 'demo', nodegroupName: 'general', updateConfig: { maxUnavailable: 3 }, clientRequestToken: t })],
    ['UpdateAddon', (t) => new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1', clientRequestToken: t }),
      (t) => new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.4-eksbuild.2', clientRequestToken: t })],
  ])('%s: a repeated token with other parameters returns the first update', async (operation, first, other) => {
    const started = await send(first('tok'));
    const again = await send(other('tok'));
    expect(again).toEqual(started);
    f.advance(3600);
    expect(await send(other('tok'))).toMatchObject({ id: started.id, status: 'Successful' });
    expect(countCalls(f.running.simulator.calls(), { operation, createdUpdate: true })).toBe(1);
  });
});

import {
  DescribeUpdateCommand, InvalidParameterException, ListUpdatesCommand, paginateListUpdates, ResourceNotFoundException,
  UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupConfigCommand, UpdateNodegroupVersionCommand, type Update,
} from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, startFixture, type Fixture } from './sim-fixture';
import { countCalls } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture({ seed: readySeed() }); });
afterEach(() => f.close());

describe('DescribeUpdate / ListUpdates', () => {
  test('node group and add-on updates are found only with their nodegroupName / addonName', async () => {
    const ng = (await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general' }))).update!;
    await expectServiceError(f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId: ng.id })),
      ResourceNotFoundException, `No update found for ID: ${ng.id}`, 404);
    await expectServiceError(f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId: ng.id, addonName: 'coredns' })),
      ResourceNotFoundException, `No update found for ID: ${ng.id}`, 404);
    const found = (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId: ng.id, nodegroupName: 'general' }))).update!;
    expect(found.id).toBe(ng.id);
    await expectServiceError(f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId: ng.id, nodegroupName: 'nope' })),
      ResourceNotFoundException, 'No node group found for name: nope.', 404);
  });

  test('ListUpdates is scoped like DescribeUpdate', async () => {
    const cp = (await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }))).update!;
    const ng = (await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general' }))).update!;
    const ad = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns' }))).update!;
    const list = async (extra: object) => (await f.eks.send(new ListUpdatesCommand({ name: 'demo', ...extra }))).updateIds;
    expect(await list({})).toEqual([cp.id]);
    expect(await list({ nodegroupName: 'general' })).toEqual([ng.id]);
    expect(await list({ addonName: 'coredns' })).toEqual([ad.id]);
    expect(await list({ addonName: 'kube-proxy' })).toEqual([]);
  });

  test('ListUpdates paginates with maxResults / nextToken, and rejects a forged token', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'kube-proxy' }))).update!.id!);
      f.advance(120);
    }
    const pages: string[][] = [];
    for await (const page of paginateListUpdates({ client: f.eks, pageSize: 2 }, { name: 'demo', addonName: 'kube-proxy' })) pages.push(page.updateIds!);
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    await expectServiceError(f.eks.send(new ListUpdatesCommand({ name: 'demo', nextToken: 'forged' })), InvalidParameterException,
      'The nextToken provided is invalid.', 400);
    await expectServiceError(f.eks.send(new ListUpdatesCommand({ name: 'demo', maxResults: 101 })), InvalidParameterException,
      'maxResults must be between 1 and 100, got 101', 400);
  });
});

type UpdateCommand = UpdateClusterVersionCommand | UpdateNodegroupVersionCommand | UpdateNodegroupConfigCommand | UpdateAddonCommand;
const sendUpdate = async (command: UpdateCommand) => ((await f.eks.send(command as any)) as { update?: Update }).update!;

describe('clientRequestToken', () => {
  const cases: [string, () => UpdateCommand][] = [
    ['UpdateClusterVersion', () => new UpdateClusterVersionCommand({ name: 'demo', version: '1.30', clientRequestToken: 'tok-1' })],
    ['UpdateNodegroupVersion', () => new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', clientRequestToken: 'tok-1' })],
    ['UpdateNodegroupConfig', () => new UpdateNodegroupConfigCommand({
      clusterName: 'demo', nodegroupName: 'general', updateConfig: { maxUnavailable: 2 }, clientRequestToken: 'tok-1',
    })],
    ['UpdateAddon', () => new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1', clientRequestToken: 'tok-1' })],
  ];

  test.each(cases)('%s: the same token returns the same update and starts no second one', async (operation, command) => {
    const first = await sendUpdate(command());
    f.advance(5);
    const again = await sendUpdate(command());
    expect(again.id).toBe(first.id);
    f.advance(3600);
    expect(await sendUpdate(command())).toMatchObject({ id: first.id, status: 'Successful' });
    const calls = f.running.simulator.calls();
    expect(countCalls(calls, { operation })).toBe(3);
    expect(countCalls(calls, { operation, createdUpdate: true })).toBe(1);
    expect(calls.filter((c) => c.operation === operation).map((c) => [c.updateId, c.clientRequestToken])).toEqual(Array(3).fill([first.id, 'tok-1']));
  });

  test('TOKEN-IDEMPOTENT: the same token with other parameters returns the update it started and starts nothing', async () => {
    const first = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', clientRequestToken: 'tok-2' }))).update!;
    const again = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1', clientRequestToken: 'tok-2' }))).update!;
    expect(again).toEqual(first);
    expect(countCalls(f.running.simulator.calls(), { operation: 'UpdateAddon', createdUpdate: true })).toBe(1);
  });

  test('tokens are per resource', async () => {
    const a = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', clientRequestToken: 'tok-3' }))).update!;
    const b = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'kube-proxy', clientRequestToken: 'tok-3' }))).update!;
    expect(a.id).not.toBe(b.id);
    expect(countCalls(f.running.simulator.calls(), { createdUpdate: true })).toBe(2);
  });
});

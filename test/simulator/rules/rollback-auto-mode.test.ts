import { DescribeClusterCommand, DescribeUpdateCommand, ListUpdatesCommand, UpdateClusterVersionCommand } from '@aws-sdk/client-eks';
import { startFixture, upgradedSeed, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

async function rolledForward(autoMode: boolean) {
  f = await startFixture({
    seed: upgradedSeed((s) => { s.clusters[0].autoMode = autoMode; }),
  });
}
const status = async () => (await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.status;

/**
 * ROLLBACK-AUTO-MODE: an Auto Mode rollback rolls the nodes back first while the cluster reads ACTIVE (300 s by
 * default here), then the control plane (UPDATING, 600 s); the running update is found from the history.
 */
describe('ROLLBACK-AUTO-MODE', () => {
  test.each([
    [true, 0, 'ACTIVE', 'InProgress', '1.30'],
    [true, 299, 'ACTIVE', 'InProgress', '1.30'],
    [true, 300, 'UPDATING', 'InProgress', '1.30'],
    [true, 899, 'UPDATING', 'InProgress', '1.30'],
    [true, 900, 'ACTIVE', 'Successful', '1.29'],
    [false, 0, 'UPDATING', 'InProgress', '1.30'],
    [false, 600, 'ACTIVE', 'Successful', '1.29'],
  ])('Auto Mode %s, %i s into the rollback: cluster %s, update %s, version %s', async (autoMode, seconds, clusterStatus, updateStatus, version) => {
    await rolledForward(autoMode);
    const rb = (await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.29' }))).update!;
    f.advance(seconds);
    expect(await status()).toBe(clusterStatus);
    expect((await f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId: rb.id! }))).update!.status).toBe(updateStatus);
    // The seeded upgrade the rollback undoes comes first in the history (seeded-upgrade.ts).
    expect((await f.eks.send(new ListUpdatesCommand({ name: 'demo' }))).updateIds!.slice(1)).toEqual([rb.id]);
    expect((await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.version).toBe(version);
  });
});

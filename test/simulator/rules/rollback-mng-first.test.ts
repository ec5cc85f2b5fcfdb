import {
  DescribeNodegroupCommand, InvalidParameterException, UpdateClusterVersionCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, startFixture, UPGRADED_AT, upgradedSeed, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

/** `demo` upgraded 1.29 → 1.30 a day ago, its node groups on the given versions. */
async function upgraded(general: string, batch: string, upgradedAt: string | null = UPGRADED_AT) {
  f = await startFixture({
    seed: upgradedSeed((s) => {
      Object.assign(s.clusters[0], upgradedAt === null ? { previousVersion: undefined, upgradedAt: undefined } : { upgradedAt });
      s.clusters[0].nodegroups![0].version = general;
      s.clusters[0].nodegroups![1].version = batch;
    }),
  });
}
const rollback = () => f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.29' }));
const nodegroupTo = (version: string) => f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', version }));

/** ROLLBACK-MNG-FIRST: managed node groups roll back (UpdateNodegroupVersion) before the control plane does. */
describe('ROLLBACK-MNG-FIRST', () => {
  test.each([
    ['both node groups on the rollback target', '1.29', '1.29', undefined],
    ['the node group without a launch template above it', '1.30', '1.29', 'general'],
    ['the launch-template node group above it', '1.29', '1.30', 'batch'],
    ['both above it', '1.30', '1.30', 'general, batch'],
  ])('control-plane rollback with %s', async (_case, general, batch, refused) => {
    await upgraded(general, batch);
    if (refused === undefined) {
      expect((await rollback()).update!.type).toBe('VersionRollback');
    } else {
      await expectServiceError(rollback(), InvalidParameterException,
        `Nodegroups ${refused} must be rolled back to version 1.29 before rolling back cluster version. Use UpdateNodegroupVersion.`, 400);
    }
  });

  test('a node group rolls back to the rollback target, then the control plane follows', async () => {
    await upgraded('1.30', '1.29');
    const u = (await nodegroupTo('1.29')).update!;
    expect(u.params).toEqual([{ type: 'Version', value: '1.29' }, { type: 'ReleaseVersion', value: '1.29.15-20250610' }]);
    f.advance(420);
    expect((await f.eks.send(new DescribeNodegroupCommand({ clusterName: 'demo', nodegroupName: 'general' }))).nodegroup!.version).toBe('1.29');
    expect((await rollback()).update!.type).toBe('VersionRollback');
  });

  test.each([
    ['past the 7-day rollback window', '2025-05-25T23:59:59.000Z'],
    ['with no upgrade to return from', null],
  ])('a node group does not roll back %s', async (_case, upgradedAt) => {
    await upgraded('1.30', '1.30', upgradedAt);
    await expectServiceError(nodegroupTo('1.29'), InvalidParameterException,
      'Requested Nodegroup version 1.29 is invalid. Nodegroup cannot be downgraded from 1.30.', 400);
  });

  test('a node group rolls back only to the rollback target, not further', async () => {
    await upgraded('1.30', '1.30');
    await expectServiceError(nodegroupTo('1.28'), InvalidParameterException,
      'Requested Nodegroup version 1.28 is invalid. Nodegroup cannot be downgraded from 1.30.', 400);
  });
});

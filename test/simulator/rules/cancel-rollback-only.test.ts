import {
  CancelUpdateCommand, DescribeClusterCommand, DescribeUpdateCommand, InvalidRequestException, UpdateAddonCommand, UpdateClusterVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, startFixture, upgradedSeed, type Fixture } from '../sim-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFixture({ seed: upgradedSeed() });
});
afterEach(() => f.close());

const rollback = async () => (await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.29' }))).update!;
const cancel = (updateId: string) => f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId }));
const describeUpdate = async (updateId: string) => (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId }))).update!;

/**
 * CANCEL-ROLLBACK-ONLY: CancelUpdate only for an Auto Mode VersionRollback while its nodes roll back; the
 * cancellation is asynchronous (60 s here) and fails if the control plane's rollback begins first.
 */
describe('CANCEL-ROLLBACK-ONLY', () => {
  test.each([
    [0, 'Cancelled', 'Successful', '1.30'],
    [239, 'Cancelled', 'Successful', '1.30'],
    [240, 'Successful', 'Failed', '1.29'],
    [299, 'Successful', 'Failed', '1.29'],
  ])('cancelled %i s into the 300 s node phase: update %s, cancellation %s, version %s', async (at, updateStatus, cancellation, version) => {
    const rb = await rollback();
    f.advance(at);
    expect((await cancel(rb.id!)).update).toMatchObject({ status: 'InProgress', cancellation: { status: 'InProgress' } });
    f.advance(900);
    expect(await describeUpdate(rb.id!)).toMatchObject({ status: updateStatus, cancellation: { status: cancellation } });
    expect((await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster).toMatchObject({ version, status: 'ACTIVE' });
  });

  test('once the control plane rollback began, CancelUpdate fails', async () => {
    const rb = await rollback();
    f.advance(300);
    await expectServiceError(cancel(rb.id!), InvalidRequestException,
      `Update ${rb.id} cannot be cancelled because the control plane rollback has already begun.`, 400);
  });

  test('an update that is not a rollback cannot be cancelled', async () => {
    const u = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns' }))).update!;
    await expectServiceError(cancel(u.id!), InvalidRequestException,
      `Update ${u.id} of type AddonUpdate cannot be cancelled: only VersionRollback updates of EKS Auto Mode clusters can be cancelled.`, 400);
  });
});

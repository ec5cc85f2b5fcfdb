import {
  InvalidRequestException, InvalidStateException, ListInsightsCommand, ListUpdatesCommand, DescribeUpdateCommand, UpdateClusterVersionCommand,
} from '@aws-sdk/client-eks';
import type { SimSeed } from '../../../src/simulator';
import { expectServiceError, startFixture, UPGRADED_AT, upgradedSeed, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

/** `demo` upgraded 1.29 → 1.30 a day before the virtual epoch, its node groups rolled back to 1.29 already. */
async function upgraded(change: (s: SimSeed) => void = () => {}) {
  f = await startFixture({
    seed: upgradedSeed((s) => {
      for (const n of s.clusters[0].nodegroups!) n.version = '1.29';
      change(s);
    }),
  });
}
const rollback = (force = false) => f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.29', ...(force ? { force } : {}) }));

/** ROLLBACK-ELIGIBLE (User Guide, Roll back a cluster, Prerequisites). */
describe('ROLLBACK-ELIGIBLE', () => {
  // At the virtual epoch (2025-06-02) 1.29 is in extended support (standard support ended 2025-03-23).
  test('a rollback to an extended-support version under the STANDARD policy is refused, force or not', async () => {
    await upgraded((s) => { s.clusters[0].upgradePolicy = { supportType: 'STANDARD' }; });
    for (const force of [false, true]) {
      await expectServiceError(rollback(force), InvalidRequestException, /1\.29 is in extended support and the cluster's upgrade policy is STANDARD/, 400);
    }
  });

  test('under the EXTENDED policy (EKS\'s default) the same rollback is accepted', async () => {
    await upgraded();
    expect((await rollback()).update!.type).toBe('VersionRollback');
  });

  test('a seeded upgrade shows in the update history, as EKS\'s does', async () => {
    await upgraded();
    const ids = (await f.eks.send(new ListUpdatesCommand({ name: 'demo' }))).updateIds!;
    const updates = await Promise.all(ids.map(async (updateId) => (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId }))).update!));
    expect(updates.map((u) => [u.type, u.status, u.params!.find((p) => p.type === 'Version')!.value, u.createdAt!.toISOString()])).toEqual([['VersionUpdate', 'Successful', '1.30', UPGRADED_AT]]);
  });

  test('an UNKNOWN rollback-readiness insight does not block EKS\'s rollback (the guide: only ERROR blocks)', async () => {
    await upgraded((s) => { s.clusters[0].insights = [{ name: 'Cluster health issues', category: 'ROLLBACK_READINESS', kubernetesVersion: '1.29', status: 'UNKNOWN' }]; });
    const listed = (await f.eks.send(new ListInsightsCommand({ clusterName: 'demo', filter: { categories: ['ROLLBACK_READINESS'] } }))).insights!;
    expect(listed.map((i) => `${i.name} ${i.insightStatus!.status}`)).toEqual([
      'Cluster health issues UNKNOWN', 'Kubelet version skew PASSING', 'kube-proxy version skew PASSING', 'EKS add-on version compatibility PASSING',
    ]);
    expect((await rollback()).update!.type).toBe('VersionRollback');
  });

  test('kube-proxy newer than the rollback target reads ERROR during the window, which blocks unless forced', async () => {
    await upgraded((s) => { s.clusters[0].addons!.find((a) => a.name === 'kube-proxy')!.version = 'v1.30.9-eksbuild.3'; });
    const listed = (await f.eks.send(new ListInsightsCommand({ clusterName: 'demo', filter: { categories: ['ROLLBACK_READINESS'], statuses: ['ERROR'] } }))).insights!;
    expect(listed.map((i) => `${i.name} ${i.kubernetesVersion}`)).toEqual(['kube-proxy version skew 1.29']);
    await expectServiceError(rollback(), InvalidStateException, /^Rollback readiness issues detected/, 400);
    expect((await rollback(true)).update!.type).toBe('VersionRollback');
  });
});

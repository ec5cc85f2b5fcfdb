import { InvalidStateException, ListInsightsCommand, UpdateClusterVersionCommand } from '@aws-sdk/client-eks';
import type { SimSeed } from '../../../src/simulator';
import { expectServiceError, seedWith, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

const READINESS = 'Upgrade readiness issues detected. Call the EKS ListInsights API to view upgrade blocking issues detected by EKS. '
  + 'Pass the force flag to override upgrade readiness errors and proceed with upgrade.';

const failing = async () => (await f.eks.send(new ListInsightsCommand({ clusterName: 'demo' }))).insights!
  .filter((i) => i.insightStatus!.status !== 'PASSING')
  .map((i) => `${i.kubernetesVersion} ${i.insightStatus!.status} ${i.name}`);

/**
 * INSIGHTS-PER-STEP: a failing check is ERROR for the next minor and WARNING for a later one; ERROR upgrade
 * readiness for the target version blocks UpdateClusterVersion unless `force`.
 */
describe('INSIGHTS-PER-STEP', () => {
  test.each<[string, string, (s: SimSeed) => void, string[]]>([
    ['vpc-cni stopping at 1.29', '1.29', () => {}, [
      '1.30 ERROR EKS add-on version compatibility', '1.31 WARNING EKS add-on version compatibility', '1.32 WARNING EKS add-on version compatibility',
      '1.33 WARNING kube-proxy version skew', '1.33 WARNING Kubelet version skew', '1.33 WARNING EKS add-on version compatibility',
    ]],
    ['an AL2 node group on 1.32', '1.32', (s) => {
      s.clusters[0].addons = [];
      s.clusters[0].nodegroups = [{ name: 'legacy', version: '1.32', amiType: 'AL2_x86_64' }];
    }, ['1.33 ERROR Amazon Linux 2 compatibility']],
    ['an AL2 node group on 1.31', '1.31', (s) => {
      s.clusters[0].addons = [];
      s.clusters[0].nodegroups = [{ name: 'legacy', version: '1.31', amiType: 'AL2_x86_64' }];
    }, ['1.33 WARNING Amazon Linux 2 compatibility']],
  ])('%s: %s', async (_case, version, change, expected) => {
    f = await startFixture({ seed: seedWith((s) => { s.clusters[0].version = version; s.clusters[0].nodegroups!.forEach((n) => { n.version = version; }); change(s); }) });
    expect(await failing()).toEqual(expected);
  });

  test.each([
    ['without force, an ERROR for the target version blocks', false, false],
    ['force overrides it', true, true],
  ])('%s', async (_case, force, accepted) => {
    f = await startFixture();
    const call = f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30', force }));
    if (accepted) expect((await call).update!.status).toBe('InProgress');
    else expect((await expectServiceError(call, InvalidStateException, READINESS, 400)).clusterName).toBe('demo');
  });

  test('a WARNING for a later version does not block the next step', async () => {
    f = await startFixture({ seed: seedWith((s) => { s.clusters[0].addons!.find((a) => a.name === 'vpc-cni')!.version = 'v1.17.1-eksbuild.1'; }) });
    expect(await failing()).toContain('1.31 WARNING EKS add-on version compatibility');
    expect((await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }))).update!.status).toBe('InProgress');
  });
});

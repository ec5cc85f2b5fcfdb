import { DescribeAddonVersionsCommand, ListInsightsCommand } from '@aws-sdk/client-eks';
import { seedWith, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

const listed = async (kubernetesVersion: string) =>
  (await f.eks.send(new DescribeAddonVersionsCommand({ addonName: 'kube-proxy', kubernetesVersion }))).addons![0].addonVersions!.map((v) => v.addonVersion);

/**
 * KUBE-PROXY-SKEW: kube-proxy may lag the API server by up to three minors; EKS lists later builds of older
 * kube-proxy minors for a cluster version, not their early builds.
 */
describe('KUBE-PROXY-SKEW', () => {
  test('the 1.29 listing has the later builds of older minors (v1.28.6, v1.27.10) beside its own', async () => {
    f = await startFixture();
    expect(await listed('1.29')).toEqual(['v1.29.0-eksbuild.1', 'v1.28.6-eksbuild.2', 'v1.27.10-eksbuild.2']);
    expect(await listed('1.30')).not.toContain('v1.29.0-eksbuild.1');
    expect(await listed('1.33')).toEqual(['v1.33.0-eksbuild.2', 'v1.32.3-eksbuild.7', 'v1.31.7-eksbuild.2', 'v1.30.9-eksbuild.3']);
  });

  test.each([
    ['v1.29.0-eksbuild.1', '1.29', ['1.33']],
    ['v1.29.0-eksbuild.1', '1.31', ['1.33']],
    ['v1.27.10-eksbuild.2', '1.29', ['1.31', '1.32', '1.33']],
    ['v1.30.9-eksbuild.3', '1.30', []],
  ])('kube-proxy %s on a %s control plane: the skew insight fails for %j', async (kubeProxy, version, failing) => {
    f = await startFixture({
      seed: seedWith((s) => {
        s.clusters[0].version = version;
        s.clusters[0].nodegroups = [];
        s.clusters[0].addons = [{ name: 'kube-proxy', version: kubeProxy }];
      }),
    });
    const insights = (await f.eks.send(new ListInsightsCommand({ clusterName: 'demo' }))).insights!;
    const skew = insights.filter((i) => i.name === 'kube-proxy version skew' && i.insightStatus!.status !== 'PASSING');
    expect(skew.map((i) => i.kubernetesVersion)).toEqual(failing);
  });
});

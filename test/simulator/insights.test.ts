import {
  DescribeInsightCommand, DescribeInsightsRefreshCommand, ListInsightsCommand, paginateListInsights, ResourceNotFoundException,
  StartInsightsRefreshCommand, UpdateAddonCommand, UpdateClusterVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, seedWith, startFixture, type Fixture } from './sim-fixture';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const list = async (filter?: object) => (await f.eks.send(new ListInsightsCommand({ clusterName: 'demo', filter }))).insights!;

test('EKS\'s upgrade-readiness checks for the next version, and the failing ones for later versions, from the live state', async () => {
  const insights = await list();
  expect(insights.map((i) => [i.name, i.kubernetesVersion, i.category, i.insightStatus!.status])).toEqual([
    ['Cluster health issues', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['Deprecated APIs removed in Kubernetes v1.30', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['kube-proxy version skew', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['Kubelet version skew', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['EKS add-on version compatibility', '1.30', 'UPGRADE_READINESS', 'ERROR'],
    ['Amazon Linux 2 compatibility', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['EKS add-on version compatibility', '1.31', 'UPGRADE_READINESS', 'WARNING'],
    ['EKS add-on version compatibility', '1.32', 'UPGRADE_READINESS', 'WARNING'],
    ['kube-proxy version skew', '1.33', 'UPGRADE_READINESS', 'WARNING'],
    ['Kubelet version skew', '1.33', 'UPGRADE_READINESS', 'WARNING'],
    ['EKS add-on version compatibility', '1.33', 'UPGRADE_READINESS', 'WARNING'],
  ]);
  expect(insights[4].insightStatus!.reason).toBe('Installed EKS add-on versions not compatible with Kubernetes v1.30: vpc-cni.');
  expect(insights[7].insightStatus!.reason).toBe('Installed EKS add-on versions not compatible with Kubernetes v1.32: vpc-cni, coredns.');
  expect(insights[0]).toMatchObject({
    description: 'Checks for any cluster health issues that prevent successful upgrade to the next Kubernetes version on EKS.',
    insightStatus: { reason: 'No cluster health issues detected.' },
  });
  expect(insights[0].lastRefreshTime).toEqual(new Date(f.clock.now()));

  await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni', addonVersion: 'v1.17.1-eksbuild.1' }));
  f.advance(120);
  // INSIGHTS-PER-STEP: insights keep what their last refresh saw until the next one.
  expect((await list({ statuses: ['ERROR'] })).map((i) => i.name)).toEqual(['EKS add-on version compatibility']);
  await f.eks.send(new StartInsightsRefreshCommand({ clusterName: 'demo' }));
  f.advance(60);
  expect((await f.eks.send(new DescribeInsightsRefreshCommand({ clusterName: 'demo' }))).status).toBe('COMPLETED');
  expect((await list({ statuses: ['ERROR'] }))).toEqual([]);
  await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }));
  f.advance(600);
  // Still graded for 1.29 after the step, until the next refresh.
  expect((await list({ statuses: ['PASSING'], categories: ['UPGRADE_READINESS'] }))[0].kubernetesVersion).toBe('1.30');
  await f.eks.send(new StartInsightsRefreshCommand({ clusterName: 'demo' }));
  f.advance(60);
  expect(new Set((await list({ statuses: ['PASSING'], categories: ['UPGRADE_READINESS'] })).map((i) => i.kubernetesVersion))).toEqual(new Set(['1.31']));
  // ROLLBACK-ELIGIBLE: after an upgrade, the rollback-readiness checks for the version it came from.
  expect((await list({ categories: ['ROLLBACK_READINESS'] })).map((i) => `${i.name} ${i.kubernetesVersion} ${i.insightStatus!.status}`)).toEqual([
    'Cluster health issues 1.29 PASSING', 'Kubelet version skew 1.29 PASSING', 'kube-proxy version skew 1.29 PASSING', 'EKS add-on version compatibility 1.29 PASSING',
  ]);
});

test('filters by category, Kubernetes version and status; paginates', async () => {
  f.running.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.31', name: 'Blocker' });
  expect((await list({ statuses: ['ERROR'] })).map((i) => i.name)).toEqual(['EKS add-on version compatibility', 'Blocker']);
  expect((await list({ kubernetesVersions: ['1.30'] }))).toHaveLength(6);
  expect((await list({ categories: ['ROLLBACK_READINESS'] }))).toEqual([]);
  const sizes: number[] = [];
  for await (const page of paginateListInsights({ client: f.eks, pageSize: 5 }, { clusterName: 'demo' })) sizes.push(page.insights!.length);
  expect(sizes).toEqual([5, 5, 2]);
});

test('DescribeInsight adds the recommendation and the add-on compatibility details', async () => {
  const summary = (await list({ kubernetesVersions: ['1.30'] })).find((i) => i.name === 'EKS add-on version compatibility')!;
  const { insight } = await f.eks.send(new DescribeInsightCommand({ clusterName: 'demo', id: summary.id }));
  expect(insight).toMatchObject({ id: summary.id, name: summary.name, insightStatus: { status: 'ERROR' }, resources: [] });
  expect(insight!.recommendation).toBeTruthy();
  const details = insight!.categorySpecificSummary!.addonCompatibilityDetails!;
  expect(details.find((d) => d.name === 'vpc-cni')!.compatibleVersions).toEqual(['v1.19.2-eksbuild.1', 'v1.19.0-eksbuild.1', 'v1.18.3-eksbuild.2', 'v1.17.1-eksbuild.1']);
  await expectServiceError(f.eks.send(new DescribeInsightCommand({ clusterName: 'demo', id: 'nope' })), ResourceNotFoundException,
    'No insight found for ID: nope', 404);
});

test('a seeded insight stands for the check it names: the derived one for the same version is not listed beside it', async () => {
  await f.close();
  const name = 'Deprecated APIs removed in Kubernetes v1.30';
  f = await startFixture({ seed: seedWith((s) => { s.clusters[0].insights = [{ name, kubernetesVersion: '1.30', status: 'WARNING', reason: 'Deprecated API usage detected within last 30 days.' }]; }) });
  const listed = (await list({ kubernetesVersions: ['1.30'] })).filter((i) => i.name === name);
  expect(listed.map((i) => [i.insightStatus!.status, i.insightStatus!.reason])).toEqual([['WARNING', 'Deprecated API usage detected within last 30 days.']]);
  expect((await list({ kubernetesVersions: ['1.30'] }))).toHaveLength(6);
});

describe('INSIGHTS-PER-STEP: insights are computed when refreshed and kept until the next refresh', () => {
  const errors = async () => (await list({ statuses: ['ERROR'] })).map((i) => `${i.name} ${i.kubernetesVersion}`);
  const fixAddon = async () => {
    await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni', addonVersion: 'v1.17.1-eksbuild.1' }));
    f.advance(120);
  };

  test('an on-demand refresh takes time: IN_PROGRESS, then COMPLETED with insights as the cluster then is', async () => {
    await fixAddon();
    const started = await f.eks.send(new StartInsightsRefreshCommand({ clusterName: 'demo' }));
    expect(started.status).toBe('IN_PROGRESS');
    f.advance(30);
    const running = await f.eks.send(new DescribeInsightsRefreshCommand({ clusterName: 'demo' }));
    expect([running.status, running.endedAt]).toEqual(['IN_PROGRESS', undefined]);
    expect(await errors()).toEqual(['EKS add-on version compatibility 1.30']);
    f.advance(30);
    const done = await f.eks.send(new DescribeInsightsRefreshCommand({ clusterName: 'demo' }));
    expect(done.status).toBe('COMPLETED');
    expect(done.endedAt!.getTime() - done.startedAt!.getTime()).toBe(60_000);
    expect(await errors()).toEqual([]);
    expect((await list())[0].lastRefreshTime).toEqual(done.endedAt);
  });

  test('EKS refreshes on its own every 24 hours', async () => {
    await fixAddon();
    f.advance(23 * 3600);
    expect(await errors()).toEqual(['EKS add-on version compatibility 1.30']);
    f.advance(3600);
    expect(await errors()).toEqual([]);
  });

  test('a deprecated API used within 30 days fails its check: WARNING for a later version, ERROR once it is the next', async () => {
    await f.close();
    const lastRequestAt = new Date(Date.UTC(2025, 5, 1)).toISOString();
    f = await startFixture({
      seed: seedWith((s) => {
        s.clusters[0].deprecatedApiUsage = [{ usage: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas', removedIn: '1.32', lastRequestAt }];
      }),
    });
    const deprecated = async () => (await list()).filter((i) => i.name!.startsWith('Deprecated')).map((i) => `${i.kubernetesVersion} ${i.insightStatus!.status}`);
    expect(await deprecated()).toEqual(['1.30 PASSING', '1.32 WARNING']);
    // Persists after the fix until the last request is 30 days old (aws/containers-roadmap#2569).
    f.advance(28 * 24 * 3600);
    expect(await deprecated()).toEqual(['1.30 PASSING', '1.32 WARNING']);
    f.advance(2 * 24 * 3600);
    expect(await deprecated()).toEqual(['1.30 PASSING']);
  });

  test('a deprecated-API ERROR carries its deprecation details', async () => {
    await f.close();
    const lastRequestAt = new Date(Date.UTC(2025, 5, 1)).toISOString();
    f = await startFixture({
      seed: seedWith((s) => {
        s.clusters[0].deprecatedApiUsage = [{ usage: '/apis/x/v1beta1/ys', removedIn: '1.30', replacedWith: '/apis/x/v1/ys', userAgent: 'kubectl', lastRequestAt }];
      }),
    });
    const summary = (await list({ statuses: ['ERROR'] })).find((i) => i.name!.startsWith('Deprecated'))!;
    const { insight } = await f.eks.send(new DescribeInsightCommand({ clusterName: 'demo', id: summary.id }));
    expect(insight!.categorySpecificSummary!.deprecationDetails).toEqual([{
      usage: '/apis/x/v1beta1/ys',
      replacedWith: '/apis/x/v1/ys',
      stopServingVersion: '1.30',
      clientStats: [{ userAgent: 'kubectl', numberOfRequestsLast30Days: 1, lastRequestTime: new Date(lastRequestAt) }],
    }]);
  });
});

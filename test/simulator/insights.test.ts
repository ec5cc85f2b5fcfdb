import {
  DescribeInsightCommand, ListInsightsCommand, paginateListInsights, ResourceNotFoundException, UpdateAddonCommand, UpdateClusterVersionCommand,
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
  expect((await list({ statuses: ['ERROR'] }))).toEqual([]);
  await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }));
  f.advance(600);
  expect(new Set((await list({ statuses: ['PASSING'] })).map((i) => i.kubernetesVersion))).toEqual(new Set(['1.31']));
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

import {
  DescribeInsightCommand, ListInsightsCommand, paginateListInsights, ResourceNotFoundException, UpdateAddonCommand, UpdateClusterVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, startFixture, type Fixture } from './sim-fixture';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const list = async (filter?: object) => (await f.eks.send(new ListInsightsCommand({ clusterName: 'demo', filter }))).insights!;

test('upgrade-readiness insights for the next Kubernetes version, derived from the live state', async () => {
  const insights = await list();
  expect(insights.map((i) => [i.name, i.kubernetesVersion, i.category, i.insightStatus!.status])).toEqual([
    ['Cluster health issues', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['Deprecated APIs removed in Kubernetes v1.30', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['Kubelet version skew', '1.30', 'UPGRADE_READINESS', 'PASSING'],
    ['Amazon EKS add-on version compatibility', '1.30', 'UPGRADE_READINESS', 'WARNING'],
  ]);
  expect(insights[3].insightStatus!.reason).toBe('Add-ons incompatible with 1.30: vpc-cni');
  expect(insights[0].lastRefreshTime).toEqual(new Date(f.clock.now()));

  await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni', addonVersion: 'v1.19.2-eksbuild.1' }));
  f.advance(120);
  expect((await list({ statuses: ['WARNING'] }))).toEqual([]);
  await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }));
  f.advance(600);
  expect(new Set((await list()).map((i) => i.kubernetesVersion))).toEqual(new Set(['1.31']));
});

test('filters by category, Kubernetes version and status; paginates', async () => {
  f.running.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.31', name: 'Blocker' });
  expect((await list({ statuses: ['ERROR'] })).map((i) => i.name)).toEqual(['Blocker']);
  expect((await list({ kubernetesVersions: ['1.30'] }))).toHaveLength(4);
  expect((await list({ categories: ['ROLLBACK_READINESS'] }))).toEqual([]);
  const sizes: number[] = [];
  for await (const page of paginateListInsights({ client: f.eks, pageSize: 2 }, { clusterName: 'demo' })) sizes.push(page.insights!.length);
  expect(sizes).toEqual([2, 2, 1]);
});

test('DescribeInsight adds the recommendation and the add-on compatibility details', async () => {
  const summary = (await list()).find((i) => i.name === 'Amazon EKS add-on version compatibility')!;
  const { insight } = await f.eks.send(new DescribeInsightCommand({ clusterName: 'demo', id: summary.id }));
  expect(insight).toMatchObject({ id: summary.id, name: summary.name, insightStatus: { status: 'WARNING' }, resources: [] });
  expect(insight!.recommendation).toBeTruthy();
  const details = insight!.categorySpecificSummary!.addonCompatibilityDetails!;
  expect(details.find((d) => d.name === 'vpc-cni')!.compatibleVersions).toEqual(['v1.19.2-eksbuild.1', 'v1.19.0-eksbuild.1', 'v1.18.3-eksbuild.2', 'v1.18.1-eksbuild.3']);
  await expectServiceError(f.eks.send(new DescribeInsightCommand({ clusterName: 'demo', id: 'nope' })), ResourceNotFoundException,
    'No insight found for ID: nope', 404);
});

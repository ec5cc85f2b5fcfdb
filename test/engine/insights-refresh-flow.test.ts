/**
 * INSIGHTS-PER-STEP against the simulator through the real AWS SDK: insights are refreshed before each
 * control-plane step, so a stale ERROR does not block and an ERROR that appears after a step blocks the next one.
 */
import { EKSClient, UpdateAddonCommand, DescribeAddonCommand } from '@aws-sdk/client-eks';
import { applyOnSim } from './fixtures/sim-flow';
import { RunReport } from '../../src/engine/run-report';
import { UpdateFailedError } from '../../src/errors/run-errors';
import { defaultSeed, RunningSimulator, SimSeed, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

const SCALE = 2000;
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
let sim: RunningSimulator;
afterEach(async () => sim.close());

const apply = (spec: ReturnType<typeof parseSpec>, lines: string[] = []): Promise<RunReport> => applyOnSim(sim, spec, SCALE, { lines, accessKeyId: 'x' });

const calls = (operation: string) => sim.simulator.calls().filter((c) => c.operation === operation);

test('INSIGHTS-PER-STEP: a stale ERROR that a refresh clears does not block', async () => {
  sim = await startSimulator({ timeScale: SCALE });
  // vpc-cni is moved out of band: the insights graded before (ERROR: vpc-cni does not run on 1.30) go stale.
  const eks = new EKSClient({ endpoint: sim.url, region: 'us-east-1', credentials });
  try {
    await eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni', addonVersion: 'v1.17.1-eksbuild.1' }));
    while ((await eks.send(new DescribeAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni' }))).addon!.status !== 'ACTIVE') {
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    eks.destroy();
  }
  const stale = sim.simulator.state().clusters[0].insightsSnapshot!.insights.filter((i) => i.status === 'ERROR').map((i) => i.name);
  expect(stale).toEqual(['EKS add-on version compatibility']);

  const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' }, addons: [{ name: 'kube-proxy', version: 'latest' }] });
  const report = await apply(spec);
  expect(report.steps.map((s) => `${s.resource} ${s.outcome}`)).toEqual(['cluster/demo Successful', 'addon/kube-proxy Successful']);
  const order = sim.simulator.calls().map((c) => c.operation);
  expect(order.indexOf('StartInsightsRefresh')).toBeGreaterThan(-1);
  expect(order.indexOf('StartInsightsRefresh')).toBeLessThan(order.indexOf('ListInsights'));
});

function seedWithDeprecatedApi(removedIn: string): SimSeed {
  const seed = defaultSeed();
  seed.clusters[0].deprecatedApiUsage = [{ usage: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas', removedIn, lastRequestAt: new Date().toISOString() }];
  return seed;
}

test('INSIGHTS-PER-STEP: an ERROR that appears after a step blocks the next step, before it is taken', async () => {
  sim = await startSimulator({ timeScale: SCALE, seed: seedWithDeprecatedApi('1.31') });
  const lines: string[] = [];
  const run = apply(parseSpec(demoSpecJson('1.31')), lines);
  await expect(run).rejects.toThrow(UpdateFailedError);
  await expect(run).rejects.toThrow(/block control plane 1\.30 → 1\.31, so the run stops before it[\s\S]*Deprecated APIs removed in Kubernetes v1\.31[\s\S]*30 days after the fix/);
  const versionCalls = calls('UpdateClusterVersion');
  expect(versionCalls).toHaveLength(1);
  expect(sim.simulator.state().clusters[0].version).toBe('1.30');
  // Graded at 1.29 the finding was a WARNING for a later version; the refresh after the step made it the ERROR that blocks.
  expect(lines.filter((l) => l.includes('insights: refreshed'))).toHaveLength(3);
});

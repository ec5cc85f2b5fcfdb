/**
 * The engine against the simulator through the real AWS SDK: whole upgrades, re-applies and resumes,
 * in scaled time (a 10-minute control-plane update takes a fraction of a second).
 */
import { scaledClock, systemClock } from '../../src/engine/clock';
import { EksApi } from '../../src/engine/eks-api';
import { InterruptedError, UpdateFailedError } from '../../src/engine/engine-errors';
import { planSteps } from '../../src/engine/plan-types';
import { PlanError } from '../../src/engine/planner';
import { RunReport } from '../../src/engine/run-report';
import { newReport, planOnly, runUpgrade } from '../../src/engine/upgrade';
import { defaultSeed, RunningSimulator, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

const SCALE = 2000;
let sim: RunningSimulator;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: SCALE });
});
afterEach(async () => {
  await sim.close();
});

const demoSpec = (version: string, extra: Record<string, unknown> = {}) => parseSpec(demoSpecJson(version, extra));

function api(): EksApi {
  return new EksApi('demo', { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
}

async function apply(spec: ReturnType<typeof demoSpec>, signal?: AbortSignal, lines: string[] = []): Promise<RunReport> {
  const client = api();
  const clock = scaledClock(systemClock, SCALE);
  const report = newReport(spec, clock);
  try {
    await runUpgrade({ spec, api: client, clock, signal, sink: (l) => lines.push(l) }, report);
    return report;
  } finally {
    client.destroy();
  }
}

const mutating = () => sim.simulator.calls().filter((c) => c.mutating);
const created = () => sim.simulator.calls().filter((c) => c.createdUpdate);

describe('upgrade flows against the simulator', () => {
  test('1.29 → 1.33 in one apply: every target met, control plane one minor at a time', async () => {
    // A custom AMI's kubelet moves only with its image: start it on 1.30 so 1.33 stays within the skew.
    const seed = defaultSeed();
    seed.clusters[0].nodegroups!.find((n) => n.name === 'custom')!.version = '1.30';
    sim.simulator.seed(seed);
    const lines: string[] = [];
    const report = await apply(demoSpec('1.33'), undefined, lines);
    const c = api();
    try {
      expect((await c.describeCluster()).version).toBe('1.33');
      const general = await c.describeNodegroup('general');
      expect(general.version).toBe('1.33');
      expect(general.updateConfig?.maxUnavailable).toBe(2);
      expect((await c.describeNodegroup('custom')).launchTemplate?.version).toBe('2');
      for (const name of ['vpc-cni', 'coredns', 'kube-proxy']) {
        expect((await c.describeAddon(name)).status).toBe('ACTIVE');
      }
    } finally {
      c.destroy();
    }
    const clusterSteps = report.steps.filter((s) => s.action === 'cluster-version').map((s) => s.target);
    expect(clusterSteps).toEqual(['1.29 → 1.30', '1.30 → 1.31', '1.31 → 1.32', '1.32 → 1.33']);
    expect(report.steps.every((s) => s.outcome === 'Successful')).toBe(true);
    // One created update per step: nothing was sent twice.
    expect(created()).toHaveLength(report.steps.length);
    expect(lines.some((l) => /phase \d+\/\d+: control plane to 1\.33/.test(l))).toBe(true);
  });

  test('re-applying a converged spec makes zero mutating calls', async () => {
    await apply(demoSpec('1.31'));
    sim.simulator.clearCalls();
    const report = await apply(demoSpec('1.31'));
    expect(report.steps).toEqual([]);
    expect(mutating()).toEqual([]);
  });

  test('an apply stopped mid-wait, run again, attaches to the running update and starts no duplicate', async () => {
    const c = api();
    const planned = planSteps((await planOnly({ spec: demoSpec('1.31'), api: c })).plan).length;
    c.destroy();
    const abort = new AbortController();
    const first = apply(demoSpec('1.31'), abort.signal);
    // Stop as soon as the control-plane update is running.
    while (!sim.simulator.calls().some((call) => call.operation === 'UpdateClusterVersion' && call.createdUpdate)) {
      await new Promise((r) => setTimeout(r, 2));
    }
    abort.abort(new InterruptedError('interrupted by test'));
    await expect(first).rejects.toThrow(/keeps running — the next apply waits for it/);
    const resumedLines: string[] = [];
    await apply(demoSpec('1.31'), undefined, resumedLines);
    expect(resumedLines.some((l) => /already running; waiting for it before planning/.test(l))).toBe(true);
    // Exactly the updates a single uninterrupted run makes: none was started twice.
    expect(created()).toHaveLength(planned);
    expect(created().filter((call) => call.operation === 'UpdateClusterVersion')).toHaveLength(2);
  });

  test('a custom-AMI node group that would fall out of kubelet skew is refused before any change', async () => {
    await expect(apply(demoSpec('1.33'))).rejects.toThrow(/node group 'custom' runs a custom AMI with kubelet 1\.29, would lag control plane 1\.33 by 4 minors.*or target 1\.32 at most/);
    expect(mutating()).toEqual([]);
  });

  test('bad targets are refused before any mutating call', async () => {
    await expect(apply(demoSpec('1.33', { addons: [{ name: 'vpc-cni', version: 'v0.0.1-eksbuild.1' }] }))).rejects.toThrow(PlanError);
    await expect(apply(demoSpec('1.31', { nodegroups: [{ name: 'nope' }] }))).rejects.toThrow(/node group 'nope' does not exist/);
    expect(mutating()).toEqual([]);
  });

  test('plan makes no mutating call and lists the phases in order', async () => {
    const c = api();
    try {
      const { text } = await planOnly({ spec: demoSpec('1.31'), api: c });
      expect(text).toMatch(/prepare for Kubernetes 1\.30[\s\S]*control plane to 1\.30[\s\S]*control plane to 1\.31[\s\S]*node groups to their targets/);
    } finally {
      c.destroy();
    }
    expect(mutating()).toEqual([]);
  });

  test('a Failed node-group update fails the apply with EKS\'s error, and the next apply converges', async () => {
    sim.simulator.injectFault({ kind: 'updateFailure', resource: 'nodegroup/demo/general', errorCode: 'PodEvictionFailure', errorMessage: 'Reached max retries while trying to evict pods from nodes in node group general' });
    const failed = apply(demoSpec('1.30'));
    await expect(failed).rejects.toThrow(UpdateFailedError);
    await expect(failed).rejects.toThrow(/nodegroup\/general: .* ended Failed \(update [\w-]+\)\n {2}PodEvictionFailure: Reached max retries/);
    sim.simulator.clearFaults();
    const report = await apply(demoSpec('1.30'));
    expect(report.steps.some((s) => s.resource === 'nodegroup/general' && s.outcome === 'Successful')).toBe(true);
  });
});


/**
 * The engine end to end against the simulator's Kubernetes API (NODE-KUBELET-SKEW, AUTO-MODE-DRIFT, DATA-PLANE-READ):
 * the data plane is read with a real EKS token over HTTPS behind the cluster's CA, once per plan and again before
 * each later control-plane step.
 */
import { applyOnSim, simApi } from './fixtures/sim-flow';
import { PlanError } from '../../src/engine/planner';
import { planOnly } from '../../src/engine/upgrade';
import { UpdateFailedError } from '../../src/errors/run-errors';
import { defaultSeed, RunningSimulator, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SCALE = 2000;
/** Slower for the drift test, so the engine's own real-time overheads do not outrun Auto Mode's drift. */
const DRIFT_SCALE = 300;
let sim: RunningSimulator;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: SCALE });
});
afterEach(async () => {
  await sim.close();
});

const api = (cluster: string) => simApi(sim, cluster);
const apply = (json: Record<string, any>, lines: string[], scale = SCALE) => applyOnSim(sim, parseSpec(json), scale, { lines });

const mutating = () => sim.simulator.calls().filter((c) => c.mutating);
const kubeCalls = () => sim.simulator.calls().filter((c) => c.service === 'kubernetes');
const karpenterSpec = (version: string) => ({
  specVersion: 1,
  clusterName: 'karpenter',
  controlPlane: { version },
  addons: [{ name: 'vpc-cni', version: 'latest' }, { name: 'coredns', version: 'clusterDefault' }, { name: 'kube-proxy', version: 'latest' }],
  nodegroups: [{ name: 'system' }],
});

describe('the data-plane gate against the simulator', () => {
  test('NODE-KUBELET-SKEW: plan for karpenter two minors up refuses, naming the Karpenter node, with 0 mutating calls', async () => {
    const client = api('karpenter');
    try {
      const error = await planOnly({ spec: parseSpec(karpenterSpec('1.32')), api: client }).catch((e) => e);
      expect(error).toBeInstanceOf(PlanError);
      expect(error.message).toMatch(/\[NODE-KUBELET-SKEW\] node\/ip-10-0-90-17\.ec2\.internal: node ip-10-0-90-17\.ec2\.internal \(Karpenter NodePool default\) runs kubelet v?1\.28.*1\.31 → 1\.32.*drift/);
    } finally {
      client.destroy();
    }
    expect(mutating()).toEqual([]);
    expect(kubeCalls().map((c) => c.operation)).toEqual(expect.arrayContaining(['ListNodes', 'ListPods']));
  });

  test('NODE-KUBELET-SKEW: one minor up keeps the Karpenter node within the skew, and plans', async () => {
    const client = api('karpenter');
    try {
      const { plan } = await planOnly({ spec: parseSpec(karpenterSpec('1.31')), api: client });
      expect(plan.controlPlaneTargets).toEqual(['1.31']);
    } finally {
      client.destroy();
    }
  });

  test('AUTO-MODE-DRIFT: the demo cluster\'s multi-minor apply waits for Auto Mode nodes between steps', async () => {
    // demo's Auto Mode nodes alone (its managed node groups, which roll for minutes before each step, left out), quick
    // add-ons and a kubelet skew of one minor: the second step comes before Auto Mode has replaced the 1.29 nodes.
    await sim.close();
    const seed = defaultSeed();
    seed.clusters.find((c) => c.name === 'demo')!.nodegroups = [];
    sim = await startSimulator({ seed, timeScale: DRIFT_SCALE, durations: { addonSeconds: 10 } });
    const lines: string[] = [];
    await apply(demoSpecJson('1.31', { nodegroups: [], policy: { maxKubeletSkew: 1, insights: 'ignore' } }), lines, DRIFT_SCALE);
    const waits = lines.filter((l) => l.includes('waiting for EKS Auto Mode to replace'));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatch(/beyond the kubelet skew of 1\.31.*\[AUTO-MODE-DRIFT\]/);
    // The wait comes after the first control-plane step and before the second.
    const stepTo = (v: string) => lines.findIndex((l) => l.includes('cluster-version') && l.includes(`→ ${v}`) && /start|Successful|started/i.test(l));
    const firstWait = lines.findIndex((l) => l.includes('waiting for EKS Auto Mode'));
    expect(firstWait).toBeGreaterThan(-1);
    if (stepTo('1.31') > -1) expect(firstWait).toBeLessThan(stepTo('1.31'));
    expect(lines.some((l) => l.includes('within the kubelet skew of 1.31; taking the step'))).toBe(true);
  });

  test('DATA-PLANE-READ: a 403 under best-effort is one line naming the missing access, and the upgrade goes on', async () => {
    sim.simulator.injectFault({ kind: 'kubernetesAccess', answer: 'forbidden' });
    const lines: string[] = [];
    await apply(demoSpecJson('1.30'), lines);
    const notChecked = lines.filter((l) => l.includes('[DATA-PLANE-READ]'));
    expect(notChecked).toHaveLength(1);
    expect(notChecked[0]).toMatch(/not checked.*403.*AmazonEKSAdminViewPolicy/);
    expect(mutating().length).toBeGreaterThan(0);
  });

  test('DATA-PLANE-READ: under required, a 403 refuses before any mutating call', async () => {
    sim.simulator.injectFault({ kind: 'kubernetesAccess', answer: 'forbidden' });
    const spec = parseSpec(demoSpecJson('1.30', { policy: { dataPlane: 'required' } }));
    const client = api('demo');
    try {
      const error = await planOnly({ spec, api: client }).catch((e) => e);
      expect(error).toBeInstanceOf(PlanError);
      expect(error.message).toMatch(/\[DATA-PLANE-READ\] policy\.dataPlane: 'required', but .*403/);
    } finally {
      client.destroy();
    }
    expect(mutating()).toEqual([]);
  });

  test('DATA-PLANE-READ: under required, the Kubernetes API unreachable mid-run stops before the next step, no mutation after it', async () => {
    const lines: string[] = [];
    const spec = demoSpecJson('1.31', { policy: { maxConcurrentNodegroups: 2, dataPlane: 'required' } });
    // The plan's reads succeed; from then on the endpoint drops every connection.
    const apiRun = apply(spec, lines);
    const started = Date.now();
    while (!sim.simulator.calls().some((c) => c.mutating) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
    // Every read from now on, the progress probes' included.
    sim.simulator.injectFault({ kind: 'kubernetesAccess', answer: 'unreachable', count: 1000 });
    const error = await apiRun.catch((e) => e);
    expect(error).toBeInstanceOf(UpdateFailedError);
    expect(error.message).toMatch(/blocks the control plane's step 1\.30 → 1\.31.*\[DATA-PLANE-READ\].*not reachable from this runner/s);
    const clusterUpdates = sim.simulator.calls().filter((c) => c.mutating && c.operation === 'UpdateClusterVersion');
    expect(clusterUpdates).toHaveLength(1);
    const ids = sim.simulator.calls().filter((c) => c.createdUpdate).map((c) => `${c.operation} ${c.resource}`);
    expect(new Set(ids.filter((i) => i.startsWith('UpdateClusterVersion'))).size).toBe(1);
  });
});

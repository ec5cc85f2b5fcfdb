/**
 * The engine against the simulator through the real AWS SDK: whole upgrades, re-applies and resumes,
 * in scaled time (a 10-minute control-plane update takes a fraction of a second).
 */
import { applyOnSim, simApi } from './fixtures/sim-flow';
import { planSteps } from '../../src/engine/plan-types';
import { PlanError } from '../../src/engine/planner';
import { newReport, planOnly } from '../../src/engine/upgrade';
import { InputError, InterruptedError, UpdateFailedError } from '../../src/errors/run-errors';
import { defaultSeed, RunningSimulator, SimSeed, startSimulator, UpdateDurations } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

const SCALE = 2000;
let sim: RunningSimulator;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: SCALE });
});
afterEach(async () => {
  await sim.close();
});

/** A simulator with other update durations (seconds of EKS time), replacing the one beforeEach started. */
async function restart(durations: Partial<UpdateDurations>): Promise<void> {
  await sim.close();
  sim = await startSimulator({ timeScale: SCALE, durations });
}

const demoSpec = (version: string, extra: Record<string, unknown> = {}) => parseSpec(demoSpecJson(version, extra));
const general = { name: 'general', releaseVersion: 'latest', updateConfig: { maxUnavailable: 2 } };

const api = () => simApi(sim, 'demo');
const apply = (spec: ReturnType<typeof demoSpec>, signal?: AbortSignal, lines: string[] = []) => applyOnSim(sim, spec, SCALE, { signal, lines });

const mutating = () => sim.simulator.calls().filter((c) => c.mutating);
const created = () => sim.simulator.calls().filter((c) => c.createdUpdate);
const rejected = () => sim.simulator.calls().filter((c) => c.status >= 400);

describe('upgrade flows against the simulator', () => {
  test('MNG-MATCH-CP: 1.29 → 1.33 in one apply, every managed node group matching the control plane before each of its steps, no request rejected', async () => {
    const lines: string[] = [];
    const report = await apply(demoSpec('1.33'), undefined, lines);
    const c = api();
    try {
      expect((await c.describeCluster()).version).toBe('1.33');
      const ng = await c.describeNodegroup('general');
      expect(ng.version).toBe('1.33');
      expect(ng.updateConfig?.maxUnavailable).toBe(2);
      const batch = await c.describeNodegroup('batch');
      expect(batch.version).toBe('1.33');
      expect(batch.launchTemplate?.version).toBe('2');
      for (const name of ['vpc-cni', 'coredns', 'kube-proxy']) {
        expect((await c.describeAddon(name)).status).toBe('ACTIVE');
      }
    } finally {
      c.destroy();
    }
    const order = report.steps.filter((s) => s.action === 'cluster-version' || s.action === 'nodegroup-version').map((s) => `${s.resource} ${s.target}`);
    expect(order.filter((s) => s.startsWith('cluster/'))).toEqual(['cluster/demo 1.29 → 1.30', 'cluster/demo 1.30 → 1.31', 'cluster/demo 1.31 → 1.32', 'cluster/demo 1.32 → 1.33']);
    // Interleaved: each node group reaches each minor after the control plane and before the next control-plane step.
    for (const ng of ['general', 'batch']) {
      for (const [i, v] of ['1.30', '1.31', '1.32'].entries()) {
        const ngAt = order.findIndex((s) => s.startsWith(`nodegroup/${ng} `) && s.includes(`→ ${v}`));
        expect(ngAt).toBeGreaterThan(order.indexOf(`cluster/demo ${['1.29', '1.30', '1.31'][i]} → ${v}`));
        expect(ngAt).toBeLessThan(order.findIndex((s) => s.startsWith(`cluster/demo ${v} →`)));
      }
    }
    expect(report.steps.every((s) => s.outcome === 'Successful')).toBe(true);
    // One created update per step (nothing was sent twice), and EKS refused nothing.
    expect(created()).toHaveLength(report.steps.length);
    expect(rejected()).toEqual([]);
    expect(lines.some((l) => /phase \d+\/\d+: control plane to 1\.33/.test(l))).toBe(true);
    // INSIGHTS-PER-STEP: each control-plane step was checked when it was reached, for its own target.
    for (const v of ['1.30', '1.31', '1.32', '1.33']) {
      expect(lines.some((l) => l.includes('insights before control plane ') && l.includes(`→ ${v}`))).toBe(true);
    }
  });

  test('re-applying a converged spec makes zero mutating calls', async () => {
    await apply(demoSpec('1.31'));
    sim.simulator.clearCalls();
    const report = await apply(demoSpec('1.31'));
    expect(report.steps).toEqual([]);
    expect(mutating()).toEqual([]);
  });

  test('an apply stopped mid-wait, run again, attaches to the running update and starts no duplicate', async () => {
    // A control-plane update of 2 real seconds at this scale: the stop below lands while it runs however busy the
    // machine is (at the typical 10 minutes it would take 0.3 s, and a slow poll could see it end first).
    await restart({ controlPlaneSeconds: 4000 });
    const spec = demoSpec('1.31');
    const c = api();
    const planned = planSteps((await planOnly({ spec, api: c })).plan).length;
    c.destroy();
    const abort = new AbortController();
    const first = apply(spec, abort.signal);
    // Stop as soon as the control-plane update is running.
    while (!sim.simulator.calls().some((call) => call.operation === 'UpdateClusterVersion' && call.createdUpdate)) {
      await new Promise((r) => setTimeout(r, 2));
    }
    abort.abort(new InterruptedError('interrupted by test'));
    await expect(first).rejects.toThrow(/keeps running — the next apply waits for it/);
    const resumedLines: string[] = [];
    await apply(spec, undefined, resumedLines);
    expect(resumedLines.some((l) => /already running; waiting for it before planning/.test(l))).toBe(true);
    // Exactly the updates a single uninterrupted run makes: none was started twice.
    expect(created()).toHaveLength(planned);
    expect(created().filter((call) => call.operation === 'UpdateClusterVersion')).toHaveLength(2);
  });

  test('CUSTOM-AMI-SKEW: legacy goes up three minors in one apply, its custom-AMI launch template rolled after the last step', async () => {
    const spec = parseSpec({
      specVersion: 1,
      clusterName: 'legacy',
      controlPlane: { version: '1.32' },
      addons: [{ name: 'vpc-cni', version: 'latest' }, { name: 'coredns', version: 'clusterDefault' }, { name: 'kube-proxy', version: 'latest' }],
      nodegroups: [{ name: 'custom', launchTemplate: { name: 'demo-custom-lt', version: '2' } }, { name: 'al2' }],
    });
    await applyOnSim(sim, spec, SCALE);
    const client = simApi(sim, 'legacy');
    try {
      expect((await client.describeCluster()).version).toBe('1.32');
      const custom = await client.describeNodegroup('custom');
      expect(custom.launchTemplate?.version).toBe('2');
    } finally {
      client.destroy();
    }
    const order = created().filter((c) => c.operation === 'UpdateClusterVersion' || (c.operation === 'UpdateNodegroupVersion' && (c.resource ?? '').includes('custom')));
    expect(order.map((c) => c.operation)).toEqual(['UpdateClusterVersion', 'UpdateClusterVersion', 'UpdateClusterVersion', 'UpdateNodegroupVersion']);
    expect(rejected()).toEqual([]);
  });

  test('bad targets are refused before any mutating call', async () => {
    await expect(apply(demoSpec('1.33', { addons: [{ name: 'vpc-cni', version: 'v0.0.1-eksbuild.1' }] }))).rejects.toThrow(PlanError);
    await expect(apply(demoSpec('1.31', { nodegroups: [{ name: 'nope' }] }))).rejects.toThrow(/node group 'nope' does not exist/);
    expect(mutating()).toEqual([]);
  });

  test('plan makes no mutating call and lists the phases in order, each rule-driven step with its rule id', async () => {
    const c = api();
    try {
      const { text } = await planOnly({ spec: demoSpec('1.31'), api: c });
      expect(text).toMatch(/prepare for Kubernetes 1\.30[\s\S]*control plane to 1\.30[\s\S]*nodegroup\/general +nodegroup-version +1\.29 → 1\.30.*\[MNG-MATCH-CP\][\s\S]*control plane to 1\.31/);
      expect(text).toMatch(/addon\/vpc-cni .*\[VPCCNI-ONE-MINOR\]/);
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

  test('MNG-MATCH-CP: under skipLevelNodegroups EKS refuses a control-plane step over a node group left behind; the apply moves it and retries, starting nothing twice', async () => {
    // The spec targets general only: the untargeted batch is caught up too, as EKS names every node group behind.
    const lines: string[] = [];
    const report = await apply(demoSpec('1.31', { nodegroups: [general], policy: { maxConcurrentNodegroups: 2, skipLevelNodegroups: true } }), undefined, lines);
    const c = api();
    try {
      expect((await c.describeCluster()).version).toBe('1.31');
      expect((await c.describeNodegroup('general')).version).toBe('1.31');
    } finally {
      c.destroy();
    }
    // The plan leaves general on 1.29 across both control-plane steps (the opt-in); EKS refuses the second once.
    expect(rejected().map((r) => [r.operation, r.status])).toEqual([['UpdateClusterVersion', 400]]);
    expect(report.steps.filter((s) => s.rule === 'MNG-MATCH-CP').map((s) => [s.resource, s.target, s.outcome]).sort()).toEqual([
      ['nodegroup/batch', '1.29 → 1.30', 'Successful'],
      ['nodegroup/general', '1.29 → 1.30', 'Successful'],
    ]);
    expect(lines.some((l) => /EKS refused cluster-version 1\.30 → 1\.31 .*\[MNG-MATCH-CP\]; updating node group\(s\) (general, batch|batch, general) to 1\.30, then retrying/.test(l))).toBe(true);
    const c2 = api();
    try {
      // Untargeted: moved only as far as EKS demanded.
      expect((await c2.describeNodegroup('batch')).version).toBe('1.30');
    } finally {
      c2.destroy();
    }
    expect(created()).toHaveLength(report.steps.filter((s) => s.updateId !== undefined).length);
    expect(report.steps.every((s) => s.outcome === 'Successful' || s.outcome === 'already done')).toBe(true);
  });

  test('INSIGHTS-PER-STEP: an ERROR insight for the first step\'s version refuses the apply before any change', async () => {
    sim.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.30', name: 'Deprecated APIs removed in Kubernetes v1.30' });
    await expect(apply(demoSpec('1.31'))).rejects.toThrow(InputError);
    expect(mutating()).toEqual([]);
  });

  test('INSIGHTS-PER-STEP: an ERROR insight for a later step\'s version lets the earlier steps run and stops right before that step', async () => {
    sim.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.31', name: 'Deprecated APIs removed in Kubernetes v1.31' });
    const run = apply(demoSpec('1.31'));
    await expect(run).rejects.toThrow(UpdateFailedError);
    await expect(run).rejects.toThrow(/insight\(s\) in ERROR block control plane 1\.30 → 1\.31, so the run stops before it \(the earlier steps are done\):\n {2}- ERROR upgrade insight for 1\.31: Deprecated APIs removed in Kubernetes v1\.31/);
    const c = api();
    try {
      expect((await c.describeCluster()).version).toBe('1.30');
    } finally {
      c.destroy();
    }
    expect(created().filter((call) => call.operation === 'UpdateClusterVersion')).toHaveLength(1);
  });
});

describe('rollbacks against the simulator', () => {
  const HOUR = 3600 * 1000;
  /** Waits until the simulator has seen a matching call, or the run ends first (then the run's outcome is the answer). */
  async function untilCall(match: (call: ReturnType<typeof sim.simulator.calls>[number]) => boolean, run: Promise<unknown>): Promise<void> {
    let settled = false;
    run.then(() => { settled = true; }, () => { settled = true; });
    while (!settled && !sim.simulator.calls().some(match)) await new Promise((r) => setTimeout(r, 2));
  }
  /** demo on 1.30, upgraded from 1.29 an hour ago; general already back on 1.29; add-ons that run on 1.29 (kube-proxy not yet moved). */
  function upgradedSeed(updates: SimSeed['updates'] = []): SimSeed {
    const seed = defaultSeed();
    seed.clusters = seed.clusters.filter((c) => c.name === 'demo');
    seed.clusters[0].nodegroups = seed.clusters[0].nodegroups!.filter((n) => n.name === 'general');
    const now = sim.simulator.clock.now();
    Object.assign(seed.clusters[0], { version: '1.30', platformVersion: 'eks.20', previousVersion: '1.29', upgradedAt: new Date(now - HOUR).toISOString() });
    seed.clusters[0].nodegroups![0].version = '1.29';
    seed.clusters[0].addons = [
      { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' },
      { name: 'coredns', version: 'v1.11.3-eksbuild.1' },
      { name: 'kube-proxy', version: 'v1.29.0-eksbuild.1' },
    ];
    seed.updates = updates;
    return seed;
  }
  const rollbackSpec = (extra: Record<string, unknown> = {}) => demoSpec('1.29', {
    controlPlane: { version: '1.29', allowRollback: true, rollbackTimeoutMinutes: 120 },
    addons: [],
    nodegroups: [{ name: 'general' }],
    ...extra,
  });

  test('ROLLBACK-AUTO-MODE: plan over a rollback whose nodes roll back (cluster ACTIVE) names it and never says every target is met', async () => {
    const now = sim.simulator.clock.now();
    sim.simulator.seed(upgradedSeed([{
      id: 'rb-theirs',
      cluster: 'demo',
      type: 'VersionRollback',
      status: 'InProgress',
      params: [{ type: 'Version', value: '1.29' }],
      createdAt: new Date(now - 60_000).toISOString(),
      nodesPhaseEndsAt: new Date(now + 100 * HOUR).toISOString(),
      endsAt: new Date(now + 101 * HOUR).toISOString(),
      effect: { kind: 'clusterVersion', version: '1.29', platformVersion: 'eks.38', rollback: true },
    }]));
    const c = api();
    try {
      expect((await c.describeCluster()).status).toBe('ACTIVE');
      const { state, text } = await planOnly({ spec: demoSpec('1.30', { addons: [], nodegroups: [] }), api: c });
      expect(state.runningUpdates).toEqual([{ resource: { kind: 'cluster', name: 'demo' }, updateId: 'rb-theirs', type: 'VersionRollback', createdAt: expect.any(Date) }]);
      expect(text).not.toMatch(/every target is met/);
      expect(text).toMatch(/running now: update rb-theirs \(VersionRollback\) on cluster\/demo; apply waits for it first/);
    } finally {
      c.destroy();
    }
    // CANCEL-ROLLBACK-ONLY: an apply attaches to it and, interrupted, leaves it running.
    const abort = new AbortController();
    const seen = sim.simulator.calls().length;
    const run = apply(demoSpec('1.30', { addons: [], nodegroups: [] }), abort.signal);
    // The waiter's first poll comes after the reader's look at the history: two DescribeUpdate calls in this run.
    await untilCall((call) => call.seq > seen && call.operation === 'DescribeUpdate' && sim.simulator.calls().filter((x) => x.seq > seen && x.operation === 'DescribeUpdate').length >= 2, run);
    abort.abort(new InterruptedError('interrupted by test'));
    await expect(run).rejects.toThrow(/update rb-theirs \(VersionRollback\), found running when this run started, was still running when the run was interrupted; this run did not start it, so it leaves it running \(no CancelUpdate\)/);
    expect(sim.simulator.calls().filter((call) => call.operation === 'CancelUpdate')).toEqual([]);
  });

  test('CANCEL-ROLLBACK-ONLY: an apply interrupted during its own rollback cancels it and reports DescribeUpdate\'s cancellation', async () => {
    // Nodes roll back for 100 hours of EKS time: the interrupt always lands in the cancellable phase.
    await restart({ rollbackNodesSeconds: 360_000 });
    sim.simulator.seed(upgradedSeed());
    const abort = new AbortController();
    const report = newReport(rollbackSpec());
    const run = applyOnSim(sim, rollbackSpec(), SCALE, { signal: abort.signal, report });
    await untilCall((call) => call.operation === 'UpdateClusterVersion' && call.createdUpdate, run);
    abort.abort(new InterruptedError('interrupted by test'));
    await expect(run).rejects.toThrow(/cluster-version 1\.30 → 1\.29 \(rollback\) interrupted; CancelUpdate requested on [\w-]+ \(best effort\); DescribeUpdate now reads status (InProgress|Cancelled), cancellation (InProgress|Successful)/);
    const cancels = sim.simulator.calls().filter((call) => call.operation === 'CancelUpdate');
    expect(cancels).toHaveLength(1);
    expect(cancels[0].status).toBe(200);
    const step = report.steps.find((s) => s.action === 'cluster-version')!;
    expect(step.cancellation?.status).toMatch(/InProgress|Successful/);
    expect(step.outcome).not.toBe('Successful');
  });
});

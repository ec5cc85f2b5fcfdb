/**
 * The whole vertical as users run it: the example CDKTF app → synth → the real `terraform` binary →
 * the bundled handler (local-exec) → the simulator, through the AWS SDK. Each test gets a fresh simulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eFixture, SCALE, until } from './e2e-fixture';
import { synthDemo } from '../../examples/demo/main';
import { RunResult, synthesizedSpec, terraformUnavailable } from '../../scripts/rehearsal';
import { EksApi } from '../../src/aws/eks-api';
import { planSteps } from '../../src/engine/plan-types';
import { planOnly } from '../../src/engine/upgrade';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { progressProblems, redraws } from '../fixtures/progress-lines';

// Without terraform ≥ MIN_TERRAFORM the suite skips itself, and scripts/jest-e2e-banner.ts says so after jest's summary.
const suite = terraformUnavailable() === undefined ? describe : describe.skip;

const e2e = e2eFixture('eks-upgrade-e2e-');
const { terraform, mutating } = e2e;

function stack(options: Parameters<typeof synthDemo>[1] = {}): string {
  return synthDemo(join(e2e.work, 'cdktf.out'), { environment: { EKS_UPGRADE_TIME_SCALE: SCALE }, ...options });
}

async function init(dir: string): Promise<void> {
  const r = await terraform(dir, 'init');
  expect(r.output).toMatch(/Terraform has been successfully initialized/);
}

async function apply(dir: string): Promise<RunResult> {
  return terraform(dir, 'apply', '-auto-approve');
}

const created = () => e2e.sim.simulator.calls().filter((c) => c.createdUpdate);
const state = () => e2e.sim.simulator.state().clusters[0];

/** The pid of the handler that this test's terraform started (found by the simulator URL in its environment). */
function handlerPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('index.js\0apply')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`AWS_ENDPOINT_URL_EKS=${e2e.sim.url}\0`)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

suite('terraform apply through the local runner', () => {
  test('1.29 → 1.33 reaches every target, node groups interleaved with every control-plane minor, no request refused, progress lines in the log', async () => {
    const dir = stack();
    await init(dir);
    const r = await apply(dir);
    expect(r.output).toMatch(/Apply complete! Resources: 1 added/);
    expect(r.output).toMatch(/Summary for cluster demo: converged/);
    for (const minor of ['1.30', '1.31', '1.32', '1.33']) expect(r.output).toMatch(new RegExp(`phase \\d+/\\d+: control plane to ${minor.replace('.', '\\.')}`));
    const cluster = state();
    expect(cluster.version).toBe('1.33');
    expect(cluster.nodegroups!.find((n) => n.name === 'general')).toMatchObject({ version: '1.33', updateConfig: { maxUnavailable: 2 } });
    expect(cluster.nodegroups!.find((n) => n.name === 'batch')).toMatchObject({ version: '1.33', launchTemplate: { version: '2' } });
    expect(Object.fromEntries(cluster.addons!.map((a) => [a.name, a.version]))).toEqual({
      'vpc-cni': 'v1.19.2-eksbuild.1', // the newest offered for 1.33
      'coredns': 'v1.12.1-eksbuild.2', // the 1.33 default
      'kube-proxy': 'v1.33.0-eksbuild.2',
    });
    // Every call EKS would have refused shows in the call log with its error: there must be none.
    expect(e2e.sim.simulator.calls().filter((c) => c.mutating && c.status >= 400)).toEqual([]);
    // Node groups follow every minor: general and batch each roll once per control-plane step (MNG-MATCH-CP).
    const rolls = created().filter((c) => c.operation === 'UpdateNodegroupVersion');
    expect(rolls.map((c) => c.resource).sort()).toEqual([...Array(4).fill('nodegroup/demo/batch'), ...Array(4).fill('nodegroup/demo/general')]);
    // The handler reads the simulator's data plane from local-exec: terraform's log (no TTY) follows every roll and
    // rollout in paced lines of the documented shape, and nothing in it is redrawn in place.
    const desired = Object.fromEntries(cluster.nodegroups!.map((n) => [n.name, n.scalingConfig!.desiredSize]));
    expect(progressProblems(r.output, desired)).toEqual([]);
    expect(redraws(r.output)).toEqual([]);
  });

  test('applying again unchanged: no changes, zero mutating calls', async () => {
    const dir = stack();
    await init(dir);
    expect((await apply(dir)).code).toBe(0);
    e2e.sim.simulator.clearCalls();
    const again = await apply(dir);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(mutating()).toEqual([]);
  });

  test('changing one add-on target: plan shows the spec diff, apply issues only that update', async () => {
    // 1.32: the last minor for which EKS offers both v1.19.0 and the newest vpc-cni.
    const dir = stack({ version: '1.32', vpcCniVersion: 'v1.19.0-eksbuild.1' });
    await init(dir);
    expect((await apply(dir)).code).toBe(0);
    e2e.sim.simulator.clearCalls();
    stack({ version: '1.32', vpcCniVersion: 'latest' });
    const plan = await terraform(dir, 'plan');
    expect(plan.output).toMatch(/must be replaced/);
    expect(plan.output).toMatch(/"v1\.19\.0-eksbuild\.1" -> "latest"/);
    const r = await apply(dir);
    expect(r.code).toBe(0);
    expect(mutating().map((c) => `${c.operation} ${c.resource}`)).toEqual(['UpdateAddon addon/demo/vpc-cni']);
  });

  test('a handler killed mid-wait: the next apply converges and no update is started twice', async () => {
    // One update per step of an uninterrupted run: the plan's step count, read before anything runs.
    const uninterrupted = await plannedSteps();
    const dir = stack();
    await init(dir);
    const first = apply(dir);
    await until(() => created().some((c) => c.operation === 'UpdateClusterVersion'), 'the first control-plane update');
    const pid = handlerPid();
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    const killed = await first;
    expect(killed.code).not.toBe(0);
    const before = created().length;
    const resumed = await apply(dir);
    expect(resumed.code).toBe(0);
    // Whether the killed run's update was still running when the next apply looked depends on the machine's speed;
    // what must hold either way is read from the call log: the target reached, and no update started twice.
    expect(state().version).toBe('1.33');
    const ids = created().map((c) => c.updateId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(created()).toHaveLength(uninterrupted);
    expect(before).toBeGreaterThan(0);
  });

  test('an injected PodEvictionFailure fails the apply with EKS\'s text; once cleared, the next apply converges', async () => {
    e2e.sim.simulator.injectFault({
      kind: 'updateFailure',
      resource: 'nodegroup/demo/general',
      errorCode: 'PodEvictionFailure',
      errorMessage: 'Reached max retries while trying to evict pods from nodes in node group general',
    });
    const dir = stack();
    await init(dir);
    const failed = await apply(dir);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/PodEvictionFailure: Reached max retries while trying to evict pods from nodes in node group general/);
    expect(failed.output).toMatch(/remedy: .*force: true/);
    e2e.sim.simulator.clearFaults();
    const retried = await apply(dir);
    expect(retried.code).toBe(0);
    expect(state().nodegroups!.find((n) => n.name === 'general')!.version).toBe('1.33');
  });
});

/** How many updates the demo spec's plan makes against the simulator as it is now (no change made). */
async function plannedSteps(): Promise<number> {
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: e2e.sim.url, ssm: e2e.sim.url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const { plan } = await planOnly({ spec: parseSpec(synthesizedSpec(stack())), api });
    return planSteps(plan).length;
  } finally {
    api.destroy();
  }
}

/**
 * The whole vertical as users run it: the example CDKTF app → synth → the real `terraform` binary →
 * the bundled handler (local-exec) → the simulator, through the AWS SDK. Each test gets a fresh simulator.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthDemo } from '../../examples/demo/main';
import { hasTerraform, run, RunResult, simulatorEnv } from '../../scripts/rehearsal';
import { RunningSimulator, startSimulator } from '../../src/simulator';

const SCALE = '600';
const terraformFound = hasTerraform();
if (!terraformFound) {
  // eslint-disable-next-line no-console
  console.warn('\n*** SKIPPED: terraform is not on PATH, so the end-to-end tests did not run. Install terraform ≥ 1.4 to run them. ***\n');
}
const suite = terraformFound ? describe : describe.skip;

let sim: RunningSimulator;
let work: string;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: Number(SCALE) });
  work = mkdtempSync(join(tmpdir(), 'eks-upgrade-e2e-'));
});
afterEach(async () => {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
});

function stack(options: Parameters<typeof synthDemo>[1] = {}): string {
  return synthDemo(join(work, 'cdktf.out'), { environment: { EKS_UPGRADE_TIME_SCALE: SCALE }, ...options });
}

const env = () => simulatorEnv(sim.url);

async function terraform(dir: string, ...args: string[]): Promise<RunResult> {
  return run('terraform', [...args, '-input=false', '-no-color'], { cwd: dir, env: env() });
}

async function init(dir: string): Promise<void> {
  const r = await terraform(dir, 'init');
  expect(r.output).toMatch(/Terraform has been successfully initialized/);
}

async function apply(dir: string): Promise<RunResult> {
  return terraform(dir, 'apply', '-auto-approve');
}

const mutating = () => sim.simulator.calls().filter((c) => c.mutating);
const created = () => sim.simulator.calls().filter((c) => c.createdUpdate);
const state = () => sim.simulator.state().clusters[0];

/** The pid of the handler that this test's terraform started (found by the simulator URL in its environment). */
function handlerPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('index.js\0apply')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`AWS_ENDPOINT_URL_EKS=${sim.url}\0`)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

suite('terraform apply through the local runner', () => {
  test('1.29 → 1.31 reaches every target', async () => {
    const dir = stack();
    await init(dir);
    const r = await apply(dir);
    expect(r.output).toMatch(/Apply complete! Resources: 1 added/);
    expect(r.output).toMatch(/Summary for cluster demo: converged/);
    expect(r.output).toMatch(/phase \d+\/\d+: control plane to 1\.31/);
    const cluster = state();
    expect(cluster.version).toBe('1.31');
    expect(cluster.nodegroups!.find((n) => n.name === 'general')).toMatchObject({ version: '1.31', updateConfig: { maxUnavailable: 2 } });
    expect(cluster.nodegroups!.find((n) => n.name === 'custom')!.launchTemplate!.version).toBe('2');
    expect(Object.fromEntries(cluster.addons!.map((a) => [a.name, a.version]))).toEqual({
      'vpc-cni': 'v1.19.2-eksbuild.1', // the newest offered for 1.31
      'coredns': 'v1.11.3-eksbuild.1', // the 1.31 default
      'kube-proxy': 'v1.31.3-eksbuild.2',
    });
  });

  test('applying again unchanged: no changes, zero mutating calls', async () => {
    const dir = stack();
    await init(dir);
    expect((await apply(dir)).code).toBe(0);
    sim.simulator.clearCalls();
    const again = await apply(dir);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(mutating()).toEqual([]);
  });

  test('changing one add-on target: plan shows the spec diff, apply issues only that update', async () => {
    const dir = stack({ vpcCniVersion: 'v1.19.0-eksbuild.1' });
    await init(dir);
    expect((await apply(dir)).code).toBe(0);
    sim.simulator.clearCalls();
    stack({ vpcCniVersion: 'latest' });
    const plan = await terraform(dir, 'plan');
    expect(plan.output).toMatch(/must be replaced/);
    expect(plan.output).toMatch(/"v1\.19\.0-eksbuild\.1" -> "latest"/);
    const r = await apply(dir);
    expect(r.code).toBe(0);
    expect(mutating().map((c) => `${c.operation} ${c.resource}`)).toEqual(['UpdateAddon addon/demo/vpc-cni']);
  });

  test('a handler killed mid-wait: the next apply converges and no update is started twice', async () => {
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
    expect(resumed.output).toMatch(/already running; waiting for it before planning/);
    expect(state().version).toBe('1.31');
    // Every update created once: one per step of an uninterrupted run (9 for this spec), none repeated.
    const ids = created().map((c) => c.updateId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(created()).toHaveLength(9);
    expect(before).toBeGreaterThan(0);
  });

  test('an injected PodEvictionFailure fails the apply with EKS\'s text; once cleared, the next apply converges', async () => {
    sim.simulator.injectFault({
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
    sim.simulator.clearFaults();
    const retried = await apply(dir);
    expect(retried.code).toBe(0);
    expect(state().nodegroups!.find((n) => n.name === 'general')!.version).toBe('1.31');
  });
});

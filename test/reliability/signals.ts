/**
 * Stopping through a wrapper: the bundled CLI run the way users and CI run it — under `npx` (npm exec → sh → node)
 * and under terraform's local-exec (terraform → sh → node) — and the wrapper stopped right after the CLI's first
 * update call reached the simulator. Neither wrapper passes the signal on, so the CLI learns of it only by watching
 * its wrappers (src/cli/parent-watch.ts). It must start no update after the signal, leave the running one running,
 * write a report saying "interrupted" that names it (under npx; terraform kills its local-exec process when
 * interrupted, so there a report is checked only when one was written), and the next apply must converge without
 * repeating it.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInvariants } from './checks';
import { ADDON, CliResult, demoSeed, Lane, lastSeq, reportedIds, runCli, smallSpec, withLane } from './harness';
import { createdIds } from './invariants';
import { Scenario, Verdict } from './tally';
import { HANDLER, ROOT, simulatorEnv, terraformUnavailable } from '../../scripts/rehearsal';
import type { RunReport } from '../../src/engine/run-report';

/**
 * vpc-cni three minors up on 1.29: three add-on updates one after the other, each two minutes of EKS time. At 30×
 * one takes 4 s of real time, so the signal, sent right after the first one started, lands long before the run
 * could start the second one: any later mutating call is the CLI ignoring the signal, not a race.
 */
const SCALE = 30;
const spec = () => smallSpec({ addons: [{ name: ADDON.name, version: 'v1.19.2-eksbuild.1' }] });
const PLANNED = 3;
/** Generous: the stopped CLI needs a poll of its wrappers (0.2 s) and a moment to write its report. */
const STOP_BOUND_MS = 60_000;

interface Wrapped {
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** How each wrapper starts the CLI (args after `apply`), in `dir`. */
type Wrapper = (cliArgs: string[], dir: string, env: NodeJS.ProcessEnv) => Wrapped;

function started(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Wrapped {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => { text += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { text += d.toString(); });
  return { child, output: () => text };
}

/** `npx eks-upgrade apply …` in the checkout, as the README says: npm exec runs it through `sh -c`. */
const npx: Wrapper = (cliArgs, _dir, env) => started('npx', ['eks-upgrade', 'apply', ...cliArgs], ROOT, { ...env, npm_config_update_notifier: 'false' });

/** `terraform apply` of one terraform_data whose local-exec runs the CLI, as UpgradeRunner.local() renders it. */
const terraform: Wrapper = (cliArgs, dir, env) => {
  const command = ['node', HANDLER, 'apply', ...cliArgs].map((a) => `'${a}'`).join(' ');
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: { upgrade: { provisioner: { 'local-exec': { command } } } } } }));
  const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
  return started('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], dir, env);
};

/**
 * The report the stopped CLI writes last, once it holds JSON; undefined when none came within the bound, or when the
 * wrapper had exited a few seconds before without one.
 */
async function reportWhenWritten(file: string, wrapped: Wrapped): Promise<RunReport | undefined> {
  const until = Date.now() + STOP_BOUND_MS;
  let exitedAt: number | undefined;
  wrapped.child.once('exit', () => { exitedAt = Date.now(); });
  while (Date.now() < until && (exitedAt === undefined || Date.now() - exitedAt < 3000)) {
    // The CLI checks the path at start by opening it (and removes the empty file it made), so wait for content.
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.trim().endsWith('}')) return JSON.parse(text) as RunReport;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

async function stopWrapper(v: Verdict, lane: Lane, wrapper: Wrapper, signal: NodeJS.Signals, reportRequired: boolean): Promise<CliResult | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-signals-'));
  try {
    const specFile = join(dir, 'spec.json');
    const reportFile = join(dir, 'report.json');
    writeFileSync(specFile, JSON.stringify(spec()));
    const from = lastSeq(lane.sim);
    let signalledAt: number | undefined;
    let wrapped: Wrapped | undefined;
    lane.onCall = (call) => {
      if (signalledAt !== undefined || !call.createdUpdate || !wrapped) return;
      signalledAt = call.seq;
      wrapped.child.kill(signal);
    };
    wrapped = wrapper(['--spec', specFile, '--report', reportFile, '--time-scale', String(SCALE)], dir, simulatorEnv(lane.url));
    const report = await reportWhenWritten(reportFile, wrapped);
    lane.onCall = undefined;
    const calls = lane.sim.calls().filter((c) => c.seq > from);
    const after = calls.filter((c) => signalledAt !== undefined && c.seq > signalledAt && c.mutating);
    const [first] = createdIds(calls);
    v.context = `${signal} to the wrapper after call #${signalledAt ?? 'none'}`;
    v.check(signalledAt !== undefined, () => `no update was started, so no signal was sent:\n${wrapped!.output()}`);
    v.check(after.length === 0, () => `${after.length} mutating call(s) after the signal: ${after.map((c) => `#${c.seq} ${c.operation}`).join(', ')}`);
    // Terraform kills its local-exec process when interrupted, at a moment of its choosing, so a report from there is
    // not guaranteed; what is, is that nothing starts after the signal and the next apply resumes (checked after).
    if (reportRequired || report !== undefined) {
      v.check(report !== undefined, () => `the CLI wrote no report within ${STOP_BOUND_MS / 1000} s of the signal:\n${wrapped!.output()}`);
      v.check(report?.outcome === 'interrupted', () => `the report's outcome is ${report?.outcome}, expected interrupted`);
      v.check(report?.steps.some((s) => s.updateId === first && s.outcome === 'running') === true, () => `the report does not list ${first} as still running`);
    }
    return { code: null, signal, stdout: wrapped.output(), stderr: '', report, calls };
  } finally {
    lane.onCall = undefined;
    rmSync(dir, { recursive: true, force: true });
  }
}

function scenario(name: string, wrapper: Wrapper, signal: NodeJS.Signals, unavailable: () => string | undefined = () => undefined): Scenario {
  return {
    name,
    expect: 'converge',
    run: async (v) => {
      const missing = unavailable();
      if (missing) throw new Error(missing);
      await withLane(demoSeed(), { scale: SCALE }, async (lane) => {
        const stopped = await stopWrapper(v, lane, wrapper, signal, wrapper !== terraform);
        const rerun = await runCli(lane, spec(), { scale: SCALE });
        v.check(rerun.code === 0, () => `the next apply exited ${rerun.code}: ${rerun.stderr}`);
        v.converged = rerun.code === 0;
        const created = createdIds(lane.sim.calls()).length;
        v.check(created === PLANNED, `${created} updates were created for ${PLANNED} changes`);
        // A stopped run that could write no report (terraform killed it) has its update named by the next apply, which
        // attached to it.
        const runs = [stopped ? { ...stopped, report: stopped.report ?? rerun.report } : undefined, rerun];
        checkInvariants(v, lane.sim, runs.flatMap((r) => (r ? [{ calls: r.calls, reported: reportedIds(r.report) }] : [])));
      });
    },
  };
}

export function stoppedWrappers(): Scenario[] {
  return [
    scenario('npx wrapper killed by SIGTERM mid-apply: no update after it, the next apply resumes', npx, 'SIGTERM'),
    scenario('npx wrapper killed by SIGKILL mid-apply: no update after it, the next apply resumes', npx, 'SIGKILL'),
    scenario('terraform interrupted (SIGINT) during local-exec: no update after it, the next apply resumes', terraform, 'SIGINT', () => terraformUnavailable()),
  ];
}

/**
 * Concurrency: applies of the same spec at the same time. Both end successfully (one attaches to the
 * other's updates) and EKS sees exactly one update per change.
 */
import { ChildProcess } from 'node:child_process';
import { checkConverged, checkInvariants } from './checks';
import {
  applyInProcess, CliResult, demoSeed, demoSpec, Lane, reportedIds, runCli, RunResult, scaledWorld, SpecJson, steppedWorld, withLane,
} from './harness';
import { createdIds } from './invariants';
import { Scenario, Verdict } from './tally';
import { planSteps } from '../../src/engine/plan-types';
import { planOnly } from '../../src/engine/upgrade';
import type { SimSeed } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

/** How many updates one undisturbed apply makes: one per planned step. */
export async function plannedUpdates(spec: SpecJson, seed: SimSeed): Promise<number> {
  const w = steppedWorld(seed);
  const api = w.api();
  try {
    return planSteps((await planOnly({ spec: parseSpec(spec), api })).plan).length;
  } finally {
    api.destroy();
  }
}

function checkOnePerChange(v: Verdict, created: string[], planned: number): void {
  v.check(created.length === planned, `EKS saw ${created.length} updates for ${planned} changes`);
}

const cliRun = (r: CliResult) => ({ calls: r.calls, reported: reportedIds(r.report) });

/**
 * Both CLI applies succeeded, the cluster converged, EKS saw one update per change, and every update was reported.
 * `unreportable`: updates a SIGKILLed run may have started, which no report can name when the other runs found them
 * already finished; the invariant that every started update is reported holds for the runs that could report.
 */
async function checkBothCliRuns(
  v: Verdict, lane: Lane, spec: SpecJson, seed: SimSeed, planned: number, a: CliResult, b: CliResult, unreportable: readonly string[] = [],
): Promise<void> {
  v.check(a.code === 0 && b.code === 0, () => `exit codes ${a.code} and ${b.code}:\n${a.stderr}\n${b.stderr}`);
  v.converged = await checkConverged(v, lane.sim, { end: a.code === 0 && b.code === 0 ? 'converged' : 'failed' }, spec, seed);
  checkOnePerChange(v, createdIds(lane.sim.calls()), planned);
  const reported = new Set([...reportedIds(a.report), ...reportedIds(b.report), ...unreportable]);
  checkInvariants(v, lane.sim, [cliRun(a), cliRun(b)].map((r) => ({ ...r, reported })));
}
const inProcessRun = (r: RunResult) => ({ calls: r.calls, reported: reportedIds(r.report) });

export function concurrentApplies(): Scenario[] {
  return [
    {
      name: 'two CLI applies of the same spec at once (1.29 → 1.31)',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.31');
        const planned = await plannedUpdates(spec, seed);
        await withLane(seed, {}, async (lane) => {
          const [a, b] = await Promise.all([runCli(lane, spec), runCli(lane, spec)]);
          await checkBothCliRuns(v, lane, spec, seed, planned, a, b);
        });
      },
    },
    {
      name: 'a second CLI apply joins while the first waits for the control plane (1.29 → 1.31)',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.31');
        const planned = await plannedUpdates(spec, seed);
        // A slower clock, so that the second process starts while the first control-plane update still runs.
        const scale = 1000;
        await withLane(seed, { scale }, async (lane) => {
          let join: () => void = () => undefined;
          const joined = new Promise<void>((resolve) => { join = resolve; });
          lane.onCall = (call) => {
            if (call.createdUpdate && call.operation === 'UpdateClusterVersion') join();
          };
          const first = runCli(lane, spec, { scale });
          await Promise.race([joined, first]);
          const [a, b] = await Promise.all([first, runCli(lane, spec, { scale })]);
          await checkBothCliRuns(v, lane, spec, seed, planned, a, b);
        });
      },
    },
    {
      name: 'two CLI applies at once, one SIGKILLed mid-run and restarted: the survivor and the restart both exit 0 (1.29 → 1.31)',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.31');
        const planned = await plannedUpdates(spec, seed);
        const scale = 1000;
        await withLane(seed, { scale }, async (lane) => {
          let victim: ChildProcess | undefined;
          let created = 0;
          let killedAt = Infinity;
          lane.onCall = (call) => {
            if (call.createdUpdate && ++created === 3) {
              killedAt = call.seq;
              victim?.kill('SIGKILL');
            }
          };
          const survivor = runCli(lane, spec, { scale });
          const killed = await runCli(lane, spec, { scale, started: (c) => { victim = c; } });
          lane.onCall = undefined;
          v.check(killed.signal === 'SIGKILL', `the second apply was not killed (exit ${killed.code})`);
          const [a, b] = await Promise.all([survivor, runCli(lane, spec, { scale })]);
          // Either run may have started the updates created up to the kill; the killed one can report none of them.
          const beforeKill = createdIds(lane.sim.calls().filter((c) => c.seq <= killedAt));
          await checkBothCliRuns(v, lane, spec, seed, planned, a, b, beforeKill);
        });
      },
    },
    {
      name: 'two in-process applies with separate clients at once (1.29 → 1.33)',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.33');
        const planned = await plannedUpdates(spec, seed);
        const w = scaledWorld(seed);
        const [a, b] = await Promise.all([applyInProcess(w, spec), applyInProcess(w, spec)]);
        v.check(a.end === 'converged' && b.end === 'converged', () => `the applies ended ${a.end} (${a.error?.message}) and ${b.end} (${b.error?.message})`);
        v.converged = await checkConverged(v, w.sim, a.end === 'converged' ? b : a, spec, seed);
        checkOnePerChange(v, createdIds(w.sim.calls()), planned);
        const reported = new Set([...reportedIds(a.report), ...reportedIds(b.report)]);
        checkInvariants(v, w.sim, [inProcessRun(a), inProcessRun(b)].map((r) => ({ ...r, reported })));
      },
    },
    {
      name: 'two in-process applies at once, one of them waiting on a slow ListUpdates answer (1.29 → 1.30)',
      expect: 'converge',
      run: async (v) => {
        const seed = demoSeed();
        const spec = demoSpec('1.30');
        const planned = await plannedUpdates(spec, seed);
        const w = scaledWorld(seed);
        // The first ListUpdates (the update history one run reads to derive its token) takes 0.2 s of real
        // time, 1000 s of EKS time: the other run's update starts and finishes meanwhile.
        w.sim.injectFault({ kind: 'latency', operation: 'ListUpdates', ms: 200, count: 1 });
        const [a, b] = await Promise.all([applyInProcess(w, spec), applyInProcess(w, spec)]);
        v.check(w.sim.faults().length === 0, 'the slow answer never happened');
        v.check(a.end === 'converged' && b.end === 'converged', () => `the applies ended ${a.end} (${a.error?.message}) and ${b.end} (${b.error?.message})`);
        v.converged = await checkConverged(v, w.sim, a.end === 'converged' ? b : a, spec, seed);
        checkOnePerChange(v, createdIds(w.sim.calls()), planned);
        const reported = new Set([...reportedIds(a.report), ...reportedIds(b.report)]);
        checkInvariants(v, w.sim, [inProcessRun(a), inProcessRun(b)].map((r) => ({ ...r, reported })));
      },
    },
  ];
}

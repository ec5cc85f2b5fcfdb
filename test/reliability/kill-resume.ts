/**
 * Kill and resume: the bundled CLI applies 1.29 → 1.33 against an in-process simulator server and is
 * SIGKILLed at a seeded random point of its progress through the call log: right after its k-th update
 * call reached the simulator (the update exists, the CLI never saw its id), or at the first call past a
 * given share of the EKS time an undisturbed apply takes (mostly mid-wait). Then it is run again until it
 * converges. Every kill must converge on the next run, to the same cluster an uninterrupted apply leaves,
 * with no update made twice.
 */
import { ChildProcess } from 'node:child_process';
import { checkInvariants } from './checks';
import { assertBundle, CliResult, demoSeed, demoSpec, Lane, reportedIds, runCli, seededRandom, startLane, touchesUpdates } from './harness';
import { createdIds, stateDifferences, targetState } from './invariants';
import { Scenario } from './tally';

export const KILLS = 50;
export const KILL_SEED = 20250602;
/** Simulator servers serving kills side by side (each one kill at a time, reset in between). */
const LANES = 3;
const MAX_RESUMES = 3;

const seed = () => demoSeed();
const spec = () => demoSpec('1.33');

interface Baseline {
  /** Simulated milliseconds from the first call to the end of the last update. */
  readonly duration: number;
  readonly mutating: number;
  readonly created: number;
  readonly end: Record<string, unknown>;
}

interface KillPoint {
  /** After the k-th update call, or at the first call past a share of the undisturbed run's EKS time. */
  readonly by: 'update call' | 'EKS time';
  /** Where in [0, 1) of the undisturbed run the kill lands. */
  readonly at: number;
}

/** The seeded kill points: alternately by update call and by EKS time. */
export function killPoints(): KillPoint[] {
  const random = seededRandom(KILL_SEED);
  return Array.from({ length: KILLS }, (_, i) => ({ by: i % 2 === 0 ? 'update call' : 'EKS time', at: random() }));
}

/** Lanes and the undisturbed run, shared by the kill scenarios and created on first use. */
class KillBench {
  private lanes?: Promise<{ free: Lane[]; baseline: Baseline }>;
  private waiting: Array<(lane: Lane) => void> = [];

  async setup(): Promise<{ free: Lane[]; baseline: Baseline }> {
    this.lanes ??= (async () => {
      assertBundle();
      const free = await Promise.all(Array.from({ length: LANES }, () => startLane(seed())));
      const run = await runCli(free[0], spec());
      if (run.code !== 0) throw new Error(`the undisturbed apply failed (${run.code}):\n${run.stderr}`);
      const calls = free[0].sim.calls();
      return {
        free,
        baseline: {
          duration: Math.max(...(free[0].sim.state().updates ?? []).map((u) => Date.parse(u.endsAt))) - calls[0].time,
          mutating: calls.filter((c) => c.mutating).length,
          created: createdIds(calls).length,
          end: targetState(free[0].sim.state()),
        },
      };
    })();
    return this.lanes;
  }

  async take(): Promise<{ lane: Lane; baseline: Baseline }> {
    const { free, baseline } = await this.setup();
    const lane = free.pop() ?? await new Promise<Lane>((resolve) => this.waiting.push(resolve));
    lane.sim.reset();
    return { lane, baseline };
  }

  give(lane: Lane): void {
    lane.onCall = undefined;
    const next = this.waiting.shift();
    if (next) next(lane);
    else void this.setup().then(({ free }) => free.push(lane));
  }

  async close(): Promise<void> {
    if (!this.lanes) return;
    const { free } = await this.lanes;
    await Promise.all(free.map((l) => l.close()));
  }
}

export const killBench = new KillBench();

export function killAndResume(): Scenario[] {
  return killPoints().map((point, i): Scenario => ({
    name: `kill #${String(i + 1).padStart(2, '0')}: SIGKILL ${point.by === 'update call' ? 'right after an update call' : 'mid-run'} at ${(point.at * 100).toFixed(0)} % of the ${point.by === 'update call' ? 'update calls' : 'EKS time'}, then resume`,
    expect: 'converge',
    run: async (v) => {
      const { lane, baseline } = await killBench.take();
      try {
        // The update calls are the same in every run. The EKS time until the last update ends is mostly
        // the updates' own durations, but the engine's reaction time adds to it and varies with the
        // machine's load, so time-based points stay within 85 % of it.
        const k = 1 + Math.floor(point.at * baseline.mutating);
        const after = point.at * 0.85 * baseline.duration;
        const where = point.by === 'update call' ? `update call ${k} of ${baseline.mutating}` : `${Math.round(after / 1000)} s of ${Math.round(baseline.duration / 1000)} s EKS time`;
        let child: ChildProcess | undefined;
        let start: number | undefined;
        let seen = 0;
        let createdSoFar = 0;
        let killedAfter: string | undefined;
        lane.onCall = (call) => {
          if (killedAfter !== undefined || child === undefined) return;
          start ??= call.time;
          if (call.mutating) seen++;
          if (call.createdUpdate) createdSoFar++;
          // The baseline's EKS time depends on how loaded the machine was when it ran, so a time-based point may lie
          // past the end of a faster run: once the run has sent its last update, the next call (a poll of that
          // update) is the kill point instead, so every kill lands while the apply still runs.
          if (point.by === 'update call' ? seen >= k : call.time - start >= after || (createdSoFar >= baseline.created && !call.mutating)) {
            killedAfter = `#${call.seq} ${call.operation} ${call.resource ?? ''}${call.createdUpdate ? ` (started ${call.updateId})` : ''}`;
            child.kill('SIGKILL');
            // At real speed the next run reads the cluster in a second or two, while updates take
            // minutes; here that second would be hours of EKS time. So EKS time stands still until the
            // next run asks about updates or changes something: it finds the world as the kill left it.
            lane.pause(touchesUpdates);
          }
        };
        const killed = await runCli(lane, spec(), { started: (c) => { child = c; } });
        lane.onCall = undefined;
        v.context = `${where}: killed after ${killedAfter ?? 'nothing'}`;
        v.check(killed.signal === 'SIGKILL', () => `the apply was not killed (${v.context}); it exited ${killed.code}`);

        const resumed: CliResult[] = [];
        while (resumed.length < MAX_RESUMES && resumed.at(-1)?.code !== 0) resumed.push(await runCli(lane, spec()));
        v.check(resumed[0].code === 0, () => `the first run after the kill exited ${resumed[0].code} (${v.context}):\n${resumed[0].stderr}${resumed[0].stdout.slice(-2000)}`);
        v.converged = resumed.at(-1)!.code === 0;
        v.addAll(stateDifferences(targetState(lane.sim.state()), baseline.end).map((d) => `after the resume (${v.context}): ${d}`));
        const created = createdIds(lane.sim.calls()).length;
        v.check(created === baseline.created, `${created} updates were created, an uninterrupted apply creates ${baseline.created} (${v.context})`);
        checkInvariants(v, lane.sim, resumed.map((r) => ({ calls: r.calls, reported: reportedIds(r.report) })));
      } finally {
        killBench.give(lane);
      }
    },
  }));
}

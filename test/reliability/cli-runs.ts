/**
 * The same faults through the bundled CLI, for what only a process shows: the exit code, what a user
 * reads on the terminal, the --report file, and SIGTERM.
 */
import { ChildProcess } from 'node:child_process';
import { checkInvariants } from './checks';
import {
  cancellationProblems, clusterOf, clusterSpec, controlPlaneOnlySeed, demoSeed, EXIT_CODES, Lane, nodegroupSpec, reportedIds, rollbackSpec, rolledForwardSeed, runCli,
  SLOW_ROLLBACK, SpecJson, startLane, withLane,
} from './harness';
import { createdIds, stateDifferences, targetState } from './invariants';
import { Scenario, Verdict } from './tally';
import type { SimSeed } from '../../src/simulator';

/** The next apply converges to what an undisturbed apply leaves (run on a fresh simulator for comparison). */
async function checkRerunConverges(v: Verdict, lane: Lane, spec: SpecJson, seed: SimSeed, options: Parameters<typeof startLane>[1] = {}) {
  const rerun = await runCli(lane, spec, options?.scale ? { scale: options.scale } : {});
  v.check(rerun.code === 0, () => `the next apply exited ${rerun.code}: ${rerun.stderr}`);
  let expected: Record<string, unknown> = {};
  await withLane(seed, options, async (fresh) => {
    const r = await runCli(fresh, spec, options?.scale ? { scale: options.scale } : {});
    if (r.code !== 0) throw new Error(`the undisturbed apply exited ${r.code}: ${r.stderr}`);
    expected = targetState(fresh.sim.state());
  });
  v.addAll(stateDifferences(targetState(lane.sim.state()), expected).map((d) => `after the next apply: ${d}`));
  return rerun;
}

export function cliRuns(): Scenario[] {
  return [
    {
      name: 'PodEvictionFailure through the CLI: exit 1, EKS\'s text, the update id and the remedy',
      expect: 'fail',
      run: async (v) => {
        const seed = demoSeed();
        const spec = nodegroupSpec();
        await withLane(seed, {}, async (lane) => {
          lane.sim.injectFault({ kind: 'updateFailure', resource: 'nodegroup/demo/general', errorCode: 'PodEvictionFailure' });
          const run = await runCli(lane, spec);
          const failed = (lane.sim.state().updates ?? []).find((u) => u.status === 'Failed');
          const output = run.stdout + run.stderr;
          v.check(run.code === EXIT_CODES.failed, `exit code ${run.code}, expected ${EXIT_CODES.failed}`);
          v.check(failed !== undefined, 'no update ended Failed');
          if (failed) {
            v.check(output.includes(`PodEvictionFailure: ${failed.errors![0].errorMessage}`), `the output lacks EKS's error: ${output}`);
            v.check(run.stderr.includes(failed.id), `stderr does not name update ${failed.id}: ${run.stderr}`);
            v.check(run.report?.steps.some((s) => s.updateId === failed.id && s.outcome === 'Failed') === true, 'the report does not list the Failed update');
          }
          v.check(/force: true/.test(run.stderr), `stderr does not give the force remedy: ${run.stderr}`);
          v.check(run.report?.outcome === 'failed', `the report's outcome is ${run.report?.outcome}`);
          v.converged = run.code === 0;
          lane.sim.clearFaults();
          const rerun = await checkRerunConverges(v, lane, spec, seed);
          checkInvariants(v, lane.sim, [run, rerun].map((r) => ({ calls: r.calls, reported: reportedIds(r.report) })));
        });
      },
    },
    {
      name: 'rollback past its timeout through the CLI: exit 3 and what DescribeUpdate says of the cancellation',
      expect: 'fail',
      run: async (v) => {
        const seed = rolledForwardSeed(new Date(Date.now() - 3_600_000).toISOString());
        const spec = rollbackSpec();
        await withLane(seed, { durations: { ...SLOW_ROLLBACK, rollbackNodesSeconds: 1_000_000 } }, async (lane) => {
          const run = await runCli(lane, spec);
          const rollbackId = (lane.sim.state().updates ?? []).find((u) => u.type === 'VersionRollback')?.id;
          v.check(run.code === EXIT_CODES['timed out'], `exit code ${run.code}, expected ${EXIT_CODES['timed out']}: ${run.stderr}`);
          v.check(rollbackId !== undefined, 'no VersionRollback was started');
          if (rollbackId) {
            v.addAll(cancellationProblems(run.stderr, rollbackId));
            v.check(run.report?.steps.some((s) => s.updateId === rollbackId) === true, `the --report file does not list ${rollbackId}`);
          }
          // The cancellation settles asynchronously, in EKS time (SLOW_ROLLBACK.cancelSeconds); the nodes would
          // roll back for days, so whenever it settles it must stop them.
          const until = lane.clock.now() + 10 * 60 * 1000;
          const cancellation = () => (lane.sim.state().updates ?? []).find((u) => u.id === rollbackId)?.cancellation?.status;
          while (cancellation() === 'InProgress' && lane.clock.now() < until) await new Promise((r) => setTimeout(r, 5));
          const rollback = (lane.sim.state().updates ?? []).find((u) => u.id === rollbackId);
          v.check(rollback?.status === 'Cancelled' && rollback.cancellation?.status === 'Successful',
            () => `the rollback is ${rollback?.status ?? 'missing'} (cancellation ${JSON.stringify(rollback?.cancellation)}), expected Cancelled with cancellation Successful`);
          v.check(clusterOf(lane.sim.state()).version === '1.30', 'the cancelled rollback changed the version');
          v.converged = run.code === 0;
          checkInvariants(v, lane.sim, [{ calls: run.calls, reported: reportedIds(run.report) }]);
        });
      },
    },
    {
      name: 'SIGTERM mid-wait: exit 3, "interrupted", naming the update that keeps running; the next apply attaches to it',
      expect: 'fail',
      run: async (v) => {
        const seed = controlPlaneOnlySeed();
        const spec = clusterSpec();
        // Slow enough that the control-plane update is still running when the next apply starts, however busy the
        // machine: at this scale its 10 minutes take 10 real seconds, against the few a stop and a new process need.
        const options = { scale: 60 };
        await withLane(seed, options, async (lane) => {
          let child: ChildProcess | undefined;
          let polls = 0;
          lane.onCall = (call) => {
            if (call.operation === 'DescribeUpdate' && ++polls === 2) child?.kill('SIGTERM');
          };
          const run = await runCli(lane, spec, { scale: options.scale, started: (c) => { child = c; } });
          lane.onCall = undefined;
          const [id] = createdIds(run.calls);
          v.check(run.code === EXIT_CODES['timed out'], `exit code ${run.code}, expected ${EXIT_CODES['timed out']}: ${run.stderr}`);
          v.check(id !== undefined && run.stderr.includes(id) && /keeps running/.test(run.stderr), `stderr does not name the running update ${id}: ${run.stderr}`);
          v.check(run.report?.steps.some((s) => s.updateId === id && s.outcome === 'running') === true, `the report does not list ${id} as running`);
          v.check(run.report?.outcome === 'interrupted' && /Summary for cluster demo: interrupted/.test(run.stdout), () => `the report (${run.report?.outcome}) or the summary does not say interrupted:\n${run.stdout.slice(-600)}`);
          v.check(/interrupted: 1 update\(s\) keep running in EKS[\s\S]*the next apply \(the same command\) waits for them/.test(run.stderr), () => `stderr does not say what keeps running and how to resume: ${run.stderr}`);
          v.converged = run.code === 0;
          const rerun = await checkRerunConverges(v, lane, spec, seed, options);
          v.check(rerun.report?.attached.some((a) => a.updateId === id) === true, `the next apply did not attach to ${id}`);
          v.check(createdIds(lane.sim.calls()).length === 1, `${createdIds(lane.sim.calls()).length} updates for one change`);
          checkInvariants(v, lane.sim, [run, rerun].map((r) => ({ calls: r.calls, reported: reportedIds(r.report) })));
        });
      },
    },
  ];
}

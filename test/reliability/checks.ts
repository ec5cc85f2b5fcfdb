/**
 * Checks shared by the scenarios: convergence against an undisturbed run's end state, a failure's text,
 * and the call-log invariants.
 */
import { applyInProcess, RunEnd, SpecJson, steppedWorld } from './harness';
import {
  duplicateUpdates, mutationsAfterRefusal, rejectedMutations, stateDifferences, targetState, unreportedUpdates,
} from './invariants';
import { Verdict } from './tally';
import type { CallRecord, Simulator, SimSeed } from '../../src/simulator';

const baselines = new Map<string, Promise<Record<string, unknown>>>();

/** Where an undisturbed apply of `spec` on `seed` ends (computed once per spec and seed, in virtual time). */
export function undisturbedEnd(spec: SpecJson, seed: SimSeed): Promise<Record<string, unknown>> {
  const key = JSON.stringify([spec, seed]);
  let found = baselines.get(key);
  if (!found) {
    found = (async () => {
      const w = steppedWorld(seed);
      const run = await applyInProcess(w, spec);
      if (run.end !== 'converged') throw new Error(`the undisturbed apply did not converge: ${run.error?.message}`);
      return targetState(w.sim.state());
    })();
    baselines.set(key, found);
  }
  return found;
}

/** The run converged, and the simulator holds what an undisturbed apply of the same spec leaves. */
export async function checkConverged(
  v: Verdict, sim: Simulator, run: { end: RunEnd; error?: Error }, spec: SpecJson, seed: SimSeed, what = 'the run',
): Promise<boolean> {
  if (!v.check(run.end === 'converged', `${what} ended ${run.end}: ${run.error?.message ?? ''}`)) return false;
  const differences = stateDifferences(targetState(sim.state()), await undisturbedEnd(spec, seed));
  v.addAll(differences.map((d) => `${what} converged, but the cluster differs from an undisturbed apply: ${d}`));
  return differences.length === 0;
}

/**
 * The run failed as `end` (or one of them), and its error carries every text in `texts` (EKS's error code and message)
 * and every update id in `ids`.
 */
export function checkFailure(v: Verdict, run: { end: RunEnd; error?: Error }, end: RunEnd | RunEnd[], texts: Array<string | RegExp>, ids: string[]): void {
  const message = run.error?.message ?? '';
  const ends = Array.isArray(end) ? end : [end];
  v.check(ends.includes(run.end), `the run ended ${run.end}, expected ${ends.join(' or ')}: ${message}`);
  for (const t of texts) {
    v.check(typeof t === 'string' ? message.includes(t) : t.test(message), `the error does not carry ${t}: ${message}`);
  }
  for (const id of ids) v.check(message.includes(id), `the error does not name update ${id}: ${message}`);
}

/**
 * The invariants over everything the simulator saw: no duplicate update, no mutating call EKS refused
 * (and none after one), and every update a run started is in that run's report.
 */
export function checkInvariants(
  v: Verdict, sim: Simulator, runs: Array<{ calls: CallRecord[]; reported: Set<string> }>, foreign: Set<string> = new Set(),
): void {
  const all = sim.calls();
  const duplicates = duplicateUpdates(all, sim.state().updates ?? []);
  v.duplicates += duplicates.length;
  v.addAll(duplicates.map((d) => `duplicate update: ${d}`));
  v.addAll(rejectedMutations(all).map((c) => `EKS refused ${c.operation} on ${c.resource} (${c.status}): the engine sent a request it should not have`));
  v.mutationsAfterRejection += mutationsAfterRefusal(all);
  for (const run of runs) v.addAll(unreportedUpdates(run.calls, run.reported, foreign));
}

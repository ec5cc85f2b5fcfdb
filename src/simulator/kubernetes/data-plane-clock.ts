import type { SimState } from '../state';
import { driftDueAt, stepAutoModeDrift } from './auto-mode-drift';
import { rollDueAt, stepNodeRoll } from './node-roll';

/**
 * The data plane's timed steps (node rolls, Auto Mode drift), for update-lifecycle's settle to interleave with
 * update endings in time order. Work is proportional to the running rolls and drifts, never to the node count.
 */
export interface DataPlaneEvent {
  at: number;
  /** Runs the step; true when it moved an update's end time (settle then re-reads the update events). */
  run(): boolean;
}

/** The earliest data-plane step due at or before `now`, if any. */
export function nextDataPlaneEvent(state: SimState, now: number): DataPlaneEvent | undefined {
  let best: DataPlaneEvent | undefined;
  const consider = (at: number | undefined, run: () => boolean) => {
    if (at !== undefined && at <= now && (best === undefined || at < best.at)) best = { at, run };
  };
  for (const u of state.updates) {
    const at = rollDueAt(u);
    consider(at, () => stepNodeRoll(state, u, at!));
  }
  for (const c of state.clusters) {
    const at = driftDueAt(c);
    consider(at, () => {
      stepAutoModeDrift(c, at!);
      return false;
    });
  }
  return best;
}

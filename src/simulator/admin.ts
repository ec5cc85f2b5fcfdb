import type { CallRecord } from './call-log';
import { iso, isVirtualClock, type SimClock } from './clock';
import { FaultError, type ActiveFault, type SimFault } from './faults';
import type { SimSeed } from './seed';
import { jsonResponse, type SimRequest, type SimResponse } from './sim-http';
import { SeedError } from './state';

/** Admin endpoints live under a prefix no EKS path starts with. */
export const ADMIN_PREFIX = '/__simulator/';

/** The simulator as its admin endpoints see it: declared here so the simulator can route to them without a cycle. */
export interface AdminTarget {
  readonly clock: SimClock;
  calls(): CallRecord[];
  clearCalls(): void;
  state(): SimSeed;
  seed(state: SimSeed): void;
  reset(): void;
  faults(): ActiveFault[];
  injectFault(fault: SimFault): string;
  clearFaults(): void;
}

/**
 * GET/DELETE calls, GET state, POST seed, POST reset, GET/POST/DELETE faults, POST advance, GET clock.
 * Bodies and answers are JSON; a bad seed, fault or advance is a 400 with `{ message }`.
 */
export async function handleAdmin(sim: AdminTarget, request: SimRequest): Promise<SimResponse> {
  const what = request.path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
  const route = `${request.method.toUpperCase()} ${what}`;
  try {
    const body = request.body ? JSON.parse(request.body) : undefined;
    switch (route) {
      case 'GET calls': return jsonResponse(200, sim.calls());
      case 'DELETE calls': sim.clearCalls(); return jsonResponse(200, {});
      case 'GET state': return jsonResponse(200, sim.state());
      case 'POST seed': sim.seed(body); return jsonResponse(200, {});
      case 'POST reset': sim.reset(); return jsonResponse(200, {});
      case 'GET faults': return jsonResponse(200, sim.faults());
      case 'POST faults': return jsonResponse(200, { id: sim.injectFault(body) });
      case 'DELETE faults': sim.clearFaults(); return jsonResponse(200, {});
      case 'POST advance': return advance(sim, body);
      case 'GET clock': return jsonResponse(200, clockOf(sim.clock));
      default: return jsonResponse(404, { message: `No simulator admin endpoint ${route}` });
    }
  } catch (error) {
    if (error instanceof SeedError || error instanceof FaultError || error instanceof SyntaxError) {
      return jsonResponse(400, { message: error.message });
    }
    throw error;
  }
}

/**
 * How simulated time runs, for a client to agree with it (the CLI adopts `timeScale` when it was given none):
 * simulated seconds per real second, or null on a virtual clock (time moves only through POST advance).
 */
function clockOf(clock: SimClock): { timeScale: number | null; virtual: boolean; now: string } {
  const scale = (clock as { scale?: unknown }).scale;
  const virtual = isVirtualClock(clock);
  return { timeScale: virtual ? null : typeof scale === 'number' ? scale : 1, virtual, now: iso(clock.now()) };
}

function advance(sim: AdminTarget, body: any): SimResponse {
  if (!isVirtualClock(sim.clock)) {
    return jsonResponse(400, { message: 'advance needs a virtual clock; this simulator runs on (scaled) real time' });
  }
  const seconds = body?.seconds;
  if (typeof seconds !== 'number' || !(seconds >= 0)) return jsonResponse(400, { message: 'advance takes {"seconds": N} with N >= 0' });
  sim.clock.advance(seconds * 1000);
  return jsonResponse(200, { now: iso(sim.clock.now()) });
}

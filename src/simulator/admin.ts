import { iso, isVirtualClock } from './clock';
import { FaultError } from './faults';
import { jsonResponse, type SimRequest, type SimResponse } from './sim-http';
import type { Simulator } from './simulator';
import { SeedError } from './state';

/** Admin endpoints live under a prefix no EKS path starts with. */
export const ADMIN_PREFIX = '/__simulator/';

/**
 * GET/DELETE calls, GET state, POST seed, POST reset, GET/POST/DELETE faults, POST advance.
 * Bodies and answers are JSON; a bad seed, fault or advance is a 400 with `{ message }`.
 */
export async function handleAdmin(sim: Simulator, request: SimRequest): Promise<SimResponse> {
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
      default: return jsonResponse(404, { message: `No simulator admin endpoint ${route}` });
    }
  } catch (error) {
    if (error instanceof SeedError || error instanceof FaultError || error instanceof SyntaxError) {
      return jsonResponse(400, { message: error.message });
    }
    throw error;
  }
}

function advance(sim: Simulator, body: any): SimResponse {
  if (!isVirtualClock(sim.clock)) {
    return jsonResponse(400, { message: 'advance needs a virtual clock; this simulator runs on (scaled) real time' });
  }
  const seconds = body?.seconds;
  if (typeof seconds !== 'number' || !(seconds >= 0)) return jsonResponse(400, { message: 'advance takes {"seconds": N} with N >= 0' });
  sim.clock.advance(seconds * 1000);
  return jsonResponse(200, { now: iso(sim.clock.now()) });
}

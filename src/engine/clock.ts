import { setTimeout as delay } from 'node:timers/promises';

/** Time as the engine sees it: injected so tests and benchmarks run in virtual time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError when `signal` fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, { signal });
  },
};

/**
 * A clock on which EKS time runs `scale` times faster than real time: the rehearsal knob that lets
 * the engine drive the time-scaled simulator. Expected durations, poll intervals and timeouts are all
 * in EKS time, so dividing them by `scale` happens in exactly one place: here.
 */
export function scaledClock(base: Clock, scale: number): Clock {
  if (scale === 1) return base;
  const origin = base.now();
  return {
    now: () => origin + (base.now() - origin) * scale,
    sleep: (ms, signal) => base.sleep(ms / scale, signal),
  };
}

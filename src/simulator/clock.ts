/** Simulated time in epoch milliseconds. Updates settle lazily against it, so no timers run. */
export interface SimClock {
  now(): number;
}

/** 2025-06-02T00:00:00Z: a fixed start, so virtual-time runs print the same timestamps every time. */
export const VIRTUAL_EPOCH = Date.UTC(2025, 5, 2);

/** Time that moves only when told to: in-process tests and benchmarks run hours of EKS time instantly. */
export class VirtualClock implements SimClock {
  private current: number;

  constructor(start: number = VIRTUAL_EPOCH) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`VirtualClock.advance: expected a non-negative duration, got ${ms}`);
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

/** Real time sped up `scale` times (simulated seconds per real second), starting from the real present. */
export class ScaledClock implements SimClock {
  private readonly origin = Date.now();

  constructor(readonly scale: number) {
    if (!(scale > 0)) throw new Error(`time scale must be a positive number, got ${scale}`);
  }

  now(): number {
    return this.origin + (Date.now() - this.origin) * this.scale;
  }
}

/** Simulated epoch milliseconds as the ISO 8601 string the state stores. */
export const iso = (ms: number) => new Date(ms).toISOString();

export function isVirtualClock(clock: SimClock): clock is VirtualClock {
  return clock instanceof VirtualClock;
}

/**
 * When to ask DescribeUpdate again. Each kind of EKS update usually ends within a window around a known
 * duration, but some run far shorter or longer (a long right tail: docs/benchmarks.md). So polls are spent
 * where the end is likely — every `windowSeconds` across that window — and elsewhere spaced in proportion to
 * the time elapsed, which bounds how late an end is seen as a share of the update's duration wherever it
 * falls; well before the window, where an end is rare, polls are sparse. Pure: the waiter supplies time and
 * randomness.
 */
export interface PollScheduleOptions {
  /** ± share of the expected duration within which updates usually end: the window polled at `windowSeconds`. */
  readonly spread: number;
  /** Interval across that window (seconds). */
  readonly windowSeconds: number;
  /** Outside the window, the interval as a share of the elapsed time: an end there is seen within this share of the update's duration. */
  readonly relative: number;
  /** Before this share of the expected duration polls are sparse: even steps of at most `sparseSeconds`. */
  readonly coverFrom: number;
  /** The longest step while polls are sparse (seconds), so an early failure still surfaces within it. */
  readonly sparseSeconds: number;
  /** Never poll faster than this (seconds): DescribeUpdate shares the account's API rate limit. */
  readonly minSeconds: number;
  /** Once polling is proportional, never wait longer than this (seconds): a long update's end is seen within it. */
  readonly maxSeconds: number;
  /** Each delay is up to this fraction shorter at random, so concurrent waiters do not poll in lockstep. */
  readonly jitter: number;
}

export const DEFAULT_POLL_SCHEDULE: PollScheduleOptions = {
  spread: 0.2,
  windowSeconds: 9,
  relative: 0.05,
  coverFrom: 0.42,
  sparseSeconds: 120,
  minSeconds: 2,
  maxSeconds: 30,
  jitter: 0.1,
};

/**
 * Seconds to wait before the next poll, given seconds elapsed since the update started, its expected
 * duration, and a random number in [0, 1).
 */
export function nextPollDelay(elapsed: number, expected: number, random: number, options = DEFAULT_POLL_SCHEDULE): number {
  // Jitter only shortens a delay, so the latency bounds the base delays promise still hold.
  return Math.max(options.minSeconds, baseDelay(elapsed, expected, options) * (1 - options.jitter * random));
}

function baseDelay(elapsed: number, expected: number, o: PollScheduleOptions): number {
  const proportional = Math.min(o.maxSeconds, o.relative * elapsed);
  const windowStart = (1 - o.spread) * expected;
  if (elapsed >= (1 + o.spread) * expected) return proportional;
  if (elapsed >= windowStart) return Math.min(o.windowSeconds, proportional);
  // Proportional polling never starts denser than the window's.
  const coverStart = Math.min(windowStart, Math.max(o.coverFrom * expected, o.windowSeconds / o.relative));
  if (elapsed >= coverStart) return proportional;
  // Sparse: even steps of at most sparseSeconds that land on coverStart.
  const remaining = coverStart - elapsed;
  return Math.max(proportional, remaining / Math.ceil(remaining / o.sparseSeconds));
}

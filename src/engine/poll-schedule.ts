/**
 * When to ask DescribeUpdate again. Each kind of EKS update usually ends within a window around a known
 * duration (±20 % in the benchmark's typical model), but some run far shorter or longer (a long right tail:
 * docs/benchmarks.md). So polls are spent where the end is likely — every `windowSeconds` across that
 * window — and elsewhere spaced in proportion to the time elapsed, which bounds how late an end is seen as
 * a share of the update's duration wherever it falls; well before the window, where an end is rare, polls
 * are sparse. Pure: the waiter supplies time and randomness.
 */
export interface PollScheduleOptions {
  /** ± share of the expected duration within which updates usually end: the window polled at `windowSeconds`. */
  readonly spread: number;
  /** Interval across that window (seconds). */
  readonly windowSeconds: number;
  /** Outside the window, the interval as a share of the elapsed time: an end there is seen within about this share of the update's duration. */
  readonly relative: number;
  /** Before this share of the expected duration, polls are sparse (every `maxSeconds` at most), not proportional. */
  readonly coverFrom: number;
  /** Never poll faster than this (seconds): DescribeUpdate shares the account's API rate limit. */
  readonly minSeconds: number;
  /** Never wait longer than this (seconds) between polls, so early failures surface promptly. */
  readonly maxSeconds: number;
  /** Up to this fraction shorter at random, so concurrent waiters do not poll in lockstep. */
  readonly jitter: number;
}

export const DEFAULT_POLL_SCHEDULE: PollScheduleOptions = {
  spread: 0.2,
  windowSeconds: 9,
  relative: 0.05,
  coverFrom: 0.42,
  minSeconds: 2,
  maxSeconds: 120,
  jitter: 0.1,
};

/**
 * Seconds to wait before the next poll, given seconds elapsed since the update started, its expected
 * duration, and a random number in [0, 1).
 */
export function nextPollDelay(elapsed: number, expected: number, random: number, options = DEFAULT_POLL_SCHEDULE): number {
  // Jitter only shortens a delay, so the latency bounds the base delays promise still hold.
  const jittered = baseDelay(elapsed, expected, options) * (1 - options.jitter * random);
  return Math.min(options.maxSeconds, Math.max(options.minSeconds, jittered));
}

function baseDelay(elapsed: number, expected: number, o: PollScheduleOptions): number {
  const proportional = o.relative * elapsed;
  const windowStart = (1 - o.spread) * expected;
  if (elapsed >= (1 + o.spread) * expected) return proportional;
  if (elapsed >= windowStart) return Math.min(o.windowSeconds, proportional);
  // Proportional polling never starts denser than the window's.
  const coverStart = Math.min(windowStart, Math.max(o.coverFrom * expected, o.windowSeconds / o.relative));
  if (elapsed >= coverStart) return proportional;
  // Sparse: even steps of at most maxSeconds that land on coverStart.
  const remaining = coverStart - elapsed;
  return Math.max(proportional, remaining / Math.ceil(remaining / o.maxSeconds));
}

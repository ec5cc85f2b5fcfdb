/**
 * When to ask DescribeUpdate again. EKS updates take minutes to hours and their durations cluster
 * around a known mean per kind, so polling is sparse early, densest around the expected end, and
 * eases off again if the update runs long. Pure: the waiter supplies time and randomness.
 */
export interface PollScheduleOptions {
  /** Interval near the expected end, as a fraction of the expected duration. */
  readonly densest: number;
  /** How fast the interval grows with distance from the expected end. */
  readonly slope: number;
  /** Never poll faster than this (seconds): DescribeUpdate shares the account's API rate limit. */
  readonly minSeconds: number;
  /** Never wait longer than this (seconds) between polls, so early failures surface promptly. */
  readonly maxSeconds: number;
  /** ± fraction of random spread, so concurrent waiters do not poll in lockstep. */
  readonly jitter: number;
}

export const DEFAULT_POLL_SCHEDULE: PollScheduleOptions = {
  densest: 0.01,
  slope: 0.175,
  minSeconds: 2,
  maxSeconds: 60,
  jitter: 0.1,
};

/**
 * Seconds to wait before the next poll, given seconds elapsed since the update started, its expected
 * duration, and a random number in [0, 1).
 */
export function nextPollDelay(elapsed: number, expected: number, random: number, options = DEFAULT_POLL_SCHEDULE): number {
  const base = options.slope * Math.abs(expected - elapsed) + options.densest * expected;
  const jittered = base * (1 + options.jitter * (2 * random - 1));
  return Math.min(options.maxSeconds, Math.max(options.minSeconds, jittered));
}

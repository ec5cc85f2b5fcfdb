import { DEFAULT_POLL_SCHEDULE, nextPollDelay } from '../../src/engine/poll-schedule';

const S = DEFAULT_POLL_SCHEDULE;

/** The poll times the waiter would make (first at once) until one is at or past `until`. */
function polls(expected: number, until: number, random: () => number = () => 0.5): number[] {
  const times = [0];
  while (times[times.length - 1] < until) {
    const t = times[times.length - 1];
    times.push(t + nextPollDelay(t, expected, random()));
  }
  return times;
}

/**
 * Where sparse polling stops: at coverFrom of the expected duration, but never before proportional polling is
 * as sparse as the window's, nor after the window opens.
 */
const coverStart = (expected: number) => Math.min((1 - S.spread) * expected, Math.max(S.coverFrom * expected, S.windowSeconds / S.relative));

/** How late an end at `end` is seen: the first poll at or after it, minus it. */
const latency = (times: number[], end: number) => times.find((t) => t >= end)! - end;

describe('nextPollDelay', () => {
  test('polls every windowSeconds across the ±spread window around the expected end', () => {
    for (const t of [480, 550, 600, 700]) expect(nextPollDelay(t, 600, 0)).toBeCloseTo(S.windowSeconds, 5);
    // Where windowSeconds would be more than `relative` of the elapsed time, the relative bound wins.
    expect(nextPollDelay(100, 120, 0)).toBeCloseTo(S.relative * 100, 5);
  });

  test('after the window the interval grows with the elapsed time, up to maxSeconds', () => {
    expect(nextPollDelay(500, 400, 0)).toBeCloseTo(S.relative * 500, 5);
    expect(nextPollDelay(800, 600, 0)).toBe(S.maxSeconds);
    expect(nextPollDelay(100_000, 600, 0)).toBe(S.maxSeconds);
  });

  test('well before the window polls are sparse: even steps of at most sparseSeconds up to coverFrom of the expected duration', () => {
    const until = coverStart(1260);
    expect(until).toBeCloseTo(S.coverFrom * 1260, 5);
    const early = polls(1260, until, () => 0).filter((t) => t <= until + 1e-9);
    expect(early.length).toBe(1 + Math.ceil(until / S.sparseSeconds));
    expect(early[early.length - 1]).toBeCloseTo(until, 5);
    // Between coverStart and the window: proportional, so sparser than the window and denser than the early steps.
    const between = nextPollDelay(400, 600, 0);
    expect(between).toBeCloseTo(S.relative * 400, 5);
    expect(between).toBeGreaterThan(S.windowSeconds);
    expect(between).toBeLessThan(early[1]);
  });

  test('an end after sparse polling stops is seen within `relative` of the update\'s duration and within maxSeconds, whatever the jitter', () => {
    for (const expected of [30, 120, 600, 1260, 3600]) {
      for (const random of [() => 0, () => 0.5, () => 0.999]) {
        const times = polls(expected, 6 * expected, random);
        for (let end = coverStart(expected); end < 5 * expected; end += expected / 97) {
          const late = latency(times, end);
          if (late > S.minSeconds) expect(late).toBeLessThanOrEqual(Math.min(S.relative * end, S.maxSeconds) + 1e-9);
        }
      }
    }
  });

  test('never polls faster than the floor, nor waits longer than sparseSeconds early and maxSeconds later', () => {
    for (const expected of [10, 120, 600, 3600, 36_000]) {
      for (let t = 0; t < expected * 3; t += expected / 50) {
        for (const r of [0, 0.5, 0.999]) {
          const d = nextPollDelay(t, expected, r);
          expect(d).toBeGreaterThanOrEqual(S.minSeconds);
          expect(d).toBeLessThanOrEqual(t >= coverStart(expected) ? S.maxSeconds : S.sparseSeconds);
        }
      }
    }
  });

  test('jitter only shortens a delay, by up to the configured fraction', () => {
    const base = nextPollDelay(500, 600, 0);
    expect(nextPollDelay(500, 600, 0.999999)).toBeCloseTo(base * (1 - S.jitter), 3);
    expect(nextPollDelay(500, 600, 0.5)).toBeCloseTo(base * (1 - S.jitter / 2), 3);
  });

  test('a 10-minute update ending on time costs under half the polls of 0.2 s doubling to a 10 s cap', () => {
    const terraform = [0];
    for (let n = 1; terraform[terraform.length - 1] < 600; n++) terraform.push(terraform[terraform.length - 1] + Math.min(10, 0.2 * 2 ** (n - 1)));
    expect(polls(600, 600).length).toBeLessThan(terraform.length / 2);
  });
});

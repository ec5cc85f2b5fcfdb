import { DEFAULT_POLL_SCHEDULE, nextPollDelay } from '../../src/engine/poll-schedule';

describe('nextPollDelay', () => {
  test('is densest around the expected end and sparse far from it', () => {
    const atEnd = nextPollDelay(600, 600, 0.5);
    const early = nextPollDelay(0, 600, 0.5);
    const late = nextPollDelay(1200, 600, 0.5);
    expect(atEnd).toBeCloseTo(6, 5); // 1 % of 600 s
    expect(early).toBeGreaterThan(atEnd * 4);
    expect(late).toBeGreaterThan(atEnd * 4);
  });

  test('never polls faster than the floor nor waits longer than the cap', () => {
    for (const expected of [10, 120, 600, 3600, 36_000]) {
      for (let t = 0; t < expected * 3; t += expected / 50) {
        for (const r of [0, 0.5, 0.999]) {
          const d = nextPollDelay(t, expected, r);
          expect(d).toBeGreaterThanOrEqual(DEFAULT_POLL_SCHEDULE.minSeconds);
          expect(d).toBeLessThanOrEqual(DEFAULT_POLL_SCHEDULE.maxSeconds);
        }
      }
    }
  });

  test('jitter spreads concurrent waiters by ± the configured fraction', () => {
    const low = nextPollDelay(500, 600, 0);
    const high = nextPollDelay(500, 600, 0.999999);
    const mid = nextPollDelay(500, 600, 0.5);
    expect(low).toBeCloseTo(mid * 0.9, 3);
    expect(high).toBeCloseTo(mid * 1.1, 3);
  });

  test('a 10-minute update costs far fewer polls than 0.2 s doubling to 10 s', () => {
    let t = 0;
    let polls = 0;
    while (t < 600) {
      t += nextPollDelay(t, 600, 0.5);
      polls++;
    }
    expect(polls).toBeLessThan(25);
  });
});

import { PaceEstimator } from '../../src/engine/pace';

const reading = (completed: number, total = 12) => ({ completed, total, unit: 'nodes', done: completed === total });
const s = (seconds: number) => seconds * 1000;

describe('PaceEstimator', () => {
  test('knows nothing until a unit completes in this run', () => {
    const pace = new PaceEstimator();
    pace.observe(reading(3), s(0));
    pace.observe(reading(3), s(100));
    expect(pace.remainingSeconds(s(100))).toBeUndefined();
  });

  test('with one completion, the pace runs from the first reading', () => {
    const pace = new PaceEstimator();
    pace.observe(reading(0), s(0));
    pace.observe(reading(2), s(400));
    // 200 s per node, 10 nodes left.
    expect(pace.remainingSeconds(s(400))).toBe(2000);
  });

  test('with two, the setup before the first completion no longer slows every later unit', () => {
    const pace = new PaceEstimator();
    pace.observe(reading(0), s(0));
    pace.observe(reading(1), s(420)); // 180 s of setup, then 240 s per node
    pace.observe(reading(6), s(1620));
    expect(pace.remainingSeconds(s(1620))).toBe(6 * 240);
  });

  test.each([
    [1700, 6 * 240 - 80, 0],
    [1620 + 6 * 240 + 30, 0, 30],
  ])('at %d s it counts the time spent on the current unit: %d s left, %d s overdue', (now, left, overdue) => {
    const pace = new PaceEstimator();
    pace.observe(reading(0), s(0));
    pace.observe(reading(1), s(420));
    pace.observe(reading(6), s(1620));
    expect(pace.remainingSeconds(s(now))).toBeCloseTo(left);
    expect(pace.overdueSeconds(s(now))).toBeCloseTo(overdue);
  });
});

import { PaceEstimator } from '../../src/engine/pace';

const reading = (completed: number, total = 12) => ({ completed, total, unit: 'nodes', done: completed === total });
const s = (seconds: number) => seconds * 1000;

/** Readings every `every` seconds up to `until`, the count being what `completedAt` says at each. */
function readEvery(pace: PaceEstimator, every: number, until: number, completedAt: (t: number) => number, total = 12): void {
  for (let t = 0; t <= until; t += every) pace.observe(reading(completedAt(t), total), s(t));
}

describe('PaceEstimator', () => {
  test('knows nothing until a unit completes in this run', () => {
    const pace = new PaceEstimator(120);
    pace.observe(reading(3), s(0));
    pace.observe(reading(3), s(100));
    expect(pace.remainingSeconds(s(100))).toBeUndefined();
  });

  test('a completion is taken at the middle of the gap between the reading that shows it and the one before', () => {
    const pace = new PaceEstimator(100);
    pace.observe(reading(0, 4), s(0));
    pace.observe(reading(0, 4), s(100));
    pace.observe(reading(1, 4), s(140));
    // Done at 120 s, not 140: 3 units of 100 s from 120 s, 20 s of the next already run.
    expect(pace.remainingSeconds(s(140))).toBe(280);
  });

  test('without an expected unit time, one completion gives the pace from the first reading', () => {
    const pace = new PaceEstimator();
    pace.observe(reading(0), s(0));
    pace.observe(reading(0), s(390));
    pace.observe(reading(2), s(410));
    // 2 nodes by 400 s: 200 s each; 10 left, the batch in progress (2 nodes) 10 s under way.
    expect(pace.remainingSeconds(s(410))).toBe(8 * 200 + 400 - 10);
  });

  test('steps that agree move the pace all the way from the expectation: one pace for the roll', () => {
    const pace = new PaceEstimator(120);
    // 180 s of setup, then a node every 240 s, read every 10 s.
    readEvery(pace, 10, 1200, (t) => Math.max(0, Math.floor((t - 180) / 240)));
    expect(pace.secondsPerUnit()).toBeCloseTo(240, 6);
    // 4 nodes done at 1140 s (seen at 1140, so taken at 1135), 65 s into the fifth: 8 × 240 − 65.
    expect(pace.remainingSeconds(s(1200))).toBeCloseTo(8 * 240 - 65, 6);
  });

  test('steps that scatter around the expectation leave the roll at it: each batch on its own', () => {
    const pace = new PaceEstimator(120);
    // Batches of 90, 240, 90, 240 s after the setup: their geometric mean 147 s, but one as far under 120 s as the
    // next is over it, so nothing says the roll as a whole is slower.
    const ends = [180, 270, 510, 600, 840];
    readEvery(pace, 10, 860, (t) => ends.filter((e) => e <= t).length);
    // The median stays 120 s; a unit is expected to take the mean of a spread like the batches', 120 × e^(spread ÷ 2).
    const logs = [90, 240, 90, 240].map((b) => Math.log(b / 120));
    const mean = logs.reduce((a, b) => a + b) / 4;
    const spread = logs.reduce((a, y) => a + (y - mean) ** 2, 0) / 4;
    expect(pace.secondsPerUnit()).toBeCloseTo(120 * Math.exp(spread / 2), 0);
  });

  test('a unit past its pace is never expected to end in the past: under the assumed tail, 40 % of a unit more', () => {
    const pace = new PaceEstimator(100);
    readEvery(pace, 10, 200, (t) => (t >= 100 ? 1 : 0), 3);
    // Done at 95 s; at 200 s the second node has run 105 s of its 100. Before the steps show a spread, a log-normal σ
    // 0.5 is assumed: a unit past its median has e^(0.5 · z75) − 1 of it still to run, in the median. Then the third.
    const share = Math.exp(0.6745 * 0.5) - 1;
    expect(share).toBeCloseTo(0.4, 2);
    expect(pace.remainingSeconds(s(200))).toBeCloseTo(100 + 100 * share, 9);
    expect(pace.remainingSeconds(s(5000))).toBeCloseTo(100 + 100 * share, 9);
  });

  test('once the steps show no spread, a unit past its pace may end at any moment', () => {
    const pace = new PaceEstimator(120);
    // A node every 240 s after 180 s of setup, read every 10 s; the fifth node is late.
    readEvery(pace, 10, 1500, (t) => Math.min(4, Math.max(0, Math.floor((t - 180) / 240))));
    // 4 done by 1135 s, the fifth 365 s under way against its 240: 7 nodes after it, and nothing for it.
    expect(pace.remainingSeconds(s(1500))).toBeCloseTo(7 * 240, 6);
  });

  test('a count that goes back is not progress undone, and going forward again is no new completion', () => {
    const pace = new PaceEstimator(100);
    const counts = [0, 1, 0, 1, 1];
    counts.forEach((c, i) => pace.observe(reading(c, 3), s(10 * i)));
    // One completion, at 5 s: still the expected pace, 2 units left.
    expect(pace.secondsPerUnit()).toBe(100);
    expect(pace.remainingSeconds(s(40))).toBe(100 + 65);
  });

  test('the final step is the last batch of the largest size seen', () => {
    const pace = new PaceEstimator(60);
    pace.observe(reading(0, 6), s(0));
    pace.observe(reading(2, 6), s(10));
    expect(pace.inFinalStep(2)).toBe(false);
    expect(pace.inFinalStep(4)).toBe(true);
  });
});

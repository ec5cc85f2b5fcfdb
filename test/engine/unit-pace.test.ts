import { unitPace } from '../../src/engine/unit-pace';

const steps = (...perUnit: number[]) => perUnit.map((p) => ({ perUnit: p, readingVariance: 0 }));

describe('unitPace', () => {
  test('no step seen: the expected time', () => {
    expect(unitPace([], 120)).toEqual({ seconds: 120 });
  });

  test('one step counts as much as the expectation: their geometric mean', () => {
    expect(unitPace(steps(240), 120).seconds).toBeCloseTo(Math.sqrt(120 * 240), 9);
    expect(unitPace(steps(240), 120).spread).toBeUndefined();
  });

  test('steps that agree exactly are the pace, whatever the expectation', () => {
    expect(unitPace(steps(240, 240, 240), 120)).toEqual({ seconds: expect.closeTo(240, 9), spread: 0 });
    expect(unitPace(steps(60, 60), 120).seconds).toBeCloseTo(60, 9);
  });

  test('steps centred on the expectation leave the median there; the mean of their spread is expected', () => {
    // ln(step ÷ 120) = ±ln 2: mean 0, variance (ln 2)².
    const variance = Math.LN2 ** 2;
    expect(unitPace(steps(60, 240, 60, 240), 120)).toEqual({ seconds: expect.closeTo(120 * Math.exp(variance / 2), 9), spread: expect.closeTo(variance, 12) });
  });

  test('spread that reading alone explains is not counted as the units\'', () => {
    const variance = Math.LN2 ** 2;
    const read = [60, 240, 60, 240].map((p) => ({ perUnit: p, readingVariance: variance }));
    expect(unitPace(read, 120)).toEqual({ seconds: expect.closeTo(120, 9), spread: 0 });
  });

  test('the more the steps scatter against how far they sit from the expectation, the less they move it', () => {
    // Mean of ln(step ÷ 120) the same (ln 2), but the second set scatters: its weight is 1 − variance ÷ (n · mean²).
    const tight = unitPace(steps(230, 250, 240), 120).seconds;
    const loose = unitPace(steps(120, 480, 240), 120).seconds;
    const logs = [120, 480, 240].map((p) => Math.log(p / 120));
    const mean = logs.reduce((a, b) => a + b) / 3;
    const variance = logs.reduce((a, y) => a + (y - mean) ** 2, 0) / 3;
    const weight = Math.max(0, 1 - variance / (3 * mean * mean));
    expect(tight).toBeGreaterThan(230);
    expect(weight).toBeGreaterThan(0);
    expect(weight).toBeLessThan(1);
    expect(loose).toBeCloseTo(120 * Math.exp(weight * mean + variance / 2), 9);
  });
});

import { Simulator, VirtualClock } from '../../src/simulator';
import { DEFAULT_DURATIONS, DurationModel, type UpdateDurations } from '../../src/simulator/durations';
import { SeededRandom } from '../../src/simulator/random';

function factors(spread: Partial<UpdateDurations>, jitter: number, rngSeed: number, n = 4000): number[] {
  const model = new DurationModel({ ...DEFAULT_DURATIONS, ...spread }, jitter, new SeededRandom(rngSeed));
  return Array.from({ length: n }, () => model.ms(100) / 100_000);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)];
}

describe('DurationModel', () => {
  test('uniform is the default: ±jitter around the typical figure, exact without jitter', () => {
    expect(DEFAULT_DURATIONS.spread).toBe('uniform');
    expect(new Set(factors({}, 0, 1, 50))).toEqual(new Set([1]));
    const f = factors({}, 0.2, 1);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...f)).toBeLessThanOrEqual(1.2);
    // The draws do spread across the whole window, not only stay inside it.
    expect(Math.min(...f)).toBeLessThan(0.81);
    expect(Math.max(...f)).toBeGreaterThan(1.19);
  });

  test('log-normal keeps the typical figure as the median, with σ 0.5 of ln(duration) and a long right tail', () => {
    const f = factors({ spread: 'log-normal' }, 0, 1);
    expect(quantile(f, 0.5)).toBeGreaterThan(0.95);
    expect(quantile(f, 0.5)).toBeLessThan(1.05);
    const logs = f.map(Math.log);
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length);
    expect(sd).toBeGreaterThan(0.47);
    expect(sd).toBeLessThan(0.53);
    // exp(1.645 σ) = 2.28 and exp(−1.645 σ) = 0.44: the tail is long to the right, short to the left.
    expect(quantile(f, 0.95)).toBeGreaterThan(2);
    expect(quantile(f, 0.05)).toBeGreaterThan(0.38);
    expect(quantile(f, 0.05)).toBeLessThan(0.5);
    expect(Math.max(...f)).toBeGreaterThan(1.5 * 1.2); // beyond anything the uniform ±20 % model draws
  });

  test('log-normal draws are reproducible per seed and ignore the uniform jitter', () => {
    expect(factors({ spread: 'log-normal' }, 0.2, 7, 20)).toEqual(factors({ spread: 'log-normal' }, 0, 7, 20));
    expect(factors({ spread: 'log-normal' }, 0, 8, 20)).not.toEqual(factors({ spread: 'log-normal' }, 0, 7, 20));
  });

  test('the sigma is configurable', () => {
    const narrow = factors({ spread: 'log-normal', logNormalSigma: 0.1 }, 0, 1);
    expect(quantile(narrow, 0.95)).toBeLessThan(1.2);
  });
});

describe('Simulator with durations.spread', () => {
  test('log-normal reaches the updates it runs through the `durations` option', async () => {
    const durationOf = async (spread: UpdateDurations['spread'], rngSeed: number) => {
      const sim = new Simulator({ clock: new VirtualClock(), rngSeed, durations: { spread } });
      const res = await sim.handle({ method: 'POST', path: '/clusters/demo/addons/kube-proxy/update', body: '{}' });
      const update = sim.state().updates!.find((u) => u.id === JSON.parse(res.body!).update.id)!;
      return (Date.parse(update.endsAt!) - Date.parse(update.createdAt)) / 1000;
    };
    const uniform = await Promise.all([1, 2, 3, 4, 5].map((s) => durationOf('uniform', s)));
    const logNormal = await Promise.all([1, 2, 3, 4, 5].map((s) => durationOf('log-normal', s)));
    expect(new Set(uniform)).toEqual(new Set([DEFAULT_DURATIONS.addonSeconds]));
    expect(new Set(logNormal).size).toBe(5);
  });
});

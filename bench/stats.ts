/** The q-quantile (0–1) of `values` by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p95 = (values: readonly number[]) => quantile(values, 0.95);

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

const MODULUS = 2_147_483_647;

/**
 * A small seeded generator (a Lehmer generator with multiplier 16807, unlike the simulator's 48271, so the
 * pollers' jitter is not a shifted copy of the simulator's duration draws for the same seed).
 */
export function seededRandom(seed: number): () => number {
  let state = Math.abs(Math.floor(seed)) % MODULUS || 1;
  return () => {
    state = (state * 16_807) % MODULUS;
    return (state - 1) / (MODULUS - 1);
  };
}

/** Well-spread simulator seeds (1 … 2^31 − 2) from a base seed and a sample index (neighbours are unrelated). */
export function sampleSeed(base: number, index: number): number {
  const r = seededRandom(base * 1_000_003 + index * 7919 + 1);
  r();
  r();
  return 1 + Math.floor(r() * (MODULUS - 2));
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

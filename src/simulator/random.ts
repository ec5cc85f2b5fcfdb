/**
 * A small seeded generator (Park–Miller minimal standard), so jittered durations and update ids are
 * reproducible run to run for a given `rngSeed`.
 */
export class SeededRandom {
  private static readonly MODULUS = 2_147_483_647;
  private state: number;

  constructor(seed: number) {
    const s = Math.abs(Math.floor(seed)) % SeededRandom.MODULUS;
    this.state = s === 0 ? 1 : s;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state * 48_271) % SeededRandom.MODULUS;
    return (this.state - 1) / (SeededRandom.MODULUS - 1);
  }

  /** A version-4-shaped UUID, like the ids EKS gives updates. */
  uuid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(this.next() * 16).toString(16)).join('');
    const variant = '89ab'[Math.floor(this.next() * 4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}

import type { UpdateDurations } from '../src/simulator';

/** One way of drawing update durations around EKS's typical figures, as the simulator's options that select it. */
export interface DurationModelSpec {
  readonly id: 'typical' | 'heavy-tail';
  /** For titles: "±20 % uniform", "log-normal σ 0.5". */
  readonly label: string;
  readonly simulator: { readonly durationJitter: number; readonly durations?: Partial<UpdateDurations> };
}

/**
 * The typical model (uniform ±`jitter`) and the heavy-tailed one (log-normal with the same median and σ
 * `sigma` of ln(duration)), both seeded by the simulator's rngSeed.
 */
export function durationModels(jitter: number, sigma: number): DurationModelSpec[] {
  return [
    { id: 'typical', label: `±${round(jitter * 100)} % uniform`, simulator: { durationJitter: jitter } },
    { id: 'heavy-tail', label: `log-normal σ ${sigma}`, simulator: { durationJitter: 0, durations: { spread: 'log-normal', logNormalSigma: sigma } } },
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;

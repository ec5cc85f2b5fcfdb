/** One step of the work seen: from one completion to the next. */
export interface Step {
  /** Seconds per unit between the two completions. */
  readonly perUnit: number;
  /**
   * How uncertain ln(perUnit) is from reading alone: each completion is known only to lie within the gap between two
   * readings (uniform: a variance of gap² ÷ 12 for each end), relative to the step's time.
   */
  readonly readingVariance: number;
}

/** What a unit of the rest of the work is expected to take. */
export interface UnitPace {
  readonly seconds: number;
  /** The variance of ln(unit time) the steps show, net of reading; undefined before two steps. */
  readonly spread?: number;
}

/**
 * What a unit of the rest of the work is expected to take (s), from the steps this run has seen and the expected
 * time of one (`expected`, EKS's typical figure: a median).
 *
 * Units are taken to vary log-normally around the roll's own pace (its instance type, its pods, its budgets: shared by
 * every batch), times what is peculiar to each batch. How much of the spread is the roll's and how much the batches',
 * EKS does not say and one run cannot tell apart, so both are estimated from the steps seen (empirical Bayes, the
 * positive-part James–Stein weight): with `mean` and `variance` those of ln(step ÷ expected) over the n steps, the part
 * of mean² beyond variance ÷ n is credited to the roll, and the roll's pace moves from the expectation by
 * weight = max(0, 1 − variance ÷ (n · mean²)) of the way. Steps that agree with each other and differ from the
 * expectation move it all the way (one duration for the whole roll, spread evenly); steps that scatter around the
 * expectation leave it near it (each batch on its own: their mean is noise, and the expectation predicts the batches
 * still to come better). With one step there is no spread to go by: it counts as much as the expectation.
 *
 * That is a median; the time to expect of a unit is the mean of a log-normal spread like the steps' (net of reading):
 * the median × e^(spread ÷ 2). Without a spread the two agree.
 */
export function unitPace(steps: readonly Step[], expected: number): UnitPace {
  const n = steps.length;
  if (n === 0) return { seconds: expected };
  const logs = steps.map((s) => Math.log(s.perUnit / expected));
  const mean = average(logs);
  if (n === 1) return { seconds: expected * Math.exp(mean / 2) };
  // Divided by n, not n − 1: e^(spread ÷ 2) below would overshoot on the few steps a roll shows by its middle.
  const variance = logs.reduce((a, y) => a + (y - mean) ** 2, 0) / n;
  const weight = mean === 0 ? 0 : Math.max(0, 1 - variance / (n * mean * mean));
  const spread = Math.max(0, variance - average(steps.map((s) => s.readingVariance)));
  return { seconds: expected * Math.exp(weight * mean + spread / 2), spread };
}

function average(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

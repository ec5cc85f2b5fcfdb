import { unitPace, type Step, type UnitPace } from './unit-pace';
import type { ProgressReading } from './update-progress';

/** A completion seen: when (ms, the middle of the gap between the readings around it), and the gap (s). */
interface Mark {
  readonly at: number;
  readonly completed: number;
  readonly gap: number;
}

/**
 * The spread assumed of unit times before the steps show one (σ of ln(time)): the log-normal σ 0.5 that stands for
 * the long EKS updates of eksctl-io/eksctl#3309, #2150 and aws/containers-roadmap#1227 (docs/benchmarks.md, "Two
 * duration models": 5 % of updates take over 2.3 × the usual time). Without a figure of EKS's own, the engine
 * assumes the tail rather than its absence until the run shows otherwise.
 */
const TAIL_SIGMA = 0.5;

/** The standard normal's 75th percentile: the median of a log-normal above its median is its 75th percentile. */
const Z75 = 0.6745;

/**
 * What a unit that has run past its expected time still needs, as a share of that time: it cannot end in the past,
 * and a long one is likely to run longer. For a log-normal spread of σ, a unit past its median has in the median
 * e^(σ · z75) − 1 of it still to run (0.40 for σ 0.5, and about that however long it has run already; 0.08 for the
 * ±20 % of a typical spread).
 */
function overrunShare(spread: number | undefined): number {
  return Math.exp(Z75 * (spread === undefined ? TAIL_SIGMA : Math.sqrt(spread))) - 1;
}

/**
 * Re-estimates when an update's work ends from the pace its units have completed at so far in this run. EKS
 * publishes no duration for a node-group roll: it depends on how fast instances join and pods drain
 * (managed-node-update-behavior allows 15 minutes of drain per node), so the run's own pace is weighed against the
 * expected one.
 *
 * - A unit completed somewhere between the reading that showed it and the one before: the middle of that gap is taken
 *   as when, so readings 30 s apart do not skew each completion by up to 30 s.
 * - The pace comes from the steps between completions, so the setup and scale-up phases before the first node is
 *   replaced do not slow every later unit, weighed against `unitSeconds` by how well the steps agree (unit-pace.ts).
 *   Before two completions, a unit is expected to take `unitSeconds`; without it, the pace runs from the first reading.
 * - The unit in progress counts with the time it has run: its pace less that time, but never under what a unit past
 *   its time still needs under the spread the steps show (`overrunShare`), so the estimate is never in the past while
 *   work is left.
 */
export class PaceEstimator {
  private first?: Mark;
  private lastReadingAt = 0;
  private completed = 0;
  private readonly marks: Mark[] = [];
  private total = 0;
  private largestStep = 0;

  /** `unitSeconds`: what one unit is expected to take (a node: its batch's expected time ÷ the batch's nodes). */
  constructor(private readonly unitSeconds?: number) {}

  /** Records a reading taken at `at` (ms). */
  observe(reading: ProgressReading, at: number): void {
    this.total = reading.total;
    const since = this.lastReadingAt;
    this.lastReadingAt = at;
    if (this.first === undefined) {
      this.first = { at, completed: reading.completed, gap: 0 };
      this.completed = reading.completed;
      return;
    }
    // A count that goes back (a new node not Ready for a moment) is not progress undone: the most seen stands.
    if (reading.completed <= this.completed) return;
    this.largestStep = Math.max(this.largestStep, reading.completed - this.completed);
    this.completed = reading.completed;
    this.marks.push({ at: (since + at) / 2, completed: reading.completed, gap: (at - since) / 1000 });
  }

  /** Seconds of work left at `now` (ms), or undefined until a unit has completed in this run. */
  remainingSeconds(now: number): number | undefined {
    const last = this.marks[this.marks.length - 1];
    if (last === undefined) return undefined;
    const left = this.total - last.completed;
    if (left <= 0) return 0;
    const pace = this.pace();
    const perUnit = pace?.seconds ?? (last.at - this.first!.at) / 1000 / (last.completed - this.first!.completed);
    const inProgress = Math.min(Math.max(1, this.largestStep), left);
    const current = inProgress * perUnit;
    const ran = (now - last.at) / 1000;
    return (left - inProgress) * perUnit + Math.max(current - ran, overrunShare(pace?.spread) * current);
  }

  /**
   * Whether what is left is at most one step of the largest the work has taken at once (the last batch of nodes,
   * the last pod): the end can come at any moment, so it is worth looking often.
   */
  inFinalStep(completed: number): boolean {
    return this.largestStep > 0 && this.total - completed <= this.largestStep;
  }

  /** Seconds one unit takes at the pace seen (or as expected before there is one); undefined when neither is known. */
  secondsPerUnit(): number | undefined {
    return this.pace()?.seconds;
  }

  private pace(): UnitPace | undefined {
    const m = this.marks;
    if (m.length < 2) return this.unitSeconds === undefined ? undefined : { seconds: this.unitSeconds };
    if (this.unitSeconds === undefined) return { seconds: seconds(m[0], m[m.length - 1]) / (m[m.length - 1].completed - m[0].completed) };
    return unitPace(m.slice(1).map((to, i) => stepBetween(m[i], to)), this.unitSeconds);
  }
}

function stepBetween(from: Mark, to: Mark): Step {
  const took = seconds(from, to);
  return { perUnit: took / (to.completed - from.completed), readingVariance: (from.gap ** 2 + to.gap ** 2) / 12 / took ** 2 };
}

/** Seconds between two marks; a millisecond at least, should two readings share a time. */
function seconds(from: Mark, to: Mark): number {
  return Math.max(0.001, (to.at - from.at) / 1000);
}

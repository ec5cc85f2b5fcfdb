import type { ProgressReading } from './update-progress';

interface Mark {
  readonly at: number;
  readonly completed: number;
}

/**
 * Re-estimates when an update's work ends from the pace its units have completed at so far in this run. EKS
 * publishes no duration for a node-group roll: it depends on how fast instances join and pods drain
 * (managed-node-update-behavior allows 15 minutes of drain per node), so the run's own pace is the best source.
 *
 * The pace is taken between the first and the last completion seen when there are two, so the setup and scale-up
 * phases before the first node is replaced do not slow every later unit; with one completion it is the expected time
 * of a unit when one is given, else taken from the first reading.
 */
export class PaceEstimator {
  private first?: Mark;
  private firstChange?: Mark;
  private lastChange?: Mark;
  private total = 0;
  private largestStep = 0;

  /** `unitSeconds`: what one unit is expected to take, used until two completions give a pace of this run's own. */
  constructor(private readonly unitSeconds?: number) {}

  /** Records a reading taken at `at` (ms). */
  observe(reading: ProgressReading, at: number): void {
    this.total = reading.total;
    if (this.first === undefined) {
      this.first = { at, completed: reading.completed };
      return;
    }
    const previous = this.lastChange?.completed ?? this.first.completed;
    if (reading.completed <= previous) return;
    const mark = { at, completed: reading.completed };
    this.largestStep = Math.max(this.largestStep, reading.completed - previous);
    this.firstChange ??= mark;
    this.lastChange = mark;
  }

  /** Seconds of work left at `now` (ms), or undefined until a unit has completed in this run. */
  remainingSeconds(now: number): number | undefined {
    const left = this.untilEnd(now);
    return left === undefined ? undefined : Math.max(0, left);
  }

  /** Seconds since the estimated end passed with the work not done; 0 before it, undefined without a pace. */
  overdueSeconds(now: number): number | undefined {
    const left = this.untilEnd(now);
    return left === undefined ? undefined : Math.max(0, -left);
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
    const last = this.lastChange;
    if (last !== undefined && this.firstChange !== last) return (last.at - this.firstChange!.at) / 1000 / (last.completed - this.firstChange!.completed);
    return this.unitSeconds;
  }

  /** With one completion and no expected unit time, the pace runs from the first reading. */
  private untilEnd(now: number): number | undefined {
    const last = this.lastChange;
    if (last === undefined || this.first === undefined) return undefined;
    const perUnit = this.secondsPerUnit() ?? (last.at - this.first.at) / 1000 / (last.completed - this.first.completed);
    return (this.total - last.completed) * perUnit - (now - last.at) / 1000;
  }
}

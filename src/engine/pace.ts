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
 * phases before the first node is replaced do not slow every later unit; with one completion it is taken from the
 * first reading.
 */
export class PaceEstimator {
  private first?: Mark;
  private firstChange?: Mark;
  private lastChange?: Mark;
  private total = 0;

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

  private untilEnd(now: number): number | undefined {
    const last = this.lastChange;
    if (last === undefined || this.first === undefined) return undefined;
    const from = this.firstChange !== last ? this.firstChange! : this.first;
    const secondsPerUnit = (last.at - from.at) / 1000 / (last.completed - from.completed);
    return (this.total - last.completed) * secondsPerUnit - (now - last.at) / 1000;
  }
}

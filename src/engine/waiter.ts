import type { Update } from '@aws-sdk/client-eks';
import { Clock } from './clock';
import { PaceEstimator } from './pace';
import { DEFAULT_POLL_SCHEDULE, nextPollDelay, PollScheduleOptions } from './poll-schedule';
import { formatDuration, Progress } from './progress';
import { describeReading, type ProgressProbe, type ProgressReading } from './update-progress';
import { EksApi } from '../aws/eks-api';
import { ResourceRef, resourceKey } from '../aws/live-state';
import { updateLocation } from '../aws/state-reader';
import { isNotFound, UpdateTimeoutError } from '../errors/run-errors';

export interface WaitOptions {
  readonly api: EksApi;
  readonly clock: Clock;
  readonly progress: Progress;
  readonly resource: ResourceRef;
  readonly updateId: string;
  /** What is being awaited, for progress lines ("control plane to 1.30"). */
  readonly label: string;
  readonly expectedSeconds: number;
  readonly timeoutSeconds: number;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  readonly schedule?: PollScheduleOptions;
  /** A progress line at least this often while waiting (seconds of EKS time). */
  readonly progressEverySeconds?: number;
  /**
   * When EKS started the update (its `createdAt`), for one this run did not just start (found running, or joined by
   * its token): the schedule then polls where the update's end is likely, not from the start of its own wait. The
   * timeout still counts from the start of the wait. A time ahead of the clock (skew, a simulator's scaled time) is
   * ignored.
   */
  readonly startedAt?: Date;
  /** Reads the update's progress from the data plane, where it can be read: it paces the polls and fills the lines. */
  readonly probe?: ProgressProbe;
  /**
   * What one unit of the probe's work is expected to take (expected-duration.ts, expectedUnitSeconds), against which
   * the pace seen is weighed; without it, a unit's share of `expectedSeconds`.
   */
  readonly unitSeconds?: number;
}

/** Right after an update call, DescribeUpdate may not know the id yet (EKS is eventually consistent). */
const NOT_FOUND_GRACE_SECONDS = 60;
/** While the id is unknown, ask again this soon: it is normally known within seconds, and one still unknown past the grace is an error to report promptly. */
const NOT_FOUND_RETRY_SECONDS = 10;
/** Transient errors that survived the SDK's own retries; a few in a row are tolerated. */
const MAX_CONSECUTIVE_ERRORS = 5;

/** The longest pause between probes of the data plane (seconds): a stalled roll is still shown within it. */
const PROBE_MAX_SECONDS = 30;
/** Progress lines for a change the data plane shows come at most this often (seconds), so a log stays readable. */
const CHANGE_LINE_SECONDS = 10;

/**
 * Polls DescribeUpdate until the update leaves InProgress, and returns its final form. With a progress probe, the
 * data plane paces the polls: DescribeUpdate is asked sparsely while the work goes on, once as soon as the data
 * plane shows it done, and often only after that; EKS's answer alone decides the outcome.
 */
export async function waitForUpdate(o: WaitOptions): Promise<Update> {
  try {
    return await new UpdateWait(o).run();
  } finally {
    o.progress.settle(resourceKey(o.resource));
  }
}

/** One wait, with the schedule, the pace and the lines it has learnt so far. */
class UpdateWait {
  private readonly random: () => number;
  private readonly schedule: PollScheduleOptions;
  private readonly every: number;
  private readonly key: string;
  private readonly where: ReturnType<typeof updateLocation>;
  private readonly start: number;
  /** The update's age when the wait began: where on its schedule the wait starts. */
  private readonly headStart: number;
  /** Made at the first reading: a unit is first expected to take `unitSeconds`, else its share of the expected duration. */
  private pace?: PaceEstimator;
  private lastCompleted = 0;
  private probe?: ProgressProbe;
  private errors = 0;
  private unknownYet = false;
  private nextProgress: number;
  private lastLineAt = 0;
  private lastReading?: string;
  /** When (elapsed seconds) the data plane showed the work done: from then on EKS is asked often. */
  private doneSeenAt?: number;

  constructor(private readonly o: WaitOptions) {
    this.random = o.random ?? Math.random;
    this.schedule = o.schedule ?? DEFAULT_POLL_SCHEDULE;
    this.every = o.progressEverySeconds ?? 60;
    this.nextProgress = this.every;
    this.key = resourceKey(o.resource);
    this.where = updateLocation(o.resource);
    this.start = o.clock.now();
    this.headStart = o.startedAt === undefined ? 0 : Math.max(0, (this.start - o.startedAt.getTime()) / 1000);
    this.probe = o.probe;
  }

  private elapsed(): number {
    return (this.o.clock.now() - this.start) / 1000;
  }

  private age(): number {
    return this.headStart + this.elapsed();
  }

  async run(): Promise<Update> {
    for (;;) {
      this.o.signal?.throwIfAborted();
      const update = await this.describe();
      if (update && update.status !== 'InProgress') return update;
      if (this.elapsed() >= this.o.timeoutSeconds) {
        throw new UpdateTimeoutError(`${this.key}: update ${this.o.updateId} (${this.o.label}) is still InProgress after ${formatDuration(this.elapsed())}, past its ${formatDuration(this.o.timeoutSeconds)} timeout; it keeps running in EKS and the next apply waits for it`);
      }
      if (this.probe && this.doneSeenAt === undefined && !this.unknownYet) await this.pauseOnProgress();
      else await this.pause(this.scheduledDelay());
    }
  }

  /** One DescribeUpdate; undefined while the id is not visible yet or after a tolerated transient error. */
  private async describe(): Promise<Update | undefined> {
    this.unknownYet = false;
    // The grace is judged at the time of asking: other work may move the clock while the call is in flight.
    const askedAt = this.elapsed();
    try {
      const update = await this.o.api.describeUpdate(this.o.updateId, this.where);
      this.errors = 0;
      return update;
    } catch (err) {
      if (isNotFound(err) && askedAt < NOT_FOUND_GRACE_SECONDS) {
        // Not visible yet: treat as in progress.
        this.unknownYet = true;
      } else if (isTransient(err) && ++this.errors < MAX_CONSECUTIVE_ERRORS) {
        this.o.progress.say(this.key, `${this.o.label}: DescribeUpdate failed (${(err as Error).name}); polling again`);
      } else {
        throw err;
      }
      return undefined;
    }
  }

  /** The schedule's next delay; once the data plane showed the work done, EKS is asked within the window's pace. */
  private scheduledDelay(): number {
    const s = this.schedule;
    // Once the data plane showed the work done, EKS's end is near: ask often at first, then at the window's pace.
    const delay = this.doneSeenAt !== undefined
      ? Math.max(s.minSeconds, Math.min(s.windowSeconds, s.relative * (this.elapsed() - this.doneSeenAt)))
      : nextPollDelay(this.age(), this.o.expectedSeconds, this.random(), s);
    return this.unknownYet ? Math.min(delay, NOT_FOUND_RETRY_SECONDS) : delay;
  }

  /** Sleeps `delay` seconds (never past the timeout), with a progress line at least every `every` seconds. */
  private async pause(delay: number): Promise<void> {
    let remaining = Math.min(delay, this.o.timeoutSeconds - this.elapsed());
    while (remaining > 0) {
      // Below a millisecond a clock may not move at all; count such a remainder as reached.
      const untilProgress = this.nextProgress - this.elapsed();
      const chunk = Math.min(remaining, untilProgress > 0.001 ? untilProgress : 0);
      if (chunk > 0) await this.o.clock.sleep(chunk * 1000, this.o.signal);
      remaining -= chunk;
      if (chunk === 0 || this.elapsed() >= this.nextProgress) this.heartbeat();
    }
  }

  private heartbeat(): void {
    this.o.progress.status(this.key, `${this.o.label}: update ${this.o.updateId} InProgress, ${formatDuration(this.age())} elapsed (usually ~${formatDuration(this.o.expectedSeconds)})`);
    this.nextProgress = this.elapsed() + this.every;
  }

  /**
   * Probes the data plane until it is time to ask EKS: after the schedule's sparse step (so a failure EKS reports is
   * seen within it), or at once when the work looks done. Probes come closer as the pace's estimate of the end
   * nears. A probe that fails ends probing for this wait, with one line: the schedule alone paces the rest.
   */
  private async pauseOnProgress(): Promise<void> {
    const askAt = Math.min(this.elapsed() + this.schedule.sparseSeconds, this.o.timeoutSeconds);
    while (this.elapsed() < askAt) {
      const delay = Math.min(this.probeDelay(), askAt - this.elapsed());
      await this.o.clock.sleep(delay * 1000, this.o.signal);
      const reading = await this.read();
      if (reading === undefined) return;
      if (reading.done) {
        this.doneSeenAt = this.elapsed();
        return;
      }
    }
  }

  private async read(): Promise<ProgressReading | undefined> {
    try {
      const reading = await this.probe!();
      this.pace ??= new PaceEstimator(this.o.unitSeconds ?? this.o.expectedSeconds / Math.max(1, reading.total));
      this.pace.observe(reading, this.o.clock.now());
      this.lastCompleted = reading.completed;
      this.report(reading);
      return reading;
    } catch (err) {
      this.probe = undefined;
      this.o.progress.say(this.key, `${this.o.label}: progress not readable (${(err as Error).message}); waiting on EKS's schedule`);
      return undefined;
    }
  }

  /**
   * In the work's last step, as often as allowed; else half the estimated time left, and half a unit's time at most;
   * before any pace, a share of the age. Always within [minSeconds, PROBE_MAX_SECONDS].
   */
  private probeDelay(): number {
    // The last step of the work (its last batch of nodes, its last pod) may end at any moment: look as often as allowed.
    if (this.pace?.inFinalStep(this.lastCompleted)) return this.schedule.minSeconds;
    const left = this.pace?.remainingSeconds(this.o.clock.now());
    // Half a unit's time at most, so each completion is seen close to when it happened and the pace stays true.
    const unit = this.pace?.secondsPerUnit() ?? Infinity;
    const wanted = left === undefined ? this.schedule.relative * this.age() : Math.min(left, unit) / 2;
    return Math.max(this.schedule.minSeconds, Math.min(PROBE_MAX_SECONDS, wanted));
  }

  /** A line when the reading changed (at most every CHANGE_LINE_SECONDS), and at least every `every` seconds. */
  private report(reading: ProgressReading): void {
    const text = describeReading(reading);
    const sinceLine = this.elapsed() - this.lastLineAt;
    const changed = text !== this.lastReading;
    if (!(changed && sinceLine >= CHANGE_LINE_SECONDS) && sinceLine < this.every && this.lastReading !== undefined) return;
    const left = this.pace?.remainingSeconds(this.o.clock.now());
    const eta = left === undefined ? `usually ~${formatDuration(this.o.expectedSeconds)}` : `ETA ${formatDuration(left)}`;
    this.o.progress.status(this.key, `${text} · ${eta} (update ${this.o.updateId}, ${formatDuration(this.age())} elapsed)`);
    this.lastReading = text;
    this.lastLineAt = this.elapsed();
    this.nextProgress = this.elapsed() + this.every;
  }
}

function isTransient(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return status === 429 || status >= 500 || /Throttl|ServiceUnavailable|ServerException|TimeoutError|ECONNRESET|ECONNREFUSED/.test(e?.name ?? '');
}

import type { Update } from '@aws-sdk/client-eks';
import { Clock } from './clock';
import { DEFAULT_POLL_SCHEDULE, nextPollDelay, PollScheduleOptions } from './poll-schedule';
import { formatDuration, Progress } from './progress';
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
}

/** Right after an update call, DescribeUpdate may not know the id yet (EKS is eventually consistent). */
const NOT_FOUND_GRACE_SECONDS = 60;
/** While the id is unknown, ask again this soon: it is normally known within seconds, and one still unknown past the grace is an error to report promptly. */
const NOT_FOUND_RETRY_SECONDS = 10;
/** Transient errors that survived the SDK's own retries; a few in a row are tolerated. */
const MAX_CONSECUTIVE_ERRORS = 5;

/** Polls DescribeUpdate until the update leaves InProgress, and returns its final form. */
export async function waitForUpdate(o: WaitOptions): Promise<Update> {
  const random = o.random ?? Math.random;
  const schedule = o.schedule ?? DEFAULT_POLL_SCHEDULE;
  const every = o.progressEverySeconds ?? 60;
  const key = resourceKey(o.resource);
  const where = updateLocation(o.resource);
  const start = o.clock.now();
  const elapsed = () => (o.clock.now() - start) / 1000;
  // The update's age when the wait began: where on its schedule the wait starts.
  const headStart = o.startedAt === undefined ? 0 : Math.max(0, (start - o.startedAt.getTime()) / 1000);
  const age = () => headStart + elapsed();
  let errors = 0;
  let nextProgress = every;

  for (;;) {
    o.signal?.throwIfAborted();
    let update: Update | undefined;
    let unknownYet = false;
    // The grace is judged at the time of asking: other work may move the clock while the call is in flight.
    const askedAt = elapsed();
    try {
      update = await o.api.describeUpdate(o.updateId, where);
      errors = 0;
    } catch (err) {
      if (isNotFound(err) && askedAt < NOT_FOUND_GRACE_SECONDS) {
        // Not visible yet: treat as in progress.
        unknownYet = true;
      } else if (isTransient(err) && ++errors < MAX_CONSECUTIVE_ERRORS) {
        o.progress.say(key, `${o.label}: DescribeUpdate failed (${(err as Error).name}); polling again`);
      } else {
        throw err;
      }
    }
    if (update && update.status !== 'InProgress') return update;
    if (elapsed() >= o.timeoutSeconds) {
      throw new UpdateTimeoutError(`${key}: update ${o.updateId} (${o.label}) is still InProgress after ${formatDuration(elapsed())}, past its ${formatDuration(o.timeoutSeconds)} timeout; it keeps running in EKS and the next apply waits for it`);
    }

    const delay = nextPollDelay(age(), o.expectedSeconds, random(), schedule);
    let remaining = Math.min(unknownYet ? Math.min(delay, NOT_FOUND_RETRY_SECONDS) : delay, o.timeoutSeconds - elapsed());
    while (remaining > 0) {
      // Below a millisecond a clock may not move at all; count such a remainder as reached.
      const untilProgress = nextProgress - elapsed();
      const chunk = Math.min(remaining, untilProgress > 0.001 ? untilProgress : 0);
      if (chunk > 0) await o.clock.sleep(chunk * 1000, o.signal);
      remaining -= chunk;
      if (chunk === 0 || elapsed() >= nextProgress) {
        o.progress.say(key, `${o.label}: update ${o.updateId} InProgress, ${formatDuration(age())} elapsed (usually ~${formatDuration(o.expectedSeconds)})`);
        nextProgress = elapsed() + every;
      }
    }
  }
}

function isTransient(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return status === 429 || status >= 500 || /Throttl|ServiceUnavailable|ServerException|TimeoutError|ECONNRESET|ECONNREFUSED/.test(e?.name ?? '');
}

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../src/engine/clock';
import type { VirtualClock } from '../src/simulator';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
  cancelled: boolean;
}

/**
 * A discrete-event scheduler over the simulator's virtual time, seen by the engine as its `Clock`.
 *
 * `sleep(ms)` registers a timer instead of waiting. `run(work)` lets every actor (waiters, executor lanes,
 * baseline loops) proceed until all of them are blocked on timers, then moves the VirtualClock to the earliest
 * timer and wakes its sleeper, and so on until `work` settles. An actor is "blocked" when no API call is in
 * flight (see `track`) and a few turns of the event loop bring no new timer or call: the engine and the
 * simulator do nothing between an API answer and the next sleep that needs real time.
 */
export class EventClock implements Clock {
  private readonly timers: Timer[] = [];
  private seq = 0;
  private inFlight = 0;
  /** Bumped by every timer registered and every call started or finished: "something happened". */
  private activity = 0;
  /** Timers fired so far (for the run summary). */
  fired = 0;

  constructor(readonly virtual: VirtualClock) {}

  now(): number {
    return this.virtual.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.now() + Math.max(0, ms), seq: this.seq++, resolve, cancelled: false };
      this.insert(timer);
      this.activity++;
      signal?.addEventListener('abort', () => {
        timer.cancelled = true;
        reject(signal.reason);
      }, { once: true });
    });
  }

  /** Wraps an asynchronous call so the scheduler never advances time while it is running. */
  async track<T>(call: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.activity++;
    try {
      return await call();
    } finally {
      this.inFlight--;
      this.activity++;
    }
  }

  /** Runs `work` to completion in virtual time. Throws if every actor is idle with no timer left (a deadlock). */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(() => { done = true; }, () => { done = true; });
    for (;;) {
      await this.quiesce();
      if (done) return work;
      const next = this.popNext();
      if (!next) {
        throw new Error('event clock: nothing is scheduled but the work has not finished (an actor waits on something other than the clock)');
      }
      if (next.at > this.now()) this.virtual.set(next.at);
      this.fired++;
      next.resolve();
    }
  }

  /** Lets pending promise chains and immediates run until two consecutive turns bring nothing new. */
  private async quiesce(): Promise<void> {
    let quiet = 0;
    while (quiet < 2) {
      const before = this.activity;
      await nextTurn();
      quiet = this.inFlight === 0 && before === this.activity ? quiet + 1 : 0;
    }
  }

  private popNext(): Timer | undefined {
    for (;;) {
      const t = this.timers.shift();
      if (!t || !t.cancelled) return t;
    }
  }

  /** Keeps timers ordered by due time, then by registration (so equal times wake in a fixed order). */
  private insert(timer: Timer): void {
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const m = this.timers[mid];
      if (m.at < timer.at || (m.at === timer.at && m.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }
}

import type { Update } from '@aws-sdk/client-eks';
import { FakeClock } from './fake-clock';
import { EksApi } from '../../src/aws/eks-api';
import { DEFAULT_POLL_SCHEDULE } from '../../src/engine/poll-schedule';
import { Progress } from '../../src/engine/progress';
import { waitForUpdate } from '../../src/engine/waiter';
import { UpdateTimeoutError } from '../../src/errors/run-errors';

/** An EKS stand-in for one module's test: DescribeUpdate reports InProgress until `doneAt`. */
function fakeApi(clock: FakeClock, doneAt: number, final: Partial<Update> = { status: 'Successful' }, failFirst: Error[] = []) {
  const calls: number[] = [];
  const api = {
    describeUpdate: async (id: string) => {
      calls.push(clock.now());
      const e = failFirst.shift();
      if (e) throw e;
      return clock.now() >= doneAt ? { id, ...final } : { id, status: 'InProgress' };
    },
  } as unknown as EksApi;
  return { api, calls };
}

function setup(expectedSeconds: number, doneAfterSeconds: number, extra: Partial<Parameters<typeof waitForUpdate>[0]> = {}, failFirst: Error[] = []) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const { api, calls } = fakeApi(clock, clock.now() + doneAfterSeconds * 1000, undefined, failFirst);
  const run = waitForUpdate({
    api,
    clock,
    progress: new Progress(clock, (l) => lines.push(l)),
    resource: { kind: 'cluster', name: 'demo' },
    updateId: 'u-1',
    label: 'control plane to 1.30',
    expectedSeconds,
    timeoutSeconds: 5400,
    random: () => 0.5,
    ...extra,
  });
  return { clock, lines, calls, run, start: clock.now() };
}

describe('waitForUpdate', () => {
  test('returns the final update and notices completion soon after it happens', async () => {
    const { run, clock, start, calls } = setup(600, 630);
    const update = await run;
    expect(update.status).toBe('Successful');
    const latency = (clock.now() - start) / 1000 - 630;
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(10); // the end falls in the ±20 % window, polled every 9 s
    // Sparse until 42 % of the expected 600 s, then 5 % of the elapsed time, then 9 s: about half the 69 polls
    // of 0.2 s doubling to a 10 s cap.
    expect(calls.length).toBeLessThan(40);
  });

  test('an update far shorter or longer than expected is still seen within 5 % of its duration', async () => {
    for (const doneAfter of [300, 1500]) {
      const { run, clock, start } = setup(600, doneAfter);
      await run;
      const latency = (clock.now() - start) / 1000 - doneAfter;
      expect(latency).toBeGreaterThanOrEqual(0);
      expect(latency).toBeLessThanOrEqual(0.05 * doneAfter);
    }
  });

  test('prints a progress line at least once a minute even while polls are sparse', async () => {
    const schedule = { ...DEFAULT_POLL_SCHEDULE, sparseSeconds: 600, maxSeconds: 600 };
    const { run, lines, calls } = setup(3600, 3000, { schedule });
    await run;
    const progressLines = lines.filter((l) => l.includes('InProgress'));
    expect(progressLines.length).toBeGreaterThanOrEqual(49); // 3000 s / 60 s, less the last minute
    expect(calls.length).toBeLessThan(progressLines.length);
    expect(progressLines[0]).toMatch(/cluster\/demo .*control plane to 1\.30: update u-1 InProgress, 1m00s elapsed \(usually ~1h00m\)/);
  });

  test('times out with the update id and says it keeps running', async () => {
    const { run } = setup(600, 99_999, { timeoutSeconds: 1200 });
    await expect(run).rejects.toThrow(UpdateTimeoutError);
    await expect(run).rejects.toThrow(/update u-1 .* still InProgress after 20m00s.*next apply waits for it/);
  });

  test('tolerates a not-yet-visible update id (eventual consistency) and transient errors', async () => {
    const notFound = Object.assign(new Error('No update found'), { name: 'ResourceNotFoundException' });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    const { run, lines } = setup(120, 130, {}, [notFound, throttled]);
    await expect(run).resolves.toMatchObject({ status: 'Successful' });
    expect(lines.some((l) => l.includes('DescribeUpdate failed (ThrottlingException)'))).toBe(true);
  });

  test('an update id still unknown past the 60 s grace fails within seconds of it, not at the next sparse poll', async () => {
    const notFound = () => Object.assign(new Error('No update found for ID: u-1'), { name: 'ResourceNotFoundException' });
    const { run, clock, start, calls } = setup(600, 600, {}, Array.from({ length: 50 }, notFound));
    await expect(run).rejects.toThrow('No update found');
    const failedAt = (clock.now() - start) / 1000;
    expect(failedAt).toBeGreaterThanOrEqual(60);
    expect(failedAt).toBeLessThanOrEqual(70);
    expect(calls.length).toBeLessThanOrEqual(8);
  });

  test('the grace is judged when DescribeUpdate was asked, even if the clock moved while it was in flight', async () => {
    const clock = new FakeClock();
    let asked = 0;
    const api = {
      describeUpdate: async (id: string) => {
        if (asked++ > 0) return { id, status: 'Successful' };
        await clock.sleep(90_000); // other waiters' sleeps move a shared clock while this call is in flight
        throw Object.assign(new Error('No update found'), { name: 'ResourceNotFoundException' });
      },
    } as unknown as EksApi;
    const update = await waitForUpdate({
      api,
      clock,
      progress: new Progress(clock, () => undefined),
      resource: { kind: 'addon', name: 'coredns' },
      updateId: 'u-1',
      label: 'coredns',
      expectedSeconds: 120,
      timeoutSeconds: 5400,
      random: () => 0.5,
    });
    expect(update.status).toBe('Successful');
  });

  test('gives up on persistent errors instead of spinning', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    const { run } = setup(120, 130, {}, [denied]);
    await expect(run).rejects.toThrow('not authorized');
  });

  test('stops when the signal fires', async () => {
    const abort = new AbortController();
    abort.abort(new Error('SIGTERM'));
    const { run } = setup(600, 630, { signal: abort.signal });
    await expect(run).rejects.toThrow('SIGTERM');
  });
});

describe('waitForUpdate for an update already under way (startedAt)', () => {
  test('an update found 500 s into an expected 600 s is polled across its window at once, not from a sparse start', async () => {
    const { run, clock, calls, lines } = setup(600, 130, { startedAt: new Date(new FakeClock().now() - 500_000), label: 'running VersionUpdate' });
    const update = await run;
    expect(update.status).toBe('Successful');
    // It ends 630 s after EKS started it; the window (480-720 s) is polled every 9 s, so it is seen within 9 s.
    const latency = (clock.now() - calls[0]) / 1000 - 130;
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(9.5);
    // Without the head start the wait would begin with sparse 120 s steps, as for a fresh update.
    const fresh = setup(600, 130);
    await fresh.run;
    expect((fresh.clock.now() - fresh.start) / 1000 - 130).toBeGreaterThan(latency + 20);
    // Progress lines give the update's age, not the wait's.
    expect(lines.some((l) => /InProgress, 9m\d\ds elapsed|InProgress, 1\dm/.test(l))).toBe(true);
  });

  test('a start time ahead of the clock (skew, a simulator on scaled time) is ignored', async () => {
    const ahead = setup(600, 630, { startedAt: new Date(new FakeClock().now() + 3_600_000) });
    const plain = setup(600, 630);
    await Promise.all([ahead.run, plain.run]);
    expect(ahead.calls.map((t) => t - ahead.start)).toEqual(plain.calls.map((t) => t - plain.start));
  });

  test('the timeout still counts from the start of the wait', async () => {
    // Found 3 hours into an update expected to take 10 minutes, with 5 minutes to wait: it waits those 5 minutes.
    const { run, clock, start } = setup(600, 10_000, { startedAt: new Date(new FakeClock().now() - 10_800_000), timeoutSeconds: 300 });
    await expect(run).rejects.toThrow(UpdateTimeoutError);
    expect((clock.now() - start) / 1000).toBe(300);
  });
});

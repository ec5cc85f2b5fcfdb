import type { Update } from '@aws-sdk/client-eks';
import { FakeClock } from './fake-clock';
import type { EksApi } from '../../src/aws/eks-api';
import { Progress } from '../../src/engine/progress';
import type { ProgressReading } from '../../src/engine/update-progress';
import { waitForUpdate } from '../../src/engine/waiter';
import { UpdateTimeoutError } from '../../src/errors/run-errors';

/**
 * A node group of `total` nodes replaced one every `perNode` seconds after `setup` seconds, as the data plane shows
 * it, while EKS reports the update `final` from `eksDoneAfter` seconds on.
 */
function rollWorld(o: { total: number; setup: number; perNode: number; eksDoneAfter: number; final?: Partial<Update>; stallAt?: number }) {
  const clock = new FakeClock();
  const start = clock.now();
  const at = () => (clock.now() - start) / 1000;
  const describeCalls: number[] = [];
  const api = {
    describeUpdate: async (id: string) => {
      describeCalls.push(at());
      return at() >= o.eksDoneAfter ? { id, status: 'Successful', ...o.final } : { id, status: 'InProgress' };
    },
  } as unknown as EksApi;
  const probes: number[] = [];
  const probe = async (): Promise<ProgressReading> => {
    probes.push(at());
    const replaced = Math.max(0, Math.min(o.total, Math.floor((at() - o.setup) / o.perNode)));
    const completed = o.stallAt === undefined ? replaced : Math.min(replaced, o.stallAt);
    return { completed, total: o.total, unit: 'nodes on 1.31', done: completed === o.total, phase: completed === o.total ? 'scale down' : 'upgrade' };
  };
  const lines: string[] = [];
  const wait = (extra: Partial<Parameters<typeof waitForUpdate>[0]> = {}) => waitForUpdate({
    api,
    clock,
    progress: new Progress(clock, (l) => lines.push(l)),
    resource: { kind: 'nodegroup', name: 'general' },
    updateId: 'u-1',
    label: 'general to 1.31',
    expectedSeconds: 1500,
    timeoutSeconds: 6 * 3600,
    random: () => 0.5,
    probe,
    ...extra,
  });
  return { clock, at, wait, describeCalls, probes, lines };
}

describe('waitForUpdate with a progress probe', () => {
  test('a done signal leads to exactly one confirming DescribeUpdate', async () => {
    // 12 nodes, 4 min each after 3 min of setup: the data plane shows the last node at 51 min, EKS says so too.
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, eksDoneAfter: 180 + 12 * 240 });
    const update = await world.wait();
    expect(update.status).toBe('Successful');
    const doneSeen = world.probes.find((t) => t >= 180 + 12 * 240)!;
    const after = world.describeCalls.filter((t) => t >= doneSeen);
    expect(after).toEqual([doneSeen]);
    // Seen within a few seconds of the end, where polling on the schedule alone sees it within 5 % of 51 min.
    expect(world.at() - (180 + 12 * 240)).toBeLessThan(15);
  });

  test('while the work goes on, DescribeUpdate is asked sparsely: about once per sparse step', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, eksDoneAfter: 180 + 12 * 240 });
    await world.wait();
    // 51 min at one ask per 120 s, plus the first and the confirming one.
    expect(world.describeCalls.length).toBeLessThanOrEqual(Math.ceil(3060 / 120) + 2);
  });

  test('a done signal EKS does not confirm yet is followed by polls at the window pace until it does', async () => {
    const end = 180 + 12 * 240;
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, eksDoneAfter: end + 60 });
    await world.wait();
    expect(world.at() - (end + 60)).toBeLessThanOrEqual(9);
  });

  test('progress that stalls changes nothing EKS decides: a failure EKS reports is returned, seen within the sparse step', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, stallAt: 5, eksDoneAfter: 2000, final: { status: 'Failed', errors: [{ errorCode: 'PodEvictionFailure' }] } });
    const update = await world.wait();
    expect(update.status).toBe('Failed');
    expect(world.at() - 2000).toBeLessThanOrEqual(120);
  });

  test('progress that stalls does not end the wait early, nor stretch it past the timeout', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, stallAt: 5, eksDoneAfter: 99_999 });
    await expect(world.wait({ timeoutSeconds: 3600 })).rejects.toThrow(UpdateTimeoutError);
    expect(world.at()).toBe(3600);
  });

  test('EKS ending the update before the data plane shows it done is seen at the next sparse ask', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, stallAt: 5, eksDoneAfter: 1000 });
    await expect(world.wait()).resolves.toMatchObject({ status: 'Successful' });
    expect(world.at() - 1000).toBeLessThanOrEqual(120);
  });

  test('probes come closer as the estimated end nears', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, eksDoneAfter: 180 + 12 * 240 });
    await world.wait();
    const gaps = world.probes.slice(1).map((t, i) => t - world.probes[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30);
    expect(gaps[gaps.length - 1]).toBeLessThanOrEqual(5);
    // No more probes than a 30 s step would need, though the end is seen within seconds.
    expect(world.probes.length).toBeLessThan(3060 / 10);
  });

  test('lines say how far it has gone, with an ETA from the pace seen so far', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, eksDoneAfter: 180 + 12 * 240 });
    await world.wait();
    const line = world.lines.find((l) => l.includes('6/12 nodes on 1.31'))!;
    expect(line).toMatch(/nodegroup\/general\s+6\/12 nodes on 1\.31 · upgrade · ETA (2[0-9])m\d\ds \(update u-1, /);
    const eta = Number(/ETA (\d+)m/.exec(line)![1]);
    // 6 nodes left at 4 min each: 24 min, read within one node's time.
    expect(Math.abs(eta - 24)).toBeLessThanOrEqual(4);
  });

  test('a probe that fails ends probing with one line, and the schedule paces the rest', async () => {
    const world = rollWorld({ total: 12, setup: 180, perNode: 240, eksDoneAfter: 1500 });
    let calls = 0;
    const update = await world.wait({ expectedSeconds: 1500, probe: async () => { calls++; throw new Error('403 Forbidden'); } });
    expect(update.status).toBe('Successful');
    expect(calls).toBe(1);
    expect(world.lines.filter((l) => l.includes('progress not readable (403 Forbidden)'))).toHaveLength(1);
  });
});

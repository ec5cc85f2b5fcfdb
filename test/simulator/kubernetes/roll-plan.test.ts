import { dataPlaneOf } from './kube-fixture';
import { Simulator, VirtualClock, defaultSeed } from '../../../src/simulator';

const post = (sim: Simulator, path: string) => sim.handle({ method: 'POST', path, body: '{}' });

/** When each of demo/general's old nodes left, in simulated seconds from the update's start. */
async function departures(drawEachBatch: boolean) {
  const clock = new VirtualClock();
  const sim = new Simulator({ clock, seed: defaultSeed(), rngSeed: 5, durations: { spread: 'log-normal', drawEachBatch } });
  const old = dataPlaneOf(sim.state(), 'demo').nodes.filter((n) => n.nodegroup === 'general').map((n) => n.name);
  const id = JSON.parse((await post(sim, '/clusters/demo/node-groups/general/update-version')).body).update.id;
  const start = clock.now();
  const left = new Map<string, number>();
  while (sim.state().updates!.find((u) => u.id === id)!.status === 'InProgress') {
    clock.advance(1000);
    const names = new Set(dataPlaneOf(sim.state(), 'demo').nodes.map((n) => n.name));
    for (const n of old) if (!names.has(n) && !left.has(n)) left.set(n, (clock.now() - start) / 1000);
  }
  const u = sim.state().updates!.find((x) => x.id === id)!;
  return { gaps: [...left.values()].sort((a, b) => a - b).map((t, i, all) => t - (all[i - 1] ?? 0)), duration: (Date.parse(u.endsAt) - Date.parse(u.createdAt)) / 1000 };
}

describe('durations.drawEachBatch: a roll drawn batch by batch', () => {
  test('its batches take different times, and the update ends as its last node leaves', async () => {
    const drawn = await departures(true);
    expect(new Set(drawn.gaps.slice(1).map(Math.round)).size).toBeGreaterThan(1);
    expect(drawn.gaps.reduce((a, b) => a + b, 0)).toBeCloseTo(drawn.duration, -1);
  });

  test('without it, batches after the first are evenly spread', async () => {
    const even = await departures(false);
    const later = even.gaps.slice(1).map(Math.round);
    expect(Math.max(...later) - Math.min(...later)).toBeLessThanOrEqual(1);
  });
});

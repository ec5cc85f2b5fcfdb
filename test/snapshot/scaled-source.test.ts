/** A snapshot of a time-scaled simulator (its clock runs ahead of the real one) still has every update end after it starts. */
import { EksApi } from '../../src/aws/eks-api';
import { startSimulator } from '../../src/simulator';
import { snapshotToSeed } from '../../src/snapshot/snapshot-to-seed';
import { takeSnapshot } from '../../src/snapshot/take-snapshot';

test('updates read from a 600x simulator end no earlier than they start, and the snapshot is not dated before them', async () => {
  const sim = await startSimulator({ port: 0, timeScale: 600 });
  const api = new EksApi('demo', { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, endpoints: { eks: sim.url, ssm: sim.url } });
  try {
    await api.updateAddon({ addonName: 'vpc-cni', addonVersion: 'v1.17.1-eksbuild.1' } as never);
    // Wait in the simulator's time (not a fixed real delay) until it is well past the update's start.
    const started = Date.parse((sim.simulator.state().updates ?? [])[0].createdAt);
    while (sim.simulator.clock.now() < started + 600_000) await new Promise((r) => setTimeout(r, 20));
    const reading = await takeSnapshot(api);
    const seed = snapshotToSeed(reading, 'us-east-1');
    const updates = seed.updates ?? [];
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) expect([u.id, Date.parse(u.endsAt) >= Date.parse(u.createdAt)]).toEqual([u.id, true]);
    expect(reading.takenAt).toBeGreaterThanOrEqual(Math.max(...updates.map((u) => Date.parse(u.createdAt))));
  } finally {
    api.destroy();
    await sim.close();
  }
});

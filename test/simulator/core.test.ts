import {
  countByOperation, countByResource, countCalls, defaultSeed, ScaledClock, SeedError, Simulator, VirtualClock, type SimRequest,
} from '../../src/simulator';

/** The core without sockets: requests in, responses out. */
const call = async (sim: Simulator, req: SimRequest) => {
  const res = await sim.handle(req);
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
};
const updateAddon = (sim: Simulator, addon: string, body: object = {}) =>
  call(sim, { method: 'POST', path: `/clusters/demo/addons/${addon}/update`, body: JSON.stringify(body) });
const describeAddon = (sim: Simulator, addon: string) => call(sim, { method: 'GET', path: `/clusters/demo/addons/${addon}` });

describe('clocks', () => {
  test('VirtualClock starts at a fixed epoch and moves only when told', () => {
    const clock = new VirtualClock();
    expect(new Date(clock.now()).toISOString()).toBe('2025-06-02T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now()).toBe(Date.UTC(2025, 5, 2) + 1500);
    clock.set(0);
    expect(clock.now()).toBe(0);
    expect(() => clock.advance(-1)).toThrow();
  });

  test('ScaledClock runs X simulated seconds per real second', async () => {
    const clock = new ScaledClock(600);
    const start = clock.now();
    await new Promise((r) => setTimeout(r, 100));
    const elapsed = clock.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(55_000);
    expect(elapsed).toBeLessThan(600_000);
    expect(() => new ScaledClock(0)).toThrow();
  });
});

describe('wire format', () => {
  test('errors carry x-amzn-ErrorType and a JSON message; timestamps are epoch seconds', async () => {
    const sim = new Simulator({ clock: new VirtualClock() });
    const missing = await call(sim, { method: 'GET', path: '/clusters/nope' });
    expect(missing.status).toBe(404);
    expect(missing.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(missing.json).toEqual({ message: 'No cluster found for name: nope.', clusterName: 'nope' });
    const ok = await call(sim, { method: 'GET', path: '/clusters/demo' });
    expect(ok.json.cluster.createdAt).toBe(Date.parse('2025-01-20T09:30:00.000Z') / 1000);
  });

  test('unrouted requests and unparsable bodies', async () => {
    const sim = new Simulator({ clock: new VirtualClock() });
    const unknown = await call(sim, { method: 'DELETE', path: '/clusters/demo' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    const garbled = await call(sim, { method: 'POST', path: '/clusters/demo/updates', body: '{not json' });
    expect(garbled.status).toBe(400);
    expect(garbled.headers['x-amzn-errortype']).toBe('InvalidRequestException');
    expect(sim.calls().map((c) => c.operation)).toEqual(['Unknown', 'UpdateClusterVersion']);
  });
});

describe('durations', () => {
  async function addonDurations(options: { durationJitter?: number; rngSeed?: number }): Promise<number[]> {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock, ...options });
    const ends: number[] = [];
    for (const addon of ['vpc-cni', 'coredns', 'kube-proxy']) {
      await updateAddon(sim, addon);
      const start = clock.now();
      while ((await describeAddon(sim, addon)).json.addon.status === 'UPDATING') clock.advance(1000);
      ends.push((clock.now() - start) / 1000);
    }
    return ends;
  }

  test('exact by default; jittered ±J reproducibly per rngSeed', async () => {
    expect(await addonDurations({})).toEqual([120, 120, 120]);
    const a = await addonDurations({ durationJitter: 0.2, rngSeed: 42 });
    expect(await addonDurations({ durationJitter: 0.2, rngSeed: 42 })).toEqual(a);
    expect(await addonDurations({ durationJitter: 0.2, rngSeed: 43 })).not.toEqual(a);
    for (const d of a) expect(d).toBeGreaterThanOrEqual(96);
    for (const d of a) expect(d).toBeLessThanOrEqual(145);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  test('durations are configurable', async () => {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock, durations: { addonSeconds: 10 } });
    await updateAddon(sim, 'coredns');
    clock.advance(10_000);
    expect((await describeAddon(sim, 'coredns')).json.addon.status).toBe('ACTIVE');
  });
});

describe('state', () => {
  test('state() reads back into seed(): in-flight updates carry on', async () => {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock });
    const started = (await updateAddon(sim, 'coredns', { addonVersion: 'v1.11.3-eksbuild.1' })).json.update;
    const snapshot = sim.state();
    const copy = new Simulator({ clock, seed: snapshot });
    expect(copy.state()).toEqual(snapshot);
    expect((await describeAddon(copy, 'coredns')).json.addon.status).toBe('UPDATING');
    clock.advance(120_000);
    const done = await call(copy, { method: 'GET', path: `/clusters/demo/updates/${started.id}`, query: { addonName: 'coredns' } });
    expect(done.json.update.status).toBe('Successful');
    expect((await describeAddon(copy, 'coredns')).json.addon.addonVersion).toBe('v1.11.3-eksbuild.1');
  });

  test('reset() returns to the constructed seed with no faults and no calls; seed() keeps them', async () => {
    const seed = defaultSeed();
    seed.clusters[0].name = 'other';
    const sim = new Simulator({ clock: new VirtualClock(), seed });
    sim.seed(defaultSeed());
    sim.injectFault({ kind: 'throttle' });
    expect((await call(sim, { method: 'GET', path: '/clusters/demo' })).status).toBe(429);
    sim.injectFault({ kind: 'throttle' });
    sim.reset();
    expect(sim.faults()).toEqual([]);
    expect(sim.calls()).toEqual([]);
    expect((await call(sim, { method: 'GET', path: '/clusters/other' })).status).toBe(200);
  });

  test('minimal seeds get defaults; broken seeds are SeedErrors naming the field', async () => {
    const sim = new Simulator({ clock: new VirtualClock(), seed: { clusters: [{ name: 'mini', version: '1.31' }] } });
    const state = sim.state();
    expect(state.clusters[0]).toMatchObject({ status: 'ACTIVE', platformVersion: 'eks.29', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/mini', autoMode: false });
    expect(state.kubernetesVersions).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33']);
    expect(() => sim.seed({ clusters: [{ name: 'a', version: '1.30', nodegroups: [{ name: 'n', version: '1.30' } as any] }] }))
      .toThrow(new SeedError('clusters[0] (a).nodegroups[0].amiType must be a non-empty string'));
    expect(() => sim.seed({ clusters: [{ name: 'a', version: '1.30' }, { name: 'a', version: '1.31' }] })).toThrow("clusters has two entries named 'a'");
  });
});

describe('call log', () => {
  test('records every request with its sequence, simulated time and outcome; helpers count them', async () => {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock });
    await updateAddon(sim, 'coredns', { clientRequestToken: 't1' });
    clock.advance(5000);
    await updateAddon(sim, 'coredns', { clientRequestToken: 't1' });
    await updateAddon(sim, 'coredns', { addonVersion: 'v0' });
    await describeAddon(sim, 'coredns');
    await call(sim, { method: 'GET', path: '/addons/supported-versions' });
    const calls = sim.calls();
    expect(calls.map((c) => [c.seq, c.time - calls[0].time, c.status, c.mutating, c.createdUpdate])).toEqual([
      [1, 0, 200, true, true], [2, 5000, 200, true, false], [3, 5000, 409, true, false], [4, 5000, 200, false, false], [5, 5000, 200, false, false],
    ]);
    expect(calls[1]).toMatchObject({ updateId: calls[0].updateId, clientRequestToken: 't1', resource: 'addon/demo/coredns' });
    expect(countByOperation(calls)).toEqual({ UpdateAddon: 3, DescribeAddon: 1, DescribeAddonVersions: 1 });
    expect(countByResource(calls)).toEqual({ 'addon/demo/coredns': 4 });
    expect(countCalls(calls, { mutating: true, status: 200 })).toBe(2);
    sim.clearCalls();
    expect(sim.calls()).toEqual([]);
  });
});

import { DescribeClusterCommand, ThrottlingException } from '@aws-sdk/client-eks';
import { rejection, startFixture, type Fixture } from './sim-fixture';
import { defaultSeed, startSimulator, VirtualClock } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

async function admin(method: string, what: string, body?: unknown) {
  const res = await fetch(`${f.running.url}/__simulator/${what}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}
const clusterVersion = async () => (await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.version;

test('GET state returns the state in seed format; POST seed replaces it; POST reset restores the original', async () => {
  const { status, json: state } = await admin('GET', 'state');
  expect(status).toBe(200);
  expect(state.clusters[0]).toMatchObject({ name: 'demo', version: '1.29', autoMode: true });
  state.clusters[0].version = '1.31';
  expect((await admin('POST', 'seed', state)).status).toBe(200);
  expect(await clusterVersion()).toBe('1.31');
  expect((await admin('POST', 'reset')).status).toBe(200);
  expect(await clusterVersion()).toBe('1.29');
});

test('a seed the simulator cannot use is a 400 naming the field', async () => {
  expect(await admin('POST', 'seed', { clusters: [{ name: 'x' }] })).toEqual({ status: 400, json: { message: 'invalid simulator seed: clusters[0].version must be a non-empty string' } });
  expect((await admin('POST', 'seed', { nothing: true })).status).toBe(400);
});

test('POST faults injects (same JSON as injectFault) and returns the id; GET lists; DELETE clears', async () => {
  const { json } = await admin('POST', 'faults', { kind: 'throttle', operation: 'DescribeCluster' });
  expect(json.id).toMatch(/^fault-\d+$/);
  expect((await admin('GET', 'faults')).json).toEqual([{ kind: 'throttle', operation: 'DescribeCluster', id: json.id, remaining: 1 }]);
  expect(await rejection(clusterVersion())).toBeInstanceOf(ThrottlingException);
  await admin('POST', 'faults', { kind: 'throttle' });
  await admin('DELETE', 'faults');
  expect(await clusterVersion()).toBe('1.29');
  expect((await admin('POST', 'faults', { kind: 'nope' })).status).toBe(400);
});

test('GET calls returns the call log; DELETE calls clears it', async () => {
  await clusterVersion();
  const { json } = await admin('GET', 'calls');
  expect(json).toEqual([expect.objectContaining({ seq: 1, operation: 'DescribeCluster', resource: 'cluster/demo', status: 200, mutating: false })]);
  await admin('DELETE', 'calls');
  expect((await admin('GET', 'calls')).json).toEqual([]);
});

test('POST advance moves a virtual clock, and is refused on real time', async () => {
  const before = f.clock.now();
  expect((await admin('POST', 'advance', { seconds: 90 })).json).toEqual({ now: new Date(before + 90_000).toISOString() });
  expect((await admin('POST', 'advance', { seconds: -1 })).status).toBe(400);
  const real = await startSimulator({ timeScale: 10, seed: defaultSeed() });
  try {
    const res = await fetch(`${real.url}/__simulator/advance`, { method: 'POST', body: '{"seconds":1}' });
    expect(res.status).toBe(400);
    expect(real.simulator.clock).not.toBeInstanceOf(VirtualClock);
  } finally {
    await real.close();
  }
});

test('an unknown admin endpoint is a 404, and admin calls are not logged', async () => {
  expect((await admin('GET', 'nope')).status).toBe(404);
  expect(f.running.simulator.calls()).toEqual([]);
});

test('POST seed moves a snapshot seed\'s times to the clock\'s now, as --state does; a malformed timeOrigin is a 400 naming it', async () => {
  const now = f.clock.now();
  const seed = { ...defaultSeed(), timeOrigin: '2026-03-01T12:00:00.000Z' };
  seed.clusters[0].createdAt = '2026-03-01T11:00:00.000Z';
  expect((await admin('POST', 'seed', seed)).status).toBe(200);
  const { json: state } = await admin('GET', 'state');
  expect(state.timeOrigin).toBeUndefined();
  expect(Date.parse(state.clusters[0].createdAt)).toBe(now - 3_600_000);
  expect(await admin('POST', 'seed', { ...seed, timeOrigin: 'yesterday' })).toEqual({
    status: 400, json: { message: "invalid simulator seed: timeOrigin 'yesterday' is not an ISO 8601 time: fix it or remove the field" },
  });
  expect(await admin('POST', 'seed', { ...seed, clusters: [null] })).toEqual({ status: 400, json: { message: 'invalid simulator seed: clusters[0] must be an object' } });
});

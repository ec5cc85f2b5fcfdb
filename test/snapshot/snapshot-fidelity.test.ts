/**
 * The "Done when": a simulator seeded unlike `demo`, with a history the engine made and an update still
 * running, is snapshotted through the real SDK over HTTP; the seed is replayed by a second simulator started through
 * its CLI (`--state`); `plan` for one spec prints the same steps against both, before and after the running update
 * ends; and the snapshot made no mutating call.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runSimulatorCli } from '../../src/cli/simulator-cli';
import { planOnly } from '../../src/engine/upgrade';
import { startSimulator, VirtualClock, type RunningSimulator, type SimSeed } from '../../src/simulator';
import { snapshotToSeed } from '../../src/snapshot/snapshot-to-seed';
import { takeSnapshot } from '../../src/snapshot/take-snapshot';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { applyShopHistory, shopApi } from '../fixtures/snapshot/shop-history';
import { SHOP_REGION, shopSeed, shopSpecJson } from '../fixtures/snapshot/shop-seed';

/** A simulator started by `eks-upgrade simulator --state FILE --virtual-clock`, in process. */
async function startReplay(file: string): Promise<{ url: string; advance(seconds: number): Promise<void>; stop(): Promise<number> }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const abort = new AbortController();
  const exited = runSimulatorCli(['--port', '0', '--state', file, '--virtual-clock'], { stdout, stderr, signal: abort.signal });
  const url = await new Promise<string>((resolve, reject) => {
    stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    void exited.then((code) => reject(new Error(`the replay simulator exited (${code}): ${String(stderr.read() ?? '')}`)));
  });
  return {
    url,
    advance: async (seconds) => {
      const r = await fetch(`${url}/__simulator/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
      expect(r.status).toBe(200);
    },
    stop: async () => {
      abort.abort();
      return exited;
    },
  };
}

let dir: string;
let source: RunningSimulator;
let clock: VirtualClock;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-snapshot-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  clock = new VirtualClock();
  source = await startSimulator({ seed: shopSeed(), clock });
});
afterEach(async () => { await source.close(); });

/** History made by the engine (1.30 → 1.31 with every add-on and node group), then a coredns update left running. */
const makeHistory = () => applyShopHistory(source.url, clock, (api) => api.updateAddon({ addonName: 'coredns', addonVersion: 'v1.11.4-eksbuild.2' }));

async function snapshotOfSource(): Promise<SimSeed> {
  const api = shopApi(source.url);
  try {
    const reading = await takeSnapshot(api, { now: () => clock.now() });
    // Compile-time: what the snapshot writes is a seed the simulator's own type accepts.
    const seed: SimSeed = snapshotToSeed(reading, SHOP_REGION);
    return seed;
  } finally {
    api.destroy();
  }
}

async function planText(url: string, version: string): Promise<string> {
  const api = shopApi(url);
  try {
    const result = await planOnly({ spec: parseSpec(shopSpecJson(version)), api });
    return result.text;
  } finally {
    api.destroy();
  }
}

test('snapshot, replay, plan: the same steps on both simulators, and the snapshot made no mutating call', async () => {
  const runningId = await makeHistory();
  const history = source.simulator.state().updates!.length;
  expect(history).toBeGreaterThan(8);

  source.simulator.clearCalls();
  const seed = await snapshotOfSource();
  const calls = source.simulator.calls();
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.mutating)).toEqual([]);
  expect(new Set(calls.filter((c) => c.service !== 'kubernetes').map((c) => c.operation))).toEqual(new Set([
    'DescribeCluster', 'ListNodegroups', 'ListAddons', 'DescribeNodegroup', 'DescribeAddon', 'DescribeAddonVersions',
    'ListUpdates', 'DescribeUpdate', 'ListInsights', 'DescribeInsight', 'GetParameter',
  ]));
  // The data plane is read through the Kubernetes API with list calls only.
  expect(calls.filter((c) => c.service === 'kubernetes').every((c) => /^List/.test(c.operation))).toBe(true);
  expect(seed.updates).toHaveLength(history);
  expect(seed.updates!.filter((u) => u.status === 'InProgress').map((u) => u.id)).toEqual([runningId]);

  const file = join(dir, 'shop-snapshot.json');
  writeFileSync(file, JSON.stringify(seed, null, 2));
  const replay = await startReplay(file);
  try {
    for (const version of ['1.31', '1.32', '1.33']) {
      const [expected, actual] = [await planText(source.url, version), await planText(replay.url, version)];
      expect(actual).toBe(expected);
    }
    const before = await planText(replay.url, '1.33');
    expect(before).toContain(`running now: update ${runningId}`);
    expect(before).toMatch(/control plane to 1\.33/);

    // The running coredns update had 90 s to go in both.
    clock.advance(89_000);
    await replay.advance(89);
    expect(await planText(replay.url, '1.33')).toBe(await planText(source.url, '1.33'));
    expect(await planText(replay.url, '1.33')).toContain(`running now: update ${runningId}`);
    clock.advance(2_000);
    await replay.advance(2);
    const after = await planText(replay.url, '1.33');
    expect(after).toBe(await planText(source.url, '1.33'));
    expect(after).not.toContain('running now');
  } finally {
    expect(await replay.stop()).toBe(0);
  }
});

test('the replay carries what the plan cannot show: history, the rollback window, the insight EKS alone knows', async () => {
  await makeHistory();
  const seed = await snapshotOfSource();
  const cluster = seed.clusters[0];
  expect(cluster).toMatchObject({ name: 'shop', version: '1.31', previousVersion: '1.30', autoMode: false, tags: { team: 'checkout' } });
  expect(seed).toMatchObject({ region: 'eu-west-1', accountId: '444455556666', kubernetesVersions: ['1.30', '1.31', '1.32', '1.33'] });
  expect(cluster.insights!.map((i) => `${i.name} ${i.kubernetesVersion} ${i.status}`)).toEqual(['Deprecated APIs removed in Kubernetes v1.32 1.32 WARNING']);
  expect(cluster.insights![0].recommendation).toMatch(/Update manifests/);
  // Only the parameters of the AMI types present, for the node groups' minors and later.
  expect(Object.keys(seed.ssmParameters!).every((p) => /bottlerocket\/aws-k8s-1\.3[1-3]\/x86_64|amazon-linux-2023\/(x86_64\/nvidia|arm64\/standard)/.test(p))).toBe(true);
  expect(Object.keys(seed.ssmParameters!)).toHaveLength(9);
  expect(seed.snapshot!.absent).toEqual({ ssmParameters: [], addonCatalogs: [] });
});

/**
 * The bundled `eks-upgrade snapshot` as an operator runs it (run `npx projen bundle` first): a simulator process
 * stands in for the live cluster (`shop`, with an engine-made history and a control-plane update running), the
 * snapshot is taken through the CLI, replayed by a second `eks-upgrade simulator --state`, and `eks-upgrade plan`
 * prints the same against both. Both simulators run on real time (scale 1), as a snapshot of a real cluster does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run, simulatorEnv, startSimulatorProcess, type SimulatorProcess } from '../../scripts/rehearsal';
import { startSimulator, VirtualClock } from '../../src/simulator';
import { applyShopHistory } from '../fixtures/snapshot/shop-history';
import { shopSeed, shopSpecJson } from '../fixtures/snapshot/shop-seed';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-snapshot-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], url = 'http://127.0.0.1:9') => run(process.execPath, [HANDLER, ...args], { cwd: dir, env: simulatorEnv(url) });

/**
 * `shop` after the engine took it to 1.31, with UpdateClusterVersion 1.32 started 30 s before: 9½ minutes still to
 * run, longer than this test takes on any machine. Written as a seed whose times start when its simulator does.
 */
async function liveClusterSeedFile(): Promise<string> {
  const clock = new VirtualClock();
  const sim = await startSimulator({ seed: shopSeed(), clock });
  try {
    await applyShopHistory(sim.url, clock, (api) => api.updateClusterVersion({ version: '1.32' }));
    const file = join(dir, 'live.json');
    writeFileSync(file, JSON.stringify({ ...sim.simulator.state(), timeOrigin: new Date(clock.now()).toISOString() }));
    return file;
  } finally {
    await sim.close();
  }
}

describe('eks-upgrade snapshot', () => {
  test('snapshot a running simulator, replay it, and plan prints the same against both; the snapshot made no mutating call', async () => {
    const live = await startSimulatorProcess(['--state', await liveClusterSeedFile()]);
    let replay: SimulatorProcess | undefined;
    try {
      const out = join(dir, 'shop-snapshot.json');
      const taken = await cli(['snapshot', '--cluster', 'shop', '--region', 'eu-west-1', '--out', out], live.url);
      expect(taken.output).toMatch(/snapshot of cluster shop \(Kubernetes 1\.31; 3 node groups, 4 add-ons, \d+ updates of which 1 running\) written to /);
      expect(taken.code).toBe(0);
      const calls = await (await fetch(`${live.url}/__simulator/calls`)).json() as { operation: string; mutating: boolean }[];
      expect(calls.length).toBeGreaterThan(20);
      expect(calls.filter((c) => c.mutating)).toEqual([]);

      replay = await startSimulatorProcess(['--state', out]);
      const spec = join(dir, 'spec.json');
      writeFileSync(spec, JSON.stringify(shopSpecJson('1.33')));
      const [expected, actual] = [await cli(['plan', '--spec', spec], live.url), await cli(['plan', '--spec', spec], replay.url)];
      expect(expected.code).toBe(0);
      // The first line names the endpoint, which is each simulator's own; the plan after it is the same.
      const withoutEndpoint = (output: string) => output.replace(/endpoint http:\/\/127\.0\.0\.1:\d+/, 'endpoint SIM');
      expect(withoutEndpoint(actual.output)).toBe(withoutEndpoint(expected.output));
      expect(actual.output).toMatch(/running now: update \S+ \(VersionUpdate\) on cluster\/shop/);

      // Written once more to stdout: the same seed but for the moment it was read.
      const again = await cli(['snapshot', '--cluster', 'shop', '--region', 'eu-west-1', '--out', '-'], live.url);
      const [first, second] = [JSON.parse(readFileSync(out, 'utf8')), JSON.parse(again.output.slice(0, again.output.lastIndexOf('}') + 1))];
      const timeless = (seed: any) => ({
        ...seed,
        timeOrigin: undefined,
        snapshot: { ...seed.snapshot, takenAt: undefined },
        updates: seed.updates.map((u: any) => ({ ...u, endsAt: undefined })),
      });
      expect(timeless(second)).toEqual(timeless(first));
    } finally {
      await replay?.stop();
      await live.stop();
    }
  });

  test('--help prints the usage; an unknown flag or a missing --cluster / --out exits 2 naming it', async () => {
    const help = await cli(['snapshot', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['usage: eks-upgrade snapshot', '--cluster NAME', '--region R', '--out FILE|-']) expect(help.output).toContain(flag);
    const bogus = await cli(['snapshot', '--bogus']);
    expect([bogus.code, bogus.output.split('\n')[0]]).toEqual([2, "eks-upgrade snapshot: unknown option '--bogus'"]);
    const noCluster = await cli(['snapshot', '--out', 'x.json']);
    expect([noCluster.code, noCluster.output.split('\n')[0]]).toEqual([2, 'eks-upgrade snapshot: --cluster NAME is required: the name of the EKS cluster to read']);
    const noOut = await cli(['snapshot', '--cluster', 'shop']);
    expect([noOut.code, noOut.output.split('\n')[0]]).toEqual([2, 'eks-upgrade snapshot: --out FILE is required: where to write the seed (- for stdout)']);
    const top = await cli(['--help']);
    expect(top.output).toContain('usage: eks-upgrade snapshot');
  });

  test('no region, or no credentials, exits 2 in one line saying which setting to give', async () => {
    const clean: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
    const env = { ...clean, HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
    const snapshot = (extra: NodeJS.ProcessEnv) => run(process.execPath, [HANDLER, 'snapshot', '--cluster', 'prod', '--out', join(dir, 'prod.json')], { cwd: dir, env: { ...env, ...extra } });
    const noRegion = await snapshot({ AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' });
    expect([noRegion.code, noRegion.output]).toEqual([2, 'eks-upgrade: no AWS region: pass --region R, or set AWS_REGION (or a region in your AWS profile)\n']);
    const noCredentials = await snapshot({ AWS_REGION: 'eu-west-1' });
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.output).toMatch(/^eks-upgrade: no AWS credentials: set AWS_PROFILE to a configured profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY[^\n]*\n$/);
  });

  test('a cluster that does not exist exits 2 in one line naming --cluster, and writes nothing', async () => {
    const sim = await startSimulatorProcess();
    try {
      const out = join(dir, 'ghost.json');
      const r = await cli(['snapshot', '--cluster', 'ghost', '--region', 'us-east-1', '--out', out], sim.url);
      expect(r.code).toBe(2);
      expect(r.output.trim().split('\n')).toHaveLength(1);
      expect(r.output).toMatch(/^eks-upgrade: --cluster ghost: .*ghost.*; check the name and --region\n$/);
      expect(() => readFileSync(out)).toThrow();
    } finally {
      await sim.stop();
    }
  });
});

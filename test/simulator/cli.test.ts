import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeClusterCommand, UpdateClusterVersionCommand, waitUntilClusterActive } from '@aws-sdk/client-eks';
import { readySeed, sdkClients } from './sim-fixture';
import { runSimulatorCli } from '../../src/simulator';

function capture() {
  let text = '';
  return { write: (s: string) => { text += s; }, get text() { return text; } };
}

async function firstLine(out: ReturnType<typeof capture>): Promise<string> {
  for (let i = 0; i < 200 && !out.text.includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
  return out.text.split('\n')[0];
}

test('serves the seed from --state at --time-scale, prints its URL first, and stops on abort', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  const seed = readySeed((s) => { s.clusters[0].name = 'from-file'; });
  writeFileSync(join(dir, 'state.json'), JSON.stringify(seed));
  const stdout = capture();
  const abort = new AbortController();
  const exit = runSimulatorCli(['--port', '0', '--state', join(dir, 'state.json'), '--time-scale', '600'], { stdout, stderr: capture(), signal: abort.signal });
  const url = await firstLine(stdout);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const { eks } = sdkClients(url);
  try {
    await eks.send(new UpdateClusterVersionCommand({ name: 'from-file', version: '1.30' }));
    const done = await waitUntilClusterActive({ client: eks, minDelay: 1, maxWaitTime: 20 }, { name: 'from-file' });
    expect((done.reason as any).cluster.version).toBe('1.30');
  } finally {
    eks.destroy();
    abort.abort();
  }
  expect(await exit).toBe(0);
  await expect(fetch(`${url}/__simulator/state`)).rejects.toThrow();
});

test('--virtual-clock makes time move only through POST /__simulator/advance', async () => {
  const stdout = capture();
  const abort = new AbortController();
  const exit = runSimulatorCli(['--port', '0', '--virtual-clock'], { stdout, stderr: capture(), signal: abort.signal });
  const url = await firstLine(stdout);
  const { eks } = sdkClients(url);
  try {
    // The built-in seed's vpc-cni blocks 1.30 (an ERROR readiness insight), so this step is forced.
    await eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30', force: true }));
    expect((await eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.status).toBe('UPDATING');
    await fetch(`${url}/__simulator/advance`, { method: 'POST', body: '{"seconds":600}' });
    expect((await eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster).toMatchObject({ status: 'ACTIVE', version: '1.30' });
  } finally {
    eks.destroy();
    abort.abort();
  }
  expect(await exit).toBe(0);
});

test('bad arguments and unreadable state files exit 2 with the usage; --help exits 0', async () => {
  for (const args of [['--port', 'x'], ['--time-scale', '0'], ['--bogus'], ['--state', '/no/such/file.json']]) {
    const stderr = capture();
    expect(await runSimulatorCli(args, { stdout: capture(), stderr })).toBe(2);
    expect(stderr.text).toContain('usage: eks-upgrade simulator');
  }
  const stdout = capture();
  expect(await runSimulatorCli(['--help'], { stdout })).toBe(0);
  expect(stdout.text).toContain('--time-scale X');
});

test('a state file that is not a usable seed exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  writeFileSync(join(dir, 'state.json'), '{"clusters": "none"}');
  const stderr = capture();
  expect(await runSimulatorCli(['--port', '0', '--state', join(dir, 'state.json')], { stdout: capture(), stderr })).toBe(1);
  expect(stderr.text).toContain('invalid simulator seed: `clusters` must be an array');
});

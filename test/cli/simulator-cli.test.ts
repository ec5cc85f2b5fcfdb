import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeClusterCommand, UpdateClusterVersionCommand, waitUntilClusterActive } from '@aws-sdk/client-eks';
import { HANDLER } from '../../scripts/rehearsal';
import { runSimulatorCli } from '../../src/cli/simulator-cli';
import { readySeed, sdkClients } from '../simulator/sim-fixture';

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

test('--long-tail draws update durations from the log-normal spread; without it they are the typical figures', async () => {
  const durations: number[] = [];
  for (const extra of [[], ['--long-tail']]) {
    const stdout = capture();
    const abort = new AbortController();
    const exit = runSimulatorCli(['--port', '0', '--virtual-clock', '--rng-seed', '7', ...extra], { stdout, stderr: capture(), signal: abort.signal });
    const url = await firstLine(stdout);
    const { eks } = sdkClients(url);
    try {
      await eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30', force: true }));
      const { updates } = await (await fetch(`${url}/__simulator/state`)).json() as { updates: Array<{ createdAt: string; endsAt: string; type: string }> };
      const update = updates.find((u) => u.type === 'VersionUpdate')!;
      durations.push((Date.parse(update.endsAt) - Date.parse(update.createdAt)) / 1000);
    } finally {
      eks.destroy();
      abort.abort();
    }
    expect(await exit).toBe(0);
  }
  expect(durations[0]).toBe(600);
  expect(durations[1]).not.toBe(600);
  expect(durations[1]).toBeGreaterThan(0);
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

describe('the bundled simulator never outlives the process that started it', () => {
  const wrapper = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, [process.argv[1], 'simulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', (d) => process.stdout.write(JSON.stringify({ pid: child.pid, url: String(d).split('\\n')[0] }) + '\\n'));
    setInterval(() => undefined, 1000);`;
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  });

  test.each([['SIGTERM'], ['SIGKILL']] as const)('its wrapper killed with %s: the simulator stops answering', async (signal) => {
    const parent = spawn(process.execPath, ['-e', wrapper, HANDLER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const { pid, url } = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
      parent.once('exit', (code) => reject(new Error(`the wrapper exited (${code}) before the simulator printed its URL`)));
    });
    started.push(pid);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/__simulator/state`)).ok).toBe(true);

    parent.kill(signal);
    // Generous: the simulator notices within a second; the bound only keeps a broken build from hanging.
    const deadline = Date.now() + 30_000;
    let answering = true;
    while (answering && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      answering = await fetch(`${url}/__simulator/state`).then(() => true, () => false);
    }
    expect(answering).toBe(false);
  }, 60_000);
});

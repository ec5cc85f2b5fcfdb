/**
 * The README's commands work in a fresh clone right after `npm ci`: npm runs the package's `prepare` script after
 * installing, and prepare builds assets/ (which is built, never committed). The test clones the committed tree, links
 * this checkout's node_modules instead of installing (the registry is not the subject), runs prepare as npm ci would,
 * then the README's commands: `npx eks-upgrade --help` and `npm run simulator`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');
jest.setTimeout(180_000);

let dir: string;
beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'eks-upgrade-clone-')), 'checkout');
  const clone = spawnSync('git', ['clone', '--quiet', ROOT, dir], { encoding: 'utf8' });
  if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
});
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const env = { ...process.env, npm_config_update_notifier: 'false', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

test('package.json runs the bundle in prepare, the script npm ci runs after installing', () => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  expect(pkg.scripts.prepare).toBe('projen prepare');
  const tasks = JSON.parse(readFileSync(join(dir, '.projen', 'tasks.json'), 'utf8')).tasks;
  expect(tasks.prepare.steps).toEqual([{ spawn: 'bundle' }]);
});

test('after prepare, npx eks-upgrade --help and npm run simulator work in the clone', async () => {
  expect(existsSync(join(dir, 'assets', 'cli', 'index.js'))).toBe(false);
  const prepare = spawnSync('npm', ['run', 'prepare', '--silent'], { cwd: dir, env, encoding: 'utf8' });
  expect(prepare.status).toBe(0);

  const help = spawnSync('npx', ['eks-upgrade', '--help'], { cwd: dir, env, encoding: 'utf8' });
  expect({ code: help.status, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
  expect(help.stdout).toMatch(/^usage: eks-upgrade <command>/);

  const sim = spawn('npm', ['run', '--silent', 'simulator', '--', '--port', '0'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      sim.once('exit', (code) => reject(new Error(`npm run simulator exited ${code} before printing its URL`)));
      createInterface({ input: sim.stdout! }).once('line', resolve);
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    // The whole group: npm, its shell and the simulator (which also stops on its own once npm is gone).
    process.kill(-sim.pid!, 'SIGTERM');
  }
});

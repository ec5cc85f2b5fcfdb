/**
 * Nothing the user cannot act on, and nothing said twice: `npm test` prints a short coverage summary (the full table
 * goes to a file) and at most one line about Node; the demo turns off jsii's Node notice box.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import setup from '../../scripts/jest-node-notice';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;

test('the terminal gets the coverage summary; the per-file table goes to coverage/coverage.txt', () => {
  const reporters: Array<string | [string, Record<string, unknown>]> = pkg.jest.coverageReporters;
  expect(reporters).toContain('text-summary');
  expect(reporters).not.toContain('text');
  expect(reporters).toContainEqual(['text', { file: 'coverage.txt' }]);
});

test('jest turns the SDK\'s Node notice off before its workers start, and says so in at most one line', () => {
  expect(pkg.jest.globalSetup).toBe('<rootDir>/scripts/jest-node-notice.ts');
  const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    setup();
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    const said = write.mock.calls.map((c) => String(c[0])).join('');
    expect(said.trim().split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
  } finally {
    write.mockRestore();
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
  }
});

test('the demo\'s environment silences jsii\'s Node notice (the same check jsii runs when it compiles)', () => {
  const env = { ...process.env, ...tasks.demo.env, FORCE_COLOR: '0' };
  const r = spawnSync(process.execPath, ['-e', 'require("@jsii/check-node").checkNode()'], { cwd: ROOT, env, encoding: 'utf8' });
  expect(r.stderr + r.stdout).toBe('');
});

test('npm ci gives no install-script notice: esbuild\'s postinstall (not needed: the bundles build without it) is denied on record', () => {
  expect(pkg.allowScripts).toEqual({ esbuild: false });
});

test('the one npm ci warning left on Node 20, EBADENGINE for @cdktn/provider-aws, is explained in the README with its fix', () => {
  const engines = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@cdktn', 'provider-aws', 'package.json'), 'utf8')).engines.node;
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain(`declares Node ${engines.replace('>= ', '≥ ')}`);
});

test('the bundles build without esbuild\'s size summary (its 1 MB warning sign is nothing a demo user can act on)', () => {
  const execs = ['bundle:cli/main', 'bundle:lambda/main'].map((name) => (tasks[name].steps[0].execArgs as string[]).join(' '));
  for (const exec of execs) expect(exec).toContain('--log-level=warning');
});

/**
 * `npm run demo` leaves the tree as it found it for lint: the example resolves `cdktf-eks-upgrade` to this checkout
 * through a require hook (scripts/self-package.ts), never through a `node_modules/cdktf-eks-upgrade -> ..` symlink
 * that eslint would crawl, and `eslint --fix` has nothing to rewrite in the example or the scripts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface TaskStep { readonly exec?: string; readonly spawn?: string }
const tasks: Record<string, { steps?: TaskStep[] }> = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;

/** Every command `npx projen <name>` runs, following spawned tasks. */
function commandsOf(name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  return (tasks[name]?.steps ?? []).flatMap((step) => [
    ...(step.exec ? [step.exec] : []),
    ...(step.spawn ? commandsOf(step.spawn, seen) : []),
  ]);
}

function selfLinkExists(): boolean {
  try {
    lstatSync(join(ROOT, 'node_modules', 'cdktf-eks-upgrade'));
    return true;
  } catch {
    return false;
  }
}

test('no step of `npm run demo` writes into node_modules or links the package to itself', () => {
  const commands = commandsOf('demo');
  expect(commands).toContain('ts-node --transpile-only scripts/demo.ts');
  for (const command of commands) {
    expect(command).not.toMatch(/symlink|node_modules|npm link|ln -s/);
  }
  expect(Object.keys(tasks)).not.toContain('link-self');
});

test('the demo\'s resolution step maps the package name to this checkout\'s lib/ and leaves node_modules alone', () => {
  expect(readFileSync(join(ROOT, 'scripts', 'demo.ts'), 'utf8')).toMatch(/^import '\.\/self-package';$/m);
  const linkedBefore = selfLinkExists();
  // lib/ exists only after `npx projen compile`; either way the request must name lib/index.js of this checkout.
  const probe = `require('./scripts/self-package');
    try { console.log(require.resolve('cdktf-eks-upgrade')); } catch (e) { console.log(e.message); }`;
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain(join(ROOT, 'lib', 'index.js'));
  expect(selfLinkExists()).toBe(linkedBefore);
  expect(existsSync(join(ROOT, 'node_modules', 'cdktf-eks-upgrade'))).toBe(false);
});

test('eslint classifies the package name as internal, whatever sits in node_modules', () => {
  const eslintrc = JSON.parse(readFileSync(join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*$/gm, ''));
  expect(new RegExp(eslintrc.settings['import/internal-regex']).test('cdktf-eks-upgrade')).toBe(true);
  expect(eslintrc.ignorePatterns).toContain('node_modules/');
});

test('`eslint --fix` would change nothing in the example app and the demo scripts', () => {
  const r = spawnSync(process.execPath, [
    join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--ext', '.ts', '--fix-dry-run', '--format', 'json', 'examples', 'scripts',
  ], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' } });
  const results: Array<{ filePath: string; output?: string; messages: Array<{ ruleId: string; message: string }> }> = JSON.parse(r.stdout);
  expect(results.map((f) => f.filePath)).toContain(join(ROOT, 'examples', 'demo', 'main.ts'));
  const problems = results.flatMap((f) => [
    ...(f.output !== undefined ? [`${f.filePath}: --fix would rewrite it`] : []),
    ...f.messages.map((m) => `${f.filePath}: ${m.ruleId} ${m.message}`),
  ]);
  expect(problems).toEqual([]);
});

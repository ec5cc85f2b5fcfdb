import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-view';

/**
 * The layer rules live in .dependency-cruiser.js and `npm test` runs them (the lint:layers task). These tests prove
 * the rules can fail, and keep docs/design.md's picture of the layers the one the rules and the tree give.
 */

const DEPCRUISE = join(REPO_ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG_FILE = '.dependency-cruiser.js';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(REPO_ROOT, CONFIG_FILE)) as { forbidden: { name: string; to: { path?: string } }[] };
const design = readFileSync(join(REPO_ROOT, 'docs', 'design.md'), 'utf8');

function cruise(cwd: string, ...extra: string[]) {
  return spawnSync(DEPCRUISE, ['src', '--config', CONFIG_FILE, ...extra], { cwd, encoding: 'utf8' });
}

/** A copy of src/ and the configs the rules read, with node_modules linked, for planting violations. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  cpSync(join(REPO_ROOT, 'src'), join(dir, 'src'), { recursive: true });
  for (const file of [CONFIG_FILE, 'tsconfig.json', 'tsconfig.check.json']) cpSync(join(REPO_ROOT, file), join(dir, file));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The folders of src/, as `ls src` shows them. */
const srcFolders = () => readdirSync(join(REPO_ROOT, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** docs/design.md's layer table: folder → the folders it may import. */
function designTable(): Map<string, string[]> {
  const rows = [...design.matchAll(/^\| `src\/([\w-]+)` \| [^|]+ \| ([^|]+) \|$/gm)];
  return new Map(rows.map((m) => [m[1], m[2].trim() === '—' ? [] : m[2].split(',').map((s) => s.trim()).sort()]));
}

/** What the config lets a folder import: the other folders its layer rule does not forbid. */
function allowedByConfig(folder: string, folders: string[]): string[] {
  const rule = config.forbidden.find((r) => r.name === `layer-${folder}`);
  if (!rule) throw new Error(`${CONFIG_FILE} has no rule layer-${folder}`);
  const forbidden = new RegExp(rule.to.path!);
  return folders.filter((f) => f !== folder && !forbidden.test(`src/${f}/x.ts`)).sort();
}

describe('layer rules (.dependency-cruiser.js)', () => {
  let scratch: string;
  beforeAll(() => { scratch = scratchCopy(); });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('the tree keeps them: no upward import, no cycle', () => {
    const run = cruise(REPO_ROOT);
    expect(run.stdout + run.stderr).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });

  test.each([
    ['an upward import (engine → cli)', 'src/engine/planner.ts', "import '../cli/main';\n", 'layer-engine'],
    ['the engine reaching into the simulator', 'src/engine/waiter.ts', "import '../simulator/clock';\n", 'layer-engine'],
    ['the simulator reaching into the engine', 'src/simulator/clock.ts', "import '../engine/planner';\n", 'layer-simulator'],
    ['a construct importing the engine', 'src/constructs/reconcile.ts', "import '../engine/planner';\n", 'layer-constructs'],
    ['a cycle', 'src/upgrade-spec/kubernetes-minor.ts', "import './parse-spec';\n", 'no-circular'],
  ])('%s fails them', (_what, file, line, rule) => {
    const target = join(scratch, file);
    const original = readFileSync(target, 'utf8');
    appendFileSync(target, line);
    try {
      const run = cruise(scratch);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toContain(`error ${rule}`);
    } finally {
      writeFileSync(target, original);
    }
  });

  test('a module outside every folder fails them', () => {
    const stray = join(scratch, 'src', 'helpers.ts');
    writeFileSync(stray, "import './upgrade-spec/arn';\n");
    try {
      const run = cruise(scratch);
      expect(run.stdout).toContain('error every-source-in-a-layer');
    } finally {
      rmSync(stray);
    }
  });
});

describe('docs/design.md, "Layers"', () => {
  test('its table has one row per folder of src/, as `ls src` lists them', () => {
    expect([...designTable().keys()].sort()).toEqual(srcFolders());
  });

  test.each(srcFolders())('src/%s may import what the rules allow, as the table says', (folder) => {
    expect(designTable().get(folder)).toEqual(allowedByConfig(folder, srcFolders()));
  });

  test('its graph is the one the tool renders from the tree', () => {
    const graph = execFileSync(DEPCRUISE, ['src', '--config', CONFIG_FILE, '--collapse', '^src/[^/]+', '--output-type', 'mermaid'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const documented = /```mermaid\n([\s\S]*?)```/.exec(design)?.[1];
    expect(documented?.trim()).toBe(graph.trim());
  });
});

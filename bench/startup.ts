import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats';

const ROOT = join(__dirname, '..');
export const CLI_BUNDLE = join(ROOT, 'assets', 'cli', 'index.js');

/** Builds the handler bundle when a clean checkout has none yet (`npm run bench` builds it first anyway). */
export function ensureBundle(log: (line: string) => void): void {
  if (existsSync(CLI_BUNDLE)) return;
  log('assets/cli/index.js is missing: running `npx projen bundle`');
  execFileSync('npx', ['projen', 'bundle'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface StartupResult {
  readonly bundleBytes: number;
  readonly runs: number;
  /** `node assets/cli/index.js --version`, median wall ms. */
  readonly cliMedianMs: number;
  /** `node -e 0` in the same run, interleaved: the machine's floor for starting node at all. */
  readonly nodeMedianMs: number;
}

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

export function measureStartup(runs: number): StartupResult {
  const cli: number[] = [];
  const node: number[] = [];
  timeOnce([CLI_BUNDLE, '--version']); // warm the file cache once; cold start means a fresh process, not a cold disk
  for (let i = 0; i < runs; i++) {
    cli.push(timeOnce([CLI_BUNDLE, '--version']));
    node.push(timeOnce(['-e', '0']));
  }
  return { bundleBytes: statSync(CLI_BUNDLE).size, runs, cliMedianMs: median(cli), nodeMedianMs: median(node) };
}

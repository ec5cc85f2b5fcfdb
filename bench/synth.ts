import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { median } from './stats';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.bench', 'synth');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * Transpiles the library and the synth apps file by file into .bench/synth (as tsc would lay out lib/), so
 * each case runs under plain node: no TypeScript compiler in the measured process.
 */
export async function prepareSynthCases(): Promise<string> {
  rmSync(OUT, { recursive: true, force: true });
  const entryPoints = [...tsFiles(join(ROOT, 'src')), join(ROOT, 'bench', 'synth-apps.ts'), join(ROOT, 'bench', 'synth-case.ts')];
  await build({ entryPoints, outdir: OUT, outbase: ROOT, bundle: false, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
  // The constructs find the handler bundle two levels above src/constructs, as in the package.
  if (!existsSync(join(OUT, 'assets'))) symlinkSync(join(ROOT, 'assets'), join(OUT, 'assets'), 'dir');
  return join(OUT, 'bench', 'synth-case.js');
}

export interface SynthCase {
  readonly kind: 'upgrade' | 'raw';
  readonly clusters: number;
  readonly nodegroups: number;
  /** Construct tree + app.synth() into a temp dir, median over runs (ms). */
  readonly synthMs: number;
  /** Loading cdktf, constructs, the provider submodules and the library (ms). */
  readonly loadMs: number;
  /** Peak resident memory of the whole process (MB), median over runs. */
  readonly peakRssMb: number;
  readonly runs: number;
}

interface CaseOutput { loadMs: number; synthMs: number; maxRssKb: number }

/** The measured case and the raw baseline. */
const SYNTH_KINDS: ReadonlyArray<SynthCase['kind']> = ['upgrade', 'raw'];

async function synthOnce(script: string, kind: SynthCase['kind'], clusters: number): Promise<CaseOutput> {
  const outdir = mkdtempSync(join(tmpdir(), `bench-synth-${kind}-`));
  try {
    const { stdout } = await run(process.execPath, [script, kind, String(clusters), outdir], { cwd: ROOT, maxBuffer: 1024 * 1024 });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Every case at one size, `runs` times, interleaved (case A, B, A, B, …) so that drift in the
 * machine's load falls on all of them alike.
 */
export async function synthSize(script: string, clusters: number, runs: number, log: (line: string) => void): Promise<SynthCase[]> {
  const outputs = SYNTH_KINDS.map(() => [] as CaseOutput[]);
  for (let r = 0; r < runs; r++) {
    log(`synth: ${clusters} cluster(s), round ${r + 1}/${runs}`);
    for (const [i, kind] of SYNTH_KINDS.entries()) outputs[i].push(await synthOnce(script, kind, clusters));
  }
  return SYNTH_KINDS.map((kind, i) => ({
    kind,
    clusters,
    nodegroups: clusters * 10,
    synthMs: median(outputs[i].map((o) => o.synthMs)),
    loadMs: median(outputs[i].map((o) => o.loadMs)),
    peakRssMb: median(outputs[i].map((o) => o.maxRssKb / 1024)),
    runs,
  }));
}

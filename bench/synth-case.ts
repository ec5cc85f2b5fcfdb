/**
 * One synth measurement in a fresh process (transpiled by bench/synth.ts, run with plain node):
 * `node synth-case.js <upgrade|raw> <clusters> <outdir>`. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';

function main(): void {
  const [kind, countText, outdir] = process.argv.slice(2);
  const clusters = Number(countText);
  const loadStart = performance.now();
  // Loaded here rather than at the top, so module loading is timed apart from synth.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const apps = require('./synth-apps') as typeof import('./synth-apps');
  const loaded = performance.now();
  const app = kind === 'upgrade' ? apps.upgradeApp(outdir, clusters) : apps.rawApp(outdir, clusters);
  app.synth();
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({
    kind,
    clusters,
    loadMs: loaded - loadStart,
    synthMs: done - loaded,
    processMs: done,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`);
}

main();

/**
 * One synth measurement in a fresh process (transpiled by bench/synth.ts, run with plain node):
 * `node synth-case.js <upgrade|raw> <clusters> <outdir> [check-once|no-check]`. Prints one JSON line.
 *
 * The variants are experiments, not product settings: cdktf's `terraform_data` (DataResource) adds a validation
 * that runs `terraform version` in a child process for every instance. `check-once` remembers the first answer
 * (what one check per app would cost); `no-check` skips it (what a runner resource without it would cost).
 */
import { performance } from 'node:perf_hooks';

function patchVersionCheck(variant: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ValidateBinaryVersion } = require('cdktf/lib/validations/validate-binary-version');
  const original = ValidateBinaryVersion.prototype.validate;
  const answers = new Map<string, string[]>();
  ValidateBinaryVersion.prototype.validate = function validate(this: { versionCommand: string; versionConstraint: string }) {
    if (variant === 'no-check') return [];
    const key = `${this.versionCommand}\n${this.versionConstraint}`;
    if (!answers.has(key)) answers.set(key, original.call(this));
    return answers.get(key);
  };
}

function main(): void {
  const [kind, countText, outdir, variant] = process.argv.slice(2);
  const clusters = Number(countText);
  const loadStart = performance.now();
  // Loaded here rather than at the top, so module loading is timed apart from synth.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const apps = require('./synth-apps') as typeof import('./synth-apps');
  if (variant === 'check-once' || variant === 'no-check') patchVersionCheck(variant);
  const loaded = performance.now();
  const app = kind === 'upgrade' ? apps.upgradeApp(outdir, clusters) : apps.rawApp(outdir, clusters);
  app.synth();
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({
    kind,
    clusters,
    variant: variant ?? 'default',
    loadMs: loaded - loadStart,
    synthMs: done - loaded,
    processMs: done,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`);
}

main();

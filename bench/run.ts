/**
 * `npm run bench [-- --json FILE]`: waiting, API economy, concurrency and synth benchmarks in one run.
 *
 * Waiting runs in virtual time against the in-process simulator (deterministic for given options); synth,
 * bundle and cold start are real time. Targets are reported as met or unmet; the exit code is 0 either way.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { durationModels, type DurationModelSpec } from './duration-models';
import { BASELINES, enginePolicy, scheduleSummary, type WaitPolicy } from './policies';
import { measureStartup, ensureBundle, type StartupResult } from './startup';
import { mean, median, p95, quantile, round } from './stats';
import { prepareSynthCases, synthSize, type SynthCase } from './synth';
import { fixed, percent, seconds, table } from './table';
import { fullUpgrade, NODEGROUP_COUNT, nodegroupFleet, type UpgradeRun } from './upgrade';
import { measurePolicy, paretoDominating, PROGRESS_SCENARIOS, SINGLE_UPDATE_SCENARIOS, type PolicyResult, type SingleUpdateScenario, type WaitingScenario } from './waiting';
import { DEFAULT_POLL_SCHEDULE } from '../src/engine/poll-schedule';

const { values: args } = parseArgs({
  options: {
    'json': { type: 'string' },
    'samples': { type: 'string', default: '400' },
    'upgrade-runs': { type: 'string', default: '20' },
    'jitter': { type: 'string', default: '0.2' },
    'sigma': { type: 'string', default: '0.5' },
    'seed': { type: 'string', default: '1' },
    'synth-runs': { type: 'string', default: '5' },
    'startup-runs': { type: 'string', default: '15' },
    'skip-synth': { type: 'boolean', default: false },
    'tune': { type: 'boolean', default: false },
    'help': { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  process.stdout.write(`usage: npm run bench -- [--json FILE] [--samples N] [--upgrade-runs N] [--jitter J] [--sigma S]
                          [--seed N] [--synth-runs N] [--startup-runs N] [--skip-synth] [--tune]
  --samples       updates per policy in each single-update scenario (400)
  --upgrade-runs  full upgrades and node-group fleets, each with its own seed (20)
  --jitter        spread of simulated update durations in the typical model, ±J (0.2)
  --sigma         σ of ln(duration) in the heavy-tail model (0.5)
  --seed          base rngSeed of the simulator (1)
  --synth-runs    fresh processes per synth case, interleaved (5)
  --startup-runs  cold starts of the bundled CLI, interleaved with \`node -e 0\` (15)
  --skip-synth    leave out the synth cases
  --tune          also measure a grid of poll-schedule candidates (adds about two minutes)
`);
  process.exit(0);
}

const opts = {
  samples: positiveInt('samples'),
  upgradeRuns: positiveInt('upgrade-runs'),
  jitter: Number(args.jitter),
  sigma: Number(args.sigma),
  seed: positiveInt('seed'),
  synthRuns: positiveInt('synth-runs'),
  startupRuns: positiveInt('startup-runs'),
};
if (!(opts.jitter >= 0 && opts.jitter < 1)) fail('--jitter must be in [0, 1)');
if (!(opts.sigma > 0 && opts.sigma <= 2)) fail('--sigma must be in (0, 2]');

function positiveInt(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, got ${args[name]}`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`[bench] ${line}\n`);

interface Target {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly unit: string;
  readonly met: boolean;
}

async function main(): Promise<void> {
  const started = Date.now();
  const targets: Target[] = [];
  const target = (name: string, value: number, comparison: '<=' | '<' | '=', limit: number, unit: string, detail = '') => {
    const met = comparison === '<=' ? value <= limit : comparison === '<' ? value < limit : value === limit;
    targets.push({ name, value: round(value, 3), target: `${comparison} ${round(limit, 3)}${detail ? ` ${detail}` : ''}`, unit, met });
  };

  out('# cdktf-eks-upgrade benchmarks');
  out();
  const models = durationModels(opts.jitter, opts.sigma);
  out('Virtual time: in-process simulator through @aws-sdk/client-eks. Update durations around EKS\'s typical figures, two models:');
  out(`typical (${models[0].label}) and heavy-tail (${models[1].label}, same median); seeded from base rngSeed ${opts.seed}, so every`);
  out(`policy waits for the same updates. ${opts.samples} updates per policy and scenario.`);

  // 1. Waiting for one update, under each duration model.
  // The engine as it runs: paced by the data plane where the scenario offers it (add-on rollout, node roll), else by
  // EKS's API alone; and the same engine without data-plane access, side by side.
  const ours = enginePolicy('cdktf-eks-upgrade', undefined, true);
  const apiOnly = enginePolicy('cdktf-eks-upgrade, no data plane');
  const policies: WaitPolicy[] = [ours, apiOnly, ...BASELINES];
  const TF = 2;
  const waiting: Record<string, WaitingScenario> = {};
  for (const scenario of SINGLE_UPDATE_SCENARIOS) {
    const byModel = await measureByModel('waiting', scenario, policies, opts.samples, models, waiting);
    for (const { model, policies: results } of byModel) {
      const name = scenarioName(scenario, model);
      const mine = results[0];
      const terraform = results[TF];
      const dominating = paretoDominating(mine, results.filter((r) => r.baseline));
      target(`${name}: peers that Pareto-dominate the engine on (median latency, calls per update)`, dominating.length, '<=', 0, 'peers',
        dominating.length ? `(${dominating.map((r) => r.policy).join(', ')})` : '');
      target(`${name}: p95 detection latency, % of update duration`, mine.latencyP95Percent, '<=', 5, '%');
      if (scenario.progress) {
        progressTargets(target, name, mine, terraform);
      } else if (model === 'typical') {
        target(`${name}: median latency ÷ Terraform provider's`, mine.latencyMedianSeconds / terraform.latencyMedianSeconds, '<=', 1, 'ratio');
        target(`${name}: DescribeUpdate calls per update ÷ Terraform provider's`, mine.describeUpdateCallsPerUpdate / terraform.describeUpdateCallsPerUpdate, '<=', 0.5, 'ratio');
      }
    }
    const terraformCalls = byModel.map((m) => m.policies[TF].describeUpdateCallsPerUpdate);
    waitingTable(scenario.title, scenario, byModel, policies,
      ['calls vs TF', (r, k) => `${fixed(r.describeUpdateCallsPerUpdate / terraformCalls[k], 2)}×`]);
  }
  out();
  out('Policies: ' + policies.map((p) => `${p.name}: ${p.summary}`).join('; ') + '.');
  out(`Current DEFAULT_POLL_SCHEDULE: ${scheduleSummary(DEFAULT_POLL_SCHEDULE)}.`);
  out('p95 % = the 95th percentile over updates of (detection latency ÷ that update\'s duration); calls vs TF = ÷ the Terraform provider\'s.');

  // 1b. Node-group rolls followed in the data plane: 3, 12 and 50 nodes, each batch drawn on its own.
  const progressSamples = Math.max(20, Math.round(opts.samples / 10));
  const progressPolicies: WaitPolicy[] = [ours, apiOnly, BASELINES[0]];
  for (const scenario of PROGRESS_SCENARIOS) {
    const byModel = await measureByModel('progress', scenario, progressPolicies, progressSamples, models, waiting);
    for (const { model, policies: results } of byModel) {
      const name = scenarioName(scenario, model);
      target(`${name}: p95 detection latency, % of update duration`, results[0].latencyP95Percent, '<=', 5, '%');
      progressTargets(target, name, results[0], results[2]);
    }
    waitingTable(`${scenario.title} (${progressSamples} updates per policy)`, scenario, byModel, progressPolicies,
      ['ETA error at ½', (r) => (r.etaErrorMedianPercent === undefined ? '—' : percent(r.etaErrorMedianPercent))]);
  }
  out();
  out('ETA error at ½ = median over updates of |ETA − time left| ÷ time left, from the pace the engine saw by the update\'s halfway point.');

  // 2. The full upgrade and the node-group fleet, through runUpgrade.
  note(`full upgrade: ${opts.upgradeRuns} runs`);
  const full = await repeat((i) => fullUpgrade(i, opts.seed, opts.jitter));
  note(`node-group fleet: ${opts.upgradeRuns} runs × concurrency 10 and 1`);
  const parallel = await repeat((i) => nodegroupFleet(i, opts.seed, opts.jitter, NODEGROUP_COUNT));
  const sequential = await repeat((i) => nodegroupFleet(i, opts.seed, opts.jitter, 1));
  for (const [i, p] of parallel.entries()) {
    if (JSON.stringify(p.nodegroupSeconds) !== JSON.stringify(sequential[i].nodegroupSeconds)) {
      throw new Error(`bench: run ${i}: the parallel and sequential fleets did not get the same update durations`);
    }
  }
  const fullRatio = full.map((r) => r.wallSeconds / r.criticalPathSeconds);
  const parRatio = parallel.map((r) => r.wallSeconds / r.slowestNodegroupSeconds);
  const speedUp = parallel.map((r, i) => sequential[i].wallSeconds / r.wallSeconds);

  out();
  out(`## Full upgrade 1.29 → 1.32: ${NODEGROUP_COUNT} node groups (3–12 nodes, maxConcurrentNodegroups ${NODEGROUP_COUNT}), 4 add-ons — ${opts.upgradeRuns} runs of runUpgrade`);
  out();
  out(table([
    ['', 'median', 'p95', 'worst'],
    ['wall (virtual)', ...summary(full.map((r) => r.wallSeconds)).map(seconds)],
    ['EKS critical path', ...summary(full.map((r) => r.criticalPathSeconds)).map(seconds)],
    ['  of which insights refreshes', ...summary(full.map((r) => r.insightsRefreshSeconds)).map(seconds)],
    ['wall ÷ critical path', ...summary(fullRatio).map((v) => `${fixed(v, 3)}×`)],
    ['updates', ...summary(full.map((r) => r.updates)).map((v) => fixed(v, 0))],
    ['DescribeUpdate calls', ...summary(full.map((r) => r.describeUpdateCalls)).map((v) => fixed(v, 0))],
    ['node-group rolls', ...summary(full.map((r) => r.nodegroupRolls)).map((v) => fixed(v, 0))],
  ]));
  out();
  out('Phases of run 1 (critical = the phase\'s slowest update; wall = its first start to the engine seeing its last end):');
  out();
  out(table([
    ['phase', 'updates', 'critical', 'wall', 'over'],
    ...full[0].phases.map((p) => [p.phase, String(p.updates), seconds(p.criticalSeconds), seconds(p.wallSeconds), seconds(p.wallSeconds - p.criticalSeconds)]),
  ]));
  out();
  out(`API calls of run 1: ${Object.entries(full[0].apiCalls).map(([op, n]) => `${op} ${n}`).join(', ')}.`);
  target('full upgrade: wall ÷ EKS critical path (median of runs)', median(fullRatio), '<=', 1.02, 'ratio');
  const minimumRolls = full[0].minimumNodegroupRolls;
  const worstRolls = Math.max(...full.map((r) => r.nodegroupRolls));
  out(`Node-group rolls: ${summary(full.map((r) => r.nodegroupRolls)).map((v) => fixed(v, 0)).join(' / ')} (median / p95 / worst); the minimum EKS's rules allow: ${minimumRolls}`);
  out('(each node group once per minor it crosses, MNG-MATCH-CP; counted in bench/minimum-rolls.ts without the planner).');
  target('full upgrade: node-group rolls (most of any run) = the minimum EKS allows', worstRolls, '=', minimumRolls, 'rolls');

  out();
  out(`## ${NODEGROUP_COUNT} node groups (3–12 nodes), AMI release update only — ${opts.upgradeRuns} runs`);
  out();
  out(table([
    ['', 'median', 'p95', 'worst'],
    ['slowest node group alone (EKS)', ...summary(parallel.map((r) => r.slowestNodegroupSeconds)).map(seconds)],
    [`wall, maxConcurrentNodegroups ${NODEGROUP_COUNT}`, ...summary(parallel.map((r) => r.wallSeconds)).map(seconds)],
    ['wall, maxConcurrentNodegroups 1', ...summary(sequential.map((r) => r.wallSeconds)).map(seconds)],
    [`${NODEGROUP_COUNT} at once ÷ slowest alone`, ...summary(parRatio).map((v) => `${fixed(v, 3)}×`)],
    ['speed-up over sequential', ...summary(speedUp, true).map((v) => `${fixed(v, 2)}×`)],
  ]));
  out('(speed-up column order: median, p5, worst — higher is better)');
  target(`${NODEGROUP_COUNT} node groups at once ÷ the slowest alone (median of runs)`, median(parRatio), '<=', 1.2, 'ratio');

  // 3. Synth scale, bundle, cold start (real time).
  // The synth apps and the cold start both need the handler bundle.
  ensureBundle(note);
  let synth: { cases: SynthCase[] } | undefined;
  if (!args['skip-synth']) {
    const script = await prepareSynthCases();
    const cases: SynthCase[] = [];
    for (const clusters of [1, 10, 100]) cases.push(...await synthSize(script, clusters, opts.synthRuns, note));
    synth = { cases };
    out();
    out(`## Synth (real time, each case a fresh node process, median of ${opts.synthRuns}): ClusterUpgrade × 10 node-group targets vs raw EksNodeGroup`);
    out();
    const rows = [['clusters', 'node groups', 'ClusterUpgrade', 'raw EksNodeGroup', 'ratio', 'peak RSS (CU / raw)']];
    for (const clusters of [1, 10, 100]) {
      const cu = cases.find((c) => c.kind === 'upgrade' && c.clusters === clusters)!;
      const raw = cases.find((c) => c.kind === 'raw' && c.clusters === clusters)!;
      rows.push([String(clusters), String(clusters * 10), `${fixed(cu.synthMs, 0)} ms`, `${fixed(raw.synthMs, 0)} ms`, `${fixed(cu.synthMs / raw.synthMs, 2)}×`,
        `${fixed(cu.peakRssMb, 0)} / ${fixed(raw.peakRssMb, 0)} MB`]);
      target(`synth, ${clusters} ClusterUpgrade × 10 node groups ÷ ${clusters * 10} raw EksNodeGroup`, cu.synthMs / raw.synthMs, '<=', 1.5, 'ratio');
    }
    out(table(rows));
    out('Synth = building the construct tree and app.synth() into a temp dir (module loading excluded, reported in the JSON).');
  }

  note(`cold start: ${opts.startupRuns} runs`);
  const startup: StartupResult = measureStartup(opts.startupRuns);
  out();
  out('## Handler bundle and cold start (real time)');
  out();
  out(table([
    ['', 'value'],
    ['assets/cli/index.js', `${fixed(startup.bundleBytes / 1e6, 2)} MB (${startup.bundleBytes} bytes)`],
    [`node assets/cli/index.js --version, median of ${startup.runs}`, `${fixed(startup.cliMedianMs, 0)} ms`],
    ['node -e 0 in the same run (the machine\'s floor)', `${fixed(startup.nodeMedianMs, 0)} ms`],
  ]));
  target('handler bundle size', startup.bundleBytes / 1e6, '<=', 1.5, 'MB');
  target('cold start of the bundled CLI (--version), median', startup.cliMedianMs, '<=', 300, 'ms');

  const runtimeSeconds = (Date.now() - started) / 1000;
  out();
  out('## Targets');
  out();
  out(table([
    ['target', 'value', 'target', 'met'],
    ...targets.map((t) => [t.name, t.unit === 'ratio' ? `${fixed(t.value, 3)}×` : `${fixed(t.value, Number.isInteger(t.value) ? 0 : 2)} ${t.unit}`, t.target, t.met ? 'met' : 'UNMET']),
  ]));
  out();
  out(`${targets.filter((t) => t.met).length} of ${targets.length} targets met; run took ${fixed(runtimeSeconds, 0)} s.`);

  let tuning: unknown;
  if (args.tune) tuning = await tune(models);

  if (args.json) {
    const report = {
      targets,
      settings: { ...opts, node: process.version, platform: `${process.platform}-${process.arch}` },
      runtimeSeconds: round(runtimeSeconds, 1),
      schedule: DEFAULT_POLL_SCHEDULE,
      waiting,
      fullUpgrade: {
        runs: full.length,
        wallSeconds: dist(full.map((r) => r.wallSeconds)),
        criticalPathSeconds: dist(full.map((r) => r.criticalPathSeconds)),
        wallOverCriticalPath: dist(fullRatio),
        describeUpdateCalls: dist(full.map((r) => r.describeUpdateCalls)),
        nodegroupRolls: dist(full.map((r) => r.nodegroupRolls)),
        minimumNodegroupRolls: full[0].minimumNodegroupRolls,
        firstRun: full[0],
      },
      parallelNodegroups: {
        runs: parallel.length,
        nodegroups: NODEGROUP_COUNT,
        slowestAloneSeconds: dist(parallel.map((r) => r.slowestNodegroupSeconds)),
        wallSecondsConcurrent: dist(parallel.map((r) => r.wallSeconds)),
        wallSecondsSequential: dist(sequential.map((r) => r.wallSeconds)),
        concurrentOverSlowest: dist(parRatio),
        speedUpOverSequential: dist(speedUp),
      },
      synth,
      bundle: { path: 'assets/cli/index.js', bytes: startup.bundleBytes },
      coldStart: startup,
      ...(tuning ? { tuning } : {}),
    };
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    note(`wrote ${args.json}`);
  }
}

/** The name a scenario's results go by under one duration model: the scenario's id, suffixed for all but the typical model. */
function scenarioName(scenario: SingleUpdateScenario, model: DurationModelSpec['id']): string {
  return model === 'typical' ? scenario.id : `${scenario.id}-${model}`;
}

/** Every policy on `scenario`, `samples` updates each, under each duration model; each model's results also go to `waiting`. */
async function measureByModel(kind: string, scenario: SingleUpdateScenario, policies: readonly WaitPolicy[], samples: number,
  models: readonly DurationModelSpec[], waiting: Record<string, WaitingScenario>): Promise<WaitingScenario[]> {
  const byModel: WaitingScenario[] = [];
  for (const model of models) {
    const results: PolicyResult[] = [];
    for (const policy of policies) {
      note(`${kind}: ${scenario.id} (${model.id}) × ${policy.name}`);
      results.push(await measurePolicy(policy, scenario, { samples, model, rngSeed: opts.seed }));
    }
    const entry: WaitingScenario = { title: `${scenario.title}, ${model.label}`, model: model.id, expectedSeconds: scenario.expectedSeconds, policies: results };
    waiting[scenarioName(scenario, model.id)] = entry;
    byModel.push(entry);
  }
  return byModel;
}

/** A scenario's heading and its table: per model, latency median, p95 % and calls per update, then one column of its own. */
function waitingTable(heading: string, scenario: SingleUpdateScenario, byModel: readonly WaitingScenario[], policies: readonly WaitPolicy[],
  [lastTitle, last]: [string, (r: PolicyResult, model: number) => string]): void {
  out();
  out(`## ${heading}: the engine expects ${scenario.expectedSeconds} s; median duration ${byModel.map((m) => `${fixed(m.policies[0].durationMedianSeconds, 0)} s (${m.model})`).join(', ')}`);
  out();
  out(table([
    ['', ...byModel.flatMap((m) => [`${m.model}: latency median`, 'p95 %', 'calls / update', lastTitle])],
    ...policies.map((p, i) => [
      p.name,
      ...byModel.flatMap((m, k) => {
        const r = m.policies[i];
        return [seconds(r.latencyMedianSeconds), percent(r.latencyP95Percent), fixed(r.describeUpdateCallsPerUpdate), last(r, k)];
      }),
    ]),
  ]));
}

type TargetFn = (name: string, value: number, comparison: '<=' | '<' | '=', limit: number, unit: string, detail?: string) => void;

/** Where progress paces the waits: half Terraform's latency with half its calls, and an ETA within 20 % by halfway. */
function progressTargets(target: TargetFn, name: string, mine: PolicyResult, terraform: PolicyResult): void {
  target(`${name}: median latency ÷ Terraform provider's (data plane read)`, mine.latencyMedianSeconds / terraform.latencyMedianSeconds, '<=', 0.5, 'ratio');
  target(`${name}: DescribeUpdate calls per update ÷ Terraform provider's (data plane read)`, mine.describeUpdateCallsPerUpdate / terraform.describeUpdateCallsPerUpdate, '<=', 0.5, 'ratio');
  target(`${name}: median ETA error at halfway`, mine.etaErrorMedianPercent ?? Infinity, '<=', 20, '%');
}

async function repeat(run: (i: number) => Promise<UpgradeRun>): Promise<UpgradeRun[]> {
  const runs: UpgradeRun[] = [];
  for (let i = 0; i < opts.upgradeRuns; i++) runs.push(await run(i));
  return runs;
}

/** median, p95 and worst (max; or min when higher is better). */
function summary(values: number[], higherIsBetter = false): number[] {
  return higherIsBetter
    ? [median(values), quantile(values, 0.05), Math.min(...values)]
    : [median(values), p95(values), Math.max(...values)];
}

function dist(values: number[]) {
  return { median: round(median(values), 4), p95: round(p95(values), 4), min: round(Math.min(...values), 4), max: round(Math.max(...values), 4), mean: round(mean(values), 4) };
}

/**
 * A grid of schedule candidates around the default, each scored on the three single-update scenarios under both
 * duration models against the Terraform provider's figures for the same updates (other updates than the run above).
 */
async function tune(models: DurationModelSpec[]): Promise<unknown[]> {
  const samples = Math.min(opts.samples, 100);
  const rngSeed = opts.seed + 1;
  out();
  out(`## Tuning: schedule candidates (${samples} updates per scenario, base rngSeed ${rngSeed}: other updates than the run above)`);
  out();
  out('Typical model: median latency ÷ Terraform\'s, calls ÷ Terraform\'s; heavy tail: p95 % of duration.');
  out();
  const reference = new Map<string, PolicyResult>();
  for (const scenario of SINGLE_UPDATE_SCENARIOS) {
    for (const model of models) {
      note(`tune: Terraform reference × ${scenario.id} (${model.id})`);
      reference.set(`${scenario.id}/${model.id}`, await measurePolicy(BASELINES[0], scenario, { samples, model, rngSeed }));
    }
  }
  const rows: unknown[] = [];
  const lines = [['window s', 'relative', 'cover from', ...SINGLE_UPDATE_SCENARIOS.flatMap((s) => [`${s.id}: typical`, 'heavy-tail p95 %'])]];
  for (const windowSeconds of [8.5, 9, 9.5]) {
    for (const relative of [0.045, 0.05]) {
      for (const coverFrom of [0.38, 0.42, 0.46]) {
        const schedule = { ...DEFAULT_POLL_SCHEDULE, windowSeconds, relative, coverFrom };
        const cells: string[] = [];
        const row: Record<string, unknown> = { schedule };
        for (const scenario of SINGLE_UPDATE_SCENARIOS) {
          for (const model of models) {
            note(`tune: ${scheduleSummary(schedule)} × ${scenario.id} (${model.id})`);
            const result = await measurePolicy(enginePolicy('tune', schedule), scenario, { samples, model, rngSeed });
            const tf = reference.get(`${scenario.id}/${model.id}`)!;
            row[`${scenario.id}/${model.id}`] = result;
            cells.push(model.id === 'typical'
              ? `${fixed(result.latencyMedianSeconds / tf.latencyMedianSeconds, 2)}×, ${fixed(result.describeUpdateCallsPerUpdate / tf.describeUpdateCallsPerUpdate, 2)}×`
              : percent(result.latencyP95Percent));
          }
        }
        lines.push([String(windowSeconds), String(relative), String(coverFrom), ...cells]);
        rows.push(row);
      }
    }
  }
  out(table(lines));
  return rows;
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

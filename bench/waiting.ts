import { kubeProbe, type TimedReading } from './data-plane-probe';
import type { DurationModelSpec } from './duration-models';
import { ms, SimHarness } from './harness';
import type { WaitPolicy } from './policies';
import { mean, median, p95, sampleSeed, seededRandom } from './stats';
import type { EksApi } from '../src/aws/eks-api';
import type { LiveNodegroup, ResourceRef } from '../src/aws/live-state';
import { addonProgress, NodegroupProgress } from '../src/engine/data-plane-progress';
import { expectedSeconds, expectedUnitSeconds } from '../src/engine/expected-duration';
import { PaceEstimator } from '../src/engine/pace';
import type { PlanStep } from '../src/engine/plan-types';
import type { ProgressProbe } from '../src/engine/update-progress';
import { countCalls, defaultSeed, type SimSeed, type UpdateDurations } from '../src/simulator';

/** One kind of update, awaited alone. */
export interface SingleUpdateScenario {
  readonly id: string;
  readonly title: string;
  readonly resource: ResourceRef;
  /** Simulator durations this scenario needs beyond the model's (a roll drawn batch by batch). */
  readonly durations?: Partial<UpdateDurations>;
  /** What the engine expects for this update (its own expected-duration model). */
  readonly expectedSeconds: number;
  /** What the engine expects of one unit of the work the probe follows (a node of a roll), where it has a figure. */
  readonly unitSeconds?: number;
  seed(): SimSeed;
  /** Starts the update and returns its id. */
  start(api: EksApi): Promise<string>;
  /** The update's progress in the data plane, where the engine can follow it (a probe per update). */
  progress?(harness: SimHarness, log: TimedReading[]): Promise<ProgressProbe>;
}

const BIG_NODEGROUP: LiveNodegroup = {
  name: 'general',
  status: 'ACTIVE',
  version: '1.29',
  amiType: 'AL2023_x86_64_STANDARD',
  desiredSize: 10,
  updateConfig: { maxUnavailable: 1 },
};

/** The default seed's vpc-cni, and the release one minor above it, as VPCCNI-ONE-MINOR allows. */
const VPC_CNI_NOW = 'v1.16.0-eksbuild.1';
const VPC_CNI_NEXT = 'v1.17.1-eksbuild.1';

const step = (s: Partial<PlanStep> & Pick<PlanStep, 'action'>) => s as PlanStep;

export const SINGLE_UPDATE_SCENARIOS: SingleUpdateScenario[] = [
  {
    id: 'control-plane',
    title: 'Control plane 1.29 → 1.30 (~10 min)',
    resource: { kind: 'cluster', name: 'demo' },
    expectedSeconds: expectedSeconds(step({ action: 'cluster-version' })),
    // vpc-cni one minor up first, so that no readiness insight blocks 1.30 (INSIGHTS-PER-STEP): only the waiting is measured.
    seed: () => {
      const seed = defaultSeed();
      seed.clusters[0].addons!.find((a) => a.name === 'vpc-cni')!.version = VPC_CNI_NEXT;
      return seed;
    },
    start: async (api) => (await api.updateClusterVersion({ version: '1.30' })).id!,
  },
  {
    id: 'addon',
    title: 'Add-on vpc-cni (~2 min)',
    resource: { kind: 'addon', name: 'vpc-cni' },
    expectedSeconds: expectedSeconds(step({ action: 'addon-update' })),
    seed: defaultSeed,
    start: async (api) => (await api.updateAddon({ addonName: 'vpc-cni', addonVersion: VPC_CNI_NEXT })).id!,
    progress: (harness, log) => kubeProbe(harness, 'demo', (view) => addonProgress(view, VPC_CNI_NOW, VPC_CNI_NEXT) ?? noPods(), log),
  },
  {
    id: 'nodegroup',
    title: 'Node group of 10 nodes, maxUnavailable 1 (~21 min)',
    resource: { kind: 'nodegroup', name: 'general' },
    expectedSeconds: expectedSeconds(step({ action: 'nodegroup-version' }), BIG_NODEGROUP),
    unitSeconds: expectedUnitSeconds(step({ action: 'nodegroup-version' }), BIG_NODEGROUP),
    seed: () => seedWithGeneral(BIG_NODEGROUP.desiredSize!, 15),
    start: startRoll,
    progress: (harness, log) => nodegroupProbe(harness, log, BIG_NODEGROUP.desiredSize!),
  },
];

/**
 * Node-group rolls of 3, 12 and 50 nodes (maxUnavailable 1), each batch drawn on its own from the duration model, as
 * the engine follows them in the data plane.
 */
export const PROGRESS_SCENARIOS: SingleUpdateScenario[] = [3, 12, 50].map((nodes) => ({
  id: `nodegroup-${nodes}`,
  title: `Node group of ${nodes} nodes, maxUnavailable 1, each batch drawn on its own`,
  resource: { kind: 'nodegroup', name: 'general' },
  expectedSeconds: expectedSeconds(step({ action: 'nodegroup-version' }), { ...BIG_NODEGROUP, desiredSize: nodes }),
  unitSeconds: expectedUnitSeconds(step({ action: 'nodegroup-version' }), { ...BIG_NODEGROUP, desiredSize: nodes }),
  durations: { drawEachBatch: true },
  seed: () => seedWithGeneral(nodes, nodes * 2),
  start: startRoll,
  progress: (harness, log) => nodegroupProbe(harness, log, nodes),
}));

/** The default seed with demo/general at `nodes` nodes (at most `maxSize`), rolled one node at a time. */
function seedWithGeneral(nodes: number, maxSize: number): SimSeed {
  const seed = defaultSeed();
  const general = seed.clusters[0].nodegroups!.find((n) => n.name === 'general')!;
  general.scalingConfig = { minSize: nodes, maxSize, desiredSize: nodes };
  general.updateConfig = { maxUnavailable: 1, updateStrategy: 'DEFAULT' };
  return seed;
}

/** Starts demo/general's roll to the latest AMI release of its minor. */
async function startRoll(api: EksApi): Promise<string> {
  return (await api.updateNodegroupVersion({ nodegroupName: 'general' })).id!;
}

/** demo/general's roll to the latest AMI release of its minor: new nodes are the ones that join. */
function nodegroupProbe(harness: SimHarness, log: TimedReading[], desired: number): Promise<ProgressProbe> {
  const roll = new NodegroupProgress({ nodegroup: 'general', minor: '1.29', changesMinor: false, desired });
  return kubeProbe(harness, 'demo', (view, now) => roll.read(view, now), log);
}

function noPods(): never {
  throw new Error('no pod runs vpc-cni');
}

interface Sample {
  /** The update's duration in the simulator (s). */
  readonly durationSeconds: number;
  /** From the update's end in the simulator to the poll that saw it (s). */
  readonly latencySeconds: number;
  readonly describeUpdateCalls: number;
  /** How far off the ETA from the pace seen by halfway was, as a share of the time then left (%), where progress was read. */
  readonly etaErrorPercent?: number;
}

export interface PolicyResult {
  readonly policy: string;
  readonly summary: string;
  readonly baseline: boolean;
  readonly samples: number;
  readonly durationMedianSeconds: number;
  readonly latencyMedianSeconds: number;
  readonly latencyP95Seconds: number;
  /** Latency as a share of each update's duration (%), then median / p95 over samples. */
  readonly latencyMedianPercent: number;
  readonly latencyP95Percent: number;
  readonly describeUpdateCallsPerUpdate: number;
  /** Median over updates of the ETA error at halfway (%), for a policy that reads progress. */
  readonly etaErrorMedianPercent?: number;
}

export interface WaitOptions {
  readonly samples: number;
  readonly model: DurationModelSpec;
  readonly rngSeed: number;
}

/**
 * Sample i of every policy runs against a fresh simulator seeded with the same derived rngSeed, so each
 * policy waits for exactly the same sequence of update durations.
 */
export async function measurePolicy(policy: WaitPolicy, scenario: SingleUpdateScenario, options: WaitOptions): Promise<PolicyResult> {
  const harness = new SimHarness();
  const api = harness.api('demo');
  // Built once: each simulator copies its seed.
  const world = scenario.seed();
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < options.samples; i++) {
      const durations = { ...options.model.simulator.durations, ...scenario.durations };
      const sim = harness.use({ seed: world, ...options.model.simulator, durations, rngSeed: sampleSeed(options.rngSeed, i) });
      const updateId = await harness.clock.run(scenario.start(api));
      const log: TimedReading[] = [];
      const probe = policy.readsProgress && scenario.progress ? await scenario.progress(harness, log) : undefined;
      // The pollers' own jitter comes from a separate stream, the same for every policy.
      const random = seededRandom(sampleSeed(options.rngSeed + 1_000_000, i));
      const unitSeconds = scenario.unitSeconds !== undefined ? { unitSeconds: scenario.unitSeconds } : {};
      const outcome = await harness.clock.run(policy.wait({
        api, clock: harness.clock, resource: scenario.resource, updateId, expectedSeconds: scenario.expectedSeconds, random, ...(probe ? { probe } : {}), ...unitSeconds,
      }));
      if (outcome.status !== 'Successful') throw new Error(`${scenario.id}/${policy.name}: update ended ${outcome.status}`);
      const update = sim.state().updates!.find((u) => u.id === updateId)!;
      const end = ms(update.endsAt);
      const eta = probe ? etaErrorAtHalfway(log, ms(update.createdAt), end, scenario) : undefined;
      samples.push({
        durationSeconds: (end - ms(update.createdAt)) / 1000,
        latencySeconds: (harness.clock.now() - end) / 1000,
        describeUpdateCalls: countCalls(sim.calls(), { operation: 'DescribeUpdate' }),
        ...(eta !== undefined ? { etaErrorPercent: eta } : {}),
      });
    }
  } finally {
    api.destroy();
  }
  const pct = samples.map((s) => (100 * s.latencySeconds) / s.durationSeconds);
  const lat = samples.map((s) => s.latencySeconds);
  return {
    policy: policy.name,
    summary: policy.summary,
    baseline: policy.baseline,
    samples: samples.length,
    durationMedianSeconds: median(samples.map((s) => s.durationSeconds)),
    latencyMedianSeconds: median(lat),
    latencyP95Seconds: p95(lat),
    latencyMedianPercent: median(pct),
    latencyP95Percent: p95(pct),
    describeUpdateCallsPerUpdate: mean(samples.map((s) => s.describeUpdateCalls)),
    ...(samples.some((x) => x.etaErrorPercent !== undefined)
      ? { etaErrorMedianPercent: median(samples.flatMap((x) => (x.etaErrorPercent !== undefined ? [x.etaErrorPercent] : []))) } : {}),
  };
}

/**
 * The ETA the engine's pace gave at the first reading past the update's halfway point, replayed from the readings it
 * took, against the time that was then really left: |ETA − left| ÷ left, in %. Undefined when no pace was known then.
 */
function etaErrorAtHalfway(log: readonly TimedReading[], createdAt: number, end: number, expected: Pick<SingleUpdateScenario, 'expectedSeconds' | 'unitSeconds'>): number | undefined {
  const half = createdAt + (end - createdAt) / 2;
  // As the waiter makes it: a unit is first expected to take the engine's figure for one, else its share of the expected duration.
  const pace = new PaceEstimator(expected.unitSeconds ?? expected.expectedSeconds / Math.max(1, log[0]?.reading.total ?? 1));
  for (const { at, reading } of log) {
    pace.observe(reading, at);
    if (at < half) continue;
    const eta = pace.remainingSeconds(at);
    const left = (end - at) / 1000;
    return eta === undefined || left <= 0 ? undefined : (100 * Math.abs(eta - left)) / left;
  }
  return undefined;
}

/** One named scenario of the report: one kind of update under one duration model, every policy's figures. */
export interface WaitingScenario {
  readonly title: string;
  readonly model: DurationModelSpec['id'];
  readonly expectedSeconds: number;
  readonly policies: PolicyResult[];
}

/** The policies at least as good as `mine` on both median latency and calls per update, and better on one. */
export function paretoDominating(mine: PolicyResult, others: readonly PolicyResult[]): PolicyResult[] {
  return others.filter((o) => o.latencyMedianSeconds <= mine.latencyMedianSeconds && o.describeUpdateCallsPerUpdate <= mine.describeUpdateCallsPerUpdate
    && (o.latencyMedianSeconds < mine.latencyMedianSeconds || o.describeUpdateCallsPerUpdate < mine.describeUpdateCallsPerUpdate));
}

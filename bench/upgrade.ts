import { ms, SimHarness } from './harness';
import { minimumNodegroupRolls } from './minimum-rolls';
import { sampleSeed, seededRandom } from './stats';
import type { RunReport } from '../src/engine/run-report';
import { newReport, runUpgrade } from '../src/engine/upgrade';
import { countByOperation, countCalls, defaultSeed, type NodegroupSeed, type SimSeed } from '../src/simulator';
import { INSIGHTS_REFRESH_SECONDS } from '../src/simulator/operations/insights-refresh';
import { parseSpec } from '../src/upgrade-spec/parse-spec';

/** The fleet of both upgrade scenarios: 10 managed node groups of 3 to 12 nodes, one node at a time. */
export const NODEGROUP_COUNT = 10;
const nodegroupName = (i: number) => `ng-${String(i + 1).padStart(2, '0')}`;

function fleet(version: string, releaseVersion: string): NodegroupSeed[] {
  return Array.from({ length: NODEGROUP_COUNT }, (_, i) => ({
    name: nodegroupName(i),
    version,
    releaseVersion,
    amiType: 'AL2023_x86_64_STANDARD',
    capacityType: 'ON_DEMAND',
    instanceTypes: ['m6i.large'],
    scalingConfig: { minSize: 3 + i, maxSize: 6 + 2 * i, desiredSize: 3 + i },
    updateConfig: { maxUnavailable: 1, updateStrategy: 'DEFAULT' },
  }));
}

/** The default world with the fleet in place of its node groups, and a fourth add-on (aws-ebs-csi-driver, already in the catalog). */
export function upgradeSeed(): SimSeed {
  const seed = defaultSeed();
  const cluster = seed.clusters[0];
  cluster.nodegroups = fleet('1.29', '1.29.10-20241213');
  cluster.addons = [...cluster.addons!, { name: 'aws-ebs-csi-driver', version: 'v1.38.1-eksbuild.2' }];
  if (!seed.addonCatalog!.some((e) => e.addonName === 'aws-ebs-csi-driver')) {
    throw new Error('bench: the default add-on catalog no longer lists aws-ebs-csi-driver; add an entry for the fourth add-on to upgradeSeed()');
  }
  return seed;
}

function spec(controlPlane: string, addons: boolean, maxConcurrentNodegroups: number) {
  return parseSpec({
    specVersion: 1,
    clusterName: 'demo',
    controlPlane: { version: controlPlane },
    addons: addons ? [
      { name: 'vpc-cni', version: 'latest', resolveConflicts: 'OVERWRITE' },
      { name: 'coredns', version: 'clusterDefault' },
      { name: 'kube-proxy', version: 'latest' },
      { name: 'aws-ebs-csi-driver', version: 'latest' },
    ] : [],
    nodegroups: Array.from({ length: NODEGROUP_COUNT }, (_, i) => ({ name: nodegroupName(i), releaseVersion: 'latest' })),
    // The in-process harness has no socket for the Kubernetes API the engine reads over HTTP, and a read waiting on one
    // stops the virtual clock; the data plane's part in waiting is measured by the waiting scenarios (data-plane-probe.ts).
    policy: { maxConcurrentNodegroups, dataPlane: 'off' },
  });
}

export interface PhaseTiming {
  readonly phase: string;
  readonly updates: number;
  /** The phase's slowest lane in EKS time (a lane's updates run one after another). */
  readonly criticalSeconds: number;
  /** From the phase's first update start to the engine seeing its last update end. */
  readonly wallSeconds: number;
}

export interface UpgradeRun {
  readonly wallSeconds: number;
  /** The phases' critical times plus the insights refreshes the engine waits on before control-plane steps. */
  readonly criticalPathSeconds: number;
  /** EKS's time for those refreshes (INSIGHTS-PER-STEP): one after another, with no update running beside them. */
  readonly insightsRefreshSeconds: number;
  readonly phases: PhaseTiming[];
  readonly updates: number;
  readonly describeUpdateCalls: number;
  readonly apiCalls: Record<string, number>;
  /** Each node group's update duration (s), by name, to check that policies saw the same updates. */
  readonly nodegroupSeconds: Record<string, number>;
  readonly slowestNodegroupSeconds: number;
  /** UpdateNodegroupVersion updates the run made (each one rolls a node group's nodes). */
  readonly nodegroupRolls: number;
  /** The fewest EKS's rules allow for this upgrade (bench/minimum-rolls.ts), computed without the planner. */
  readonly minimumNodegroupRolls: number;
}

/** Runs `runUpgrade` to completion in virtual time and times it against the updates the simulator ran. */
async function timedUpgrade(seed: SimSeed, specInput: ReturnType<typeof spec>, rngSeed: number, durationJitter: number): Promise<UpgradeRun> {
  // Every node group of the seed is targeted with releaseVersion "latest", and the seed's releases are older.
  const minimumRolls = minimumNodegroupRolls(seed.clusters[0].nodegroups!.map((n) => ({ version: n.version!, releaseMoves: true })), specInput.controlPlane.version,
    specInput.policy.skipLevelNodegroups);
  const harness = new SimHarness();
  const sim = harness.use({ seed, durationJitter, rngSeed });
  const api = harness.api('demo');
  const report: RunReport = newReport(specInput, harness.clock);
  const start = harness.clock.now();
  try {
    await harness.clock.run(runUpgrade({ spec: specInput, api, clock: harness.clock, sink: () => undefined, random: seededRandom(rngSeed + 1) }, report));
  } finally {
    api.destroy();
  }
  const wallSeconds = (harness.clock.now() - start) / 1000;
  const updates = new Map(sim.state().updates!.map((u) => [u.id, u]));
  const phases: PhaseTiming[] = [];
  for (const title of [...new Set(report.steps.map((s) => s.phase))]) {
    const steps = report.steps.filter((s) => s.phase === title && s.updateId !== undefined);
    if (steps.length === 0) continue;
    const lanes = new Map<string, number>();
    let first = Infinity;
    let last = -Infinity;
    for (const s of steps) {
      const u = updates.get(s.updateId!)!;
      if (u.status !== 'Successful') throw new Error(`bench: update ${u.id} on ${s.resource} ended ${u.status}`);
      lanes.set(s.resource, (lanes.get(s.resource) ?? 0) + (ms(u.endsAt) - ms(u.createdAt)) / 1000);
      first = Math.min(first, ms(u.createdAt));
      last = Math.max(last, ms(s.endedAt!));
    }
    phases.push({ phase: title, updates: steps.length, criticalSeconds: Math.max(...lanes.values()), wallSeconds: (last - first) / 1000 });
  }
  const nodegroupSeconds: Record<string, number> = {};
  let nodegroupRolls = 0;
  for (const u of updates.values()) {
    if (u.nodegroup && u.type === 'VersionUpdate') {
      nodegroupSeconds[u.nodegroup] = (ms(u.endsAt) - ms(u.createdAt)) / 1000;
      nodegroupRolls++;
    }
  }
  const insightsRefreshSeconds = countCalls(sim.calls(), { operation: 'StartInsightsRefresh', status: 200 }) * INSIGHTS_REFRESH_SECONDS;
  return {
    wallSeconds,
    criticalPathSeconds: phases.reduce((a, p) => a + p.criticalSeconds, 0) + insightsRefreshSeconds,
    insightsRefreshSeconds,
    phases,
    updates: updates.size,
    describeUpdateCalls: countCalls(sim.calls(), { operation: 'DescribeUpdate' }),
    apiCalls: countByOperation(sim.calls()),
    nodegroupSeconds,
    slowestNodegroupSeconds: Math.max(0, ...Object.values(nodegroupSeconds)),
    nodegroupRolls,
    minimumNodegroupRolls: minimumRolls,
  };
}

/** 1.29 → 1.32 with 10 node groups and 4 add-ons, all node groups at once in the last phase. */
export function fullUpgrade(sample: number, base: number, durationJitter: number): Promise<UpgradeRun> {
  return timedUpgrade(upgradeSeed(), spec('1.32', true, NODEGROUP_COUNT), sampleSeed(base, sample), durationJitter);
}

/** Only the fleet's AMI release update (control plane already current), with the given concurrency. */
export function nodegroupFleet(sample: number, base: number, durationJitter: number, maxConcurrentNodegroups: number): Promise<UpgradeRun> {
  return timedUpgrade(upgradeSeed(), spec('1.29', false, maxConcurrentNodegroups), sampleSeed(base, sample), durationJitter);
}

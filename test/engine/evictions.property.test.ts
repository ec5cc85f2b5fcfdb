/**
 * EVICTION-BUDGET, EVICTION-BARE-PODS, NODE-ROLL-BATCHES: the planner's eviction predictions against the simulator's
 * own drains, on generated workloads (replicas, budgets, pods without a controller, node counts and batch sizes drawn
 * by fast-check with a fixed seed). Each case is seeded into a simulator, read back through its Kubernetes API and
 * the product's own object mapping, predicted, then rolled: a roll that fails with PodEvictionFailure must have been
 * predicted (0 missed); a predicted roll that succeeds is a false alarm, counted and stated in docs/reliability.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { predictEvictions } from '../../src/engine/eviction-preflight';
import { DataPlaneView } from '../../src/kubernetes/data-plane-view';
import { toBudget, toNode, toPod, toWorkload } from '../../src/kubernetes/kube-objects';
import { Simulator, VirtualClock, type SimSeed } from '../../src/simulator';
import type { PodDisruptionBudgetSeed, PodSeed, WorkloadSeed } from '../../src/simulator/kubernetes/data-plane-seed';
import { REPO_ROOT } from '../docs/repo-view';
import { kubeGet } from '../simulator/kubernetes/kube-fixture';

const SEED = 20261206;
const RUNS = 200;

type Bounds = Pick<PodDisruptionBudgetSeed, 'minAvailable' | 'maxUnavailable'> | undefined;
interface Workload { replicas: number; bounds: Bounds; node: number | 'spread'; bare: number; twoBudgets: boolean }
interface Case { nodes: number; batch: number; workloads: Workload[] }

const bounds = (replicas: number): fc.Arbitrary<Bounds> => fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: replicas + 1 }).map((n) => ({ minAvailable: n })),
  fc.integer({ min: 0, max: 3 }).map((n) => ({ maxUnavailable: n })),
  fc.constantFrom('0%', '25%', '50%', '100%').map((p) => ({ minAvailable: p })),
  fc.constantFrom('0%', '10%', '50%').map((p) => ({ maxUnavailable: p })),
);

/** Many replicas behind a budget that lets a few go at a time: how long a batch takes to empty is what is tested. */
const bigBounds = (replicas: number): fc.Arbitrary<Bounds> => fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((n) => ({ maxUnavailable: n })),
  fc.integer({ min: 1, max: 3 }).map((n) => ({ minAvailable: replicas - n })),
);

const workload = (nodes: number): fc.Arbitrary<Workload> => fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 25, max: 110 }) },
).chain((replicas) => fc.record({
  replicas: fc.constant(replicas),
  bounds: replicas < 25 ? bounds(replicas) : bigBounds(replicas),
  node: fc.oneof(fc.constant<'spread'>('spread'), fc.integer({ min: 0, max: nodes - 1 })),
  bare: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  twoBudgets: fc.integer({ min: 0, max: 5 }).map((n) => n === 0 && replicas < 25),
}));

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 4 }).chain((nodes) => fc.record({
  nodes: fc.constant(nodes),
  batch: fc.integer({ min: 1, max: nodes }),
  workloads: fc.array(workload(nodes), { minLength: 1, maxLength: 3 }),
}));

const nodeName = (i: number) => `ip-10-0-1-${i + 10}.ec2.internal`;

function seedOf(c: Case): SimSeed {
  const workloads: WorkloadSeed[] = [];
  const pods: PodSeed[] = [];
  const budgets: PodDisruptionBudgetSeed[] = [];
  c.workloads.forEach((w, d) => {
    const name = `d${d}`;
    workloads.push({ kind: 'Deployment', name, namespace: 'shop', replicas: w.replicas, labels: { app: name }, nodeSelector: { 'eks.amazonaws.com/nodegroup': 'workers' } });
    for (let i = 0; i < w.replicas; i++) {
      const on = w.node === 'spread' ? i % c.nodes : w.node;
      pods.push({ name: `${name}-5d4f8b7c9a-x${String(i).padStart(4, '0')}`, namespace: 'shop', owner: { kind: 'Deployment', name }, nodeName: nodeName(on), labels: { app: name } });
    }
    for (let i = 0; i < w.bare; i++) pods.push({ name: `${name}-solo-${i}`, namespace: 'shop', nodeName: nodeName(i % c.nodes), labels: { app: name } });
    if (w.bounds) budgets.push({ name, namespace: 'shop', selector: { app: name }, ...w.bounds });
    if (w.twoBudgets) budgets.push({ name: `${name}-extra`, namespace: 'shop', selector: { app: name }, maxUnavailable: 1 });
  });
  return {
    clusters: [{
      name: 'gen',
      version: '1.29',
      createdAt: '2024-11-04T08:00:00.000Z',
      nodegroups: [{
        name: 'workers',
        version: '1.29',
        releaseVersion: '1.29.10-20241213',
        amiType: 'AL2023_x86_64_STANDARD',
        scalingConfig: { minSize: 1, maxSize: 8, desiredSize: c.nodes },
        updateConfig: { maxUnavailable: c.batch },
        createdAt: '2024-11-04T08:20:00.000Z',
      }],
      addons: [],
      dataPlane: {
        nodes: Array.from({ length: c.nodes }, (_, i) => ({ name: nodeName(i), managedBy: 'nodegroup' as const, nodegroup: 'workers' })),
        workloads,
        pods,
        podDisruptionBudgets: budgets,
      },
    }],
  } as SimSeed;
}

/** The data plane as the product reads it: the simulator's Kubernetes objects through the product's own mapping. */
async function viewOf(sim: Simulator): Promise<DataPlaneView> {
  const items = async (path: string) => (await kubeGet(sim, 'gen', path)).json.items as any[];
  return {
    nodes: (await items('/api/v1/nodes')).map(toNode),
    pods: (await items('/api/v1/pods')).map(toPod),
    podDisruptionBudgets: (await items('/apis/policy/v1/poddisruptionbudgets')).map(toBudget),
    workloads: (await items('/apis/apps/v1/deployments')).map((w) => toWorkload('Deployment', w)),
  };
}

/** Rolls `workers` to the latest 1.29 release without force and reports how the update ended. */
async function roll(sim: Simulator, clock: VirtualClock): Promise<{ status: string; codes: string[] }> {
  const res = await sim.handle({ method: 'POST', path: '/clusters/gen/node-groups/workers/update-version', body: JSON.stringify({ releaseVersion: '1.29.15-20250610' }) });
  const id = JSON.parse(res.body).update?.id as string;
  if (!id) throw new Error(`the roll was not started: ${res.body}`);
  for (let i = 0; i < 48; i++) {
    const u = sim.state().updates!.find((x) => x.id === id)!;
    if (u.status !== 'InProgress') return { status: u.status, codes: (u.errors ?? []).map((e) => e.errorCode) };
    clock.advance(10 * 60_000);
  }
  throw new Error('the roll did not end within 8 simulated hours');
}

interface Tally { cases: number; failed: number; predicted: number; missed: Case[]; falseAlarms: number }

async function run(): Promise<Tally> {
  const tally: Tally = { cases: 0, failed: 0, predicted: 0, missed: [], falseAlarms: 0 };
  await fc.assert(fc.asyncProperty(caseArb, async (c) => {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock, seed: seedOf(c) });
    const predictions = predictEvictions(await viewOf(sim), { nodegroup: 'workers', field: 'nodegroups[0]', mode: 'fail', updateConfig: { maxUnavailable: c.batch } });
    const outcome = await roll(sim, clock);
    const failed = outcome.status === 'Failed';
    if (failed) expect(outcome.codes).toEqual(['PodEvictionFailure']);
    tally.cases++;
    if (failed) tally.failed++;
    if (predictions.length > 0) tally.predicted++;
    if (failed && predictions.length === 0) tally.missed.push(c);
    if (!failed && predictions.length > 0) tally.falseAlarms++;
    if (process.env.EVICTIONS_DEBUG) console.log(JSON.stringify({ failed, rules: predictions.map((p) => p.rule), c }));
  }), { numRuns: RUNS, seed: SEED });
  return tally;
}

test('every PodEvictionFailure of a generated roll was predicted, and the false alarms are the ones docs/reliability.md states', async () => {
  const t = await run();
  expect(t.missed).toEqual([]);
  const line = `evictions: ${t.cases} generated rolls, ${t.failed} failed with PodEvictionFailure, ${t.predicted} predicted, 0 missed, ${t.falseAlarms} false alarms`;
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'reliability.md'), 'utf8');
  expect([line, doc.includes(`\n${line}\n`)]).toEqual([line, true]);
}, 300_000);

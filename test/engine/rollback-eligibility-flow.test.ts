/**
 * ROLLBACK-ELIGIBLE against the simulator through the real AWS SDK: a rollback EKS would refuse is refused (exit 2)
 * before any mutating call, so no node group moves for nothing; an eligible one runs.
 */
import { applyOnSim } from './fixtures/sim-flow';
import { PlanError } from '../../src/engine/planner';
import { RunReport } from '../../src/engine/run-report';
import { InputError } from '../../src/errors/run-errors';
import { defaultSeed, RunningSimulator, SimSeed, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const SCALE = 2000;
const DAY = 24 * 3600 * 1000;
let sim: RunningSimulator;
afterEach(async () => sim.close());

/** `demo` upgraded in place from 1.29 to 1.30 `daysAgo` days ago; both node groups on 1.30; add-ons that run on both. */
function upgradedSeed(change: (c: SimSeed['clusters'][number], s: SimSeed) => void = () => {}, daysAgo = 1): SimSeed {
  const seed = defaultSeed();
  seed.clusters = [seed.clusters[0]];
  const c = seed.clusters[0];
  Object.assign(c, { version: '1.30', platformVersion: 'eks.33', previousVersion: '1.29', upgradedAt: new Date(Date.now() - daysAgo * DAY).toISOString() });
  for (const n of c.nodegroups!) Object.assign(n, { version: '1.30', releaseVersion: '1.30.8-20250101' });
  c.addons = [{ name: 'vpc-cni', version: 'v1.19.2-eksbuild.1' }, { name: 'coredns', version: 'v1.11.3-eksbuild.1' }];
  // Both versions in standard support now, whatever today's date.
  seed.clusterVersions = ['1.29', '1.30'].map((v, i) => ({
    clusterVersion: v,
    releaseDate: new Date(Date.now() - (200 - i * 60) * DAY).toISOString(),
    endOfStandardSupportDate: new Date(Date.now() + (200 + i * 60) * DAY).toISOString(),
    endOfExtendedSupportDate: new Date(Date.now() + (565 + i * 60) * DAY).toISOString(),
  }));
  change(c, seed);
  return seed;
}

const spec = () => parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.29', allowRollback: true }, nodegroups: [{ name: 'general' }, { name: 'batch' }] });

const apply = (): Promise<RunReport> => applyOnSim(sim, spec(), SCALE, { accessKeyId: 'x' });

const mutating = () => sim.simulator.calls().filter((c) => c.mutating);

test.each<[string, SimSeed, new (...args: any[]) => Error, RegExp]>([
  ['more than 7 days after the upgrade', upgradedSeed(() => {}, 8), PlanError, /\[ROLLBACK-ELIGIBLE\][\s\S]*only within 7 days of an upgrade/],
  ['a cluster created at its current version', upgradedSeed((c) => { delete c.previousVersion; delete c.upgradedAt; }), PlanError, /\[ROLLBACK-ELIGIBLE\][\s\S]*created at 1\.30 cannot be rolled back/],
  ['an extended-support target under the STANDARD policy', upgradedSeed((c, s) => {
    c.upgradePolicy = { supportType: 'STANDARD' };
    s.clusterVersions![0].endOfStandardSupportDate = new Date(Date.now() - DAY).toISOString();
  }), PlanError, /\[ROLLBACK-ELIGIBLE\][\s\S]*upgrade policy is STANDARD/],
  ['a rollback-readiness insight in ERROR', upgradedSeed((c) => {
    c.insights = [{ name: 'Incompatible API usage', category: 'ROLLBACK_READINESS', kubernetesVersion: '1.29', status: 'ERROR' }];
  }), InputError, /ROLLBACK_READINESS insight\(s\) in ERROR or UNKNOWN block[\s\S]*ERROR rollback insight for 1\.29: Incompatible API usage/],
  ['a rollback-readiness insight in UNKNOWN', upgradedSeed((c) => {
    c.insights = [{ name: 'Cluster health issues', category: 'ROLLBACK_READINESS', kubernetesVersion: '1.29', status: 'UNKNOWN' }];
  }), InputError, /ERROR undetermined rollback insight for 1\.29: Cluster health issues[\s\S]*does not roll back on an unknown/],
])('ROLLBACK-ELIGIBLE: refused before any change, 0 node groups moved: %s', async (_name, seed, errorClass, message) => {
  sim = await startSimulator({ timeScale: SCALE, seed });
  const run = apply();
  await expect(run).rejects.toThrow(errorClass);
  await expect(run).rejects.toThrow(message);
  expect(mutating()).toEqual([]);
  expect(sim.simulator.state().clusters[0].nodegroups!.map((n) => n.version)).toEqual(['1.30', '1.30']);
});

test('ROLLBACK-ELIGIBLE: an eligible rollback runs: node groups first, then the control plane', async () => {
  sim = await startSimulator({ timeScale: SCALE, seed: upgradedSeed() });
  const report = await apply();
  expect(report.steps.map((s) => `${s.resource} ${s.outcome}`)).toEqual(['nodegroup/general Successful', 'nodegroup/batch Successful', 'cluster/demo Successful']);
  expect(sim.simulator.state().clusters[0].version).toBe('1.29');
});


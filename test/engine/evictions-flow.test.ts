/**
 * EVICTION-BUDGET end to end, on the simulator's `pdb-blocked` cluster (docs/simulator.md): `checkout`, one replica
 * pinned to node group `workers` behind `minAvailable: 1`. Rolling `workers` (a new AMI release) cannot evict it.
 */
import { applyOnSim, simApi } from './fixtures/sim-flow';
import { PlanError } from '../../src/engine/planner';
import { RunReport } from '../../src/engine/run-report';
import { newReport, planOnly } from '../../src/engine/upgrade';
import type { DataPlaneRead } from '../../src/kubernetes/read-data-plane';
import { RunningSimulator, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const SCALE = 2000;
let sim: RunningSimulator;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: SCALE });
});
afterEach(async () => {
  await sim.close();
});

const spec = (workers: Record<string, unknown> = {}, policy: Record<string, unknown> = {}) => parseSpec({
  specVersion: 1,
  clusterName: 'pdb-blocked',
  controlPlane: { version: '1.29' },
  nodegroups: [{ name: 'workers', releaseVersion: 'latest', ...workers }],
  policy,
});

const api = (accessKeyId?: string) => simApi(sim, 'pdb-blocked', accessKeyId);

/** The apply's report, with its error, if any, recorded in it. */
async function apply(s: ReturnType<typeof spec>): Promise<RunReport> {
  const report = newReport(s);
  try {
    await applyOnSim(sim, s, SCALE, { report });
  } catch (error) {
    report.outcome = 'failed';
    report.error = (error as Error).message;
  }
  return report;
}

const mutating = () => sim.simulator.calls().filter((c) => c.mutating);

describe('EVICTION-BUDGET: PodEvictionFailure predicted before any node group rolls', () => {
  test('evictions: fail (the default) refuses the plan and the apply, naming the budget, the node group, the pod and the fixes, with 0 mutating calls', async () => {
    const client = api();
    try {
      const refused = await planOnly({ spec: spec(), api: client }).catch((e) => e);
      expect(refused).toBeInstanceOf(PlanError);
      const message = (refused as PlanError).message;
      expect(message).toMatch(/\[EVICTION-BUDGET\] nodegroup\/workers: rolling it cannot evict shop\/checkout-\S+ within EKS's 15 minutes \(PodDisruptionBudget shop\/checkout\)/);
      expect(message).toMatch(/a single replica behind minAvailable 1/);
      expect(message).toMatch(/Fix: scale the workload, relax the budget, or set nodegroups\[0\]\.evictions: 'force' knowingly/);
    } finally {
      client.destroy();
    }
    const report = await apply(spec());
    expect(report.error).toMatch(/PodDisruptionBudget shop\/checkout/);
    expect(mutating()).toEqual([]);
  });

  test('evictions: force converges, and the node group\'s update carries force', async () => {
    const report = await apply(spec({ evictions: 'force' }));
    expect(report.error).toBeUndefined();
    expect(report.outcome).toBe('converged');
    const updates = mutating().filter((c) => c.operation === 'UpdateNodegroupVersion');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ resource: 'nodegroup/pdb-blocked/workers', createdUpdate: true, force: true });
    expect(report.warnings.join('\n')).toMatch(/\[EVICTION-BUDGET\] nodegroup\/workers: evictions: force — .*pods may be deleted despite their PodDisruptionBudgets; predicted to be: shop\/checkout-\S+ \(PodDisruptionBudget shop\/checkout\)/);
    // The plan's eviction gate read the whole data plane once; the roll's progress probes list the group's nodes (and
    // pods and budgets while a node drains), never the Deployments and DaemonSets again.
    const kubeReads = (operation: string) => sim.simulator.calls().filter((c) => c.service === 'kubernetes' && c.operation === operation).length;
    expect(kubeReads('ListDeployments')).toBe(1);
    expect(kubeReads('ListDaemonSets')).toBe(1);
    expect(kubeReads('ListNodes')).toBeGreaterThan(1);
  });

  test('a plan whose only read is the eviction gate\'s, refused, is not read again by the roll\'s progress probe', async () => {
    const s = spec({ evictions: 'force' });
    const reads: string[] = [];
    const lines: string[] = [];
    const refused = async (): Promise<DataPlaneRead> => {
      reads.push('read');
      return { status: 'skipped', failure: 'forbidden', reason: 'the runner may not list pods (403)' };
    };
    const report = await applyOnSim(sim, s, SCALE, { lines, readDataPlane: refused });
    expect(report.outcome).toBe('converged');
    expect(reads).toHaveLength(1);
    expect(lines.filter((l) => l.includes('progress not readable'))).toEqual([]);
  });

  test('policy evictions: force forces every node group that does not say otherwise', async () => {
    const client = api();
    try {
      const { text } = await planOnly({ spec: spec({}, { evictions: 'force' }), api: client });
      expect(text).toMatch(/nodegroup\/workers.*forced \(evictions: force\): pods may be deleted despite their PodDisruptionBudgets/);
    } finally {
      client.destroy();
    }
  });

  test('evictions: warn rolls anyway; EKS fails the update with PodEvictionFailure after 15 minutes, and the report names the budget from a fresh read', async () => {
    const report = await apply(spec({ evictions: 'warn' }));
    expect(report.warnings.join('\n')).toMatch(/\[EVICTION-BUDGET\] nodegroup\/workers: rolling it cannot evict shop\/checkout-/);
    expect(report.outcome).toBe('failed');
    const update = mutating().find((c) => c.operation === 'UpdateNodegroupVersion')!;
    expect(update.force).toBeUndefined();
    const failed = sim.simulator.state().updates!.find((u) => u.id === update.updateId)!;
    expect(failed.status).toBe('Failed');
    expect(failed.errors).toEqual([expect.objectContaining({ errorCode: 'PodEvictionFailure', resourceIds: ['workers'] })]);
    // The drain began after the setup phase, so the update ran longer than EKS's 15 minutes.
    expect(Date.parse(failed.endsAt) - Date.parse(failed.createdAt)).toBeGreaterThan(15 * 60_000);
    expect(report.error).toMatch(/PodEvictionFailure/);
    expect(report.error).toMatch(/read again now, held by PodDisruptionBudgets: shop\/checkout-\S+ on ip-\S+: PodDisruptionBudget shop\/checkout \(disruptionsAllowed 0\)/);
    expect(report.steps.find((s) => s.resource === 'nodegroup/workers')?.error).toMatch(/PodDisruptionBudget shop\/checkout \(disruptionsAllowed 0\)/);
  });

  test.each([
    ['best-effort', 'not checked'],
    ['off', 'not checked'],
  ])('a data plane that is not read (policy.dataPlane %s) is said: evictions were not predicted', async (dataPlane, label) => {
    const client = api('x');
    try {
      const { plan, text } = await planOnly({ spec: spec({}, { dataPlane }), api: client });
      expect(plan.findings).toContainEqual(expect.objectContaining({ rule: 'EVICTION-BUDGET', severity: 'unknown', field: 'nodegroup/workers' }));
      expect(text).toMatch(new RegExp(`${label} \\[EVICTION-BUDGET\\] nodegroup/workers: evictions were not predicted, because `));
    } finally {
      client.destroy();
    }
  });

  test('policy.dataPlane required and the data plane unreadable refuses before any change', async () => {
    const client = api('x');
    try {
      const refused = await planOnly({ spec: spec({}, { dataPlane: 'required' }), api: client }).catch((e) => e);
      expect(refused).toBeInstanceOf(PlanError);
      expect((refused as PlanError).message).toMatch(/evictions were not predicted.*'required', so nothing was changed/);
    } finally {
      client.destroy();
    }
    expect(mutating()).toEqual([]);
  });

  test('a roll the budgets allow plans without eviction findings', async () => {
    const client = simApi(sim, 'demo');
    try {
      const { plan } = await planOnly({ spec: parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.29' }, nodegroups: [{ name: 'general', releaseVersion: 'latest' }] }), api: client });
      expect(plan.findings.filter((f) => f.rule.startsWith('EVICTION'))).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});


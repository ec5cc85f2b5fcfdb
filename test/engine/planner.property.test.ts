/**
 * The planner against an independent oracle (test/engine/oracle): a model of what EKS accepts call by call,
 * written from the rule ledger (docs/eks-rules.md ids) and the AWS pages it cites, and a brute-force solver over
 * that model. Neither reads the planner's or the simulator's code.
 *
 * - Soundness: every plan runs on the model, each phase in every order its steps could run, and meets the targets.
 * - No dead ends: the planner refuses exactly when no sequence of accepted calls reaches the targets.
 * - Idempotence: planning again from where the plan left the cluster yields no steps.
 * - Minimal rolls: without skip-level, as many node-group version updates as the rules require, no more.
 */
import fc from 'fast-check';
import { addon, customNodegroup, liveState, nodegroup, offer, specFor } from './fixtures/planner-fixtures';
import { Case, context, nodegroupRolls, Prepared, prepare, runOnModel, solveCase } from './oracle/check-plan';
import { EksState } from './oracle/eks-model';
import { liveStateOf } from './oracle/live-bridge';
import { buildScenario, rawScenarioArb, Scenario } from './oracle/scenario';
import { AddonVersionInfo, LiveAddon, LiveNodegroup } from '../../src/aws/live-state';
import { Plan, PlanStep } from '../../src/engine/plan-types';
import { PlanError, planUpgrade } from '../../src/engine/planner';

// Fixed so CI is deterministic; override locally to explore (PLANNER_PROPERTY_SEED / _RUNS).
const SEED = Number(process.env.PLANNER_PROPERTY_SEED ?? 20250611);
const RUNS = Number(process.env.PLANNER_PROPERTY_RUNS ?? 300);

const scenarioArb = rawScenarioArb.map(buildScenario).filter((s): s is Scenario => s !== undefined);

function tryPlan(c: Case): Plan | PlanError {
  try {
    return planUpgrade(c.spec, c.live);
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
}

function problemsText(e: PlanError): string {
  return e.problems.map((p) => `  - ${p.rule ? `[${p.rule}] ` : ''}${p.field}: ${p.message}`).join('\n');
}

/** Soundness on one case: throws with the phase, step and rule EKS refuses, or the unmet targets. */
function expectSound(p: Prepared, plan: Plan): EksState {
  const end = runOnModel(p, plan);
  if (end instanceof Error) throw end;
  return end;
}

function expectNoDeadEnd(p: Prepared, result: Plan | PlanError): void {
  const solved = solveCase(p);
  if (solved.reachable && result instanceof PlanError) {
    throw new Error(`dead end: the planner refuses, but EKS accepts a path to the targets\nrefusal:\n${problemsText(result)}\n${context(p, undefined, solved)}`);
  }
  if (!solved.reachable && !(result instanceof PlanError)) {
    // Soundness names the step; this names the fact.
    const verdict = runOnModel(p, result);
    throw new Error(`the planner plans, but no sequence of calls EKS accepts reaches the targets\n${verdict instanceof Error ? verdict.message : context(p, result)}`);
  }
}

describe('planner against the EKS oracle (test/engine/oracle)', () => {
  const tally = { reachable: 0, unreachable: 0, multiMinor: 0, skipLevel: 0, rollback: 0 };

  test('soundness: every plan is accepted by EKS at every step, in every order a phase may run, and meets the targets', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const result = tryPlan(s);
      if (result instanceof PlanError) return;
      expectSound(prepare(s), result);
    }), { numRuns: RUNS, seed: SEED });
  });

  test('no dead ends: the planner refuses exactly when no sequence of accepted EKS calls reaches the targets', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const p = prepare(s);
      expectNoDeadEnd(p, tryPlan(s));
    }), { numRuns: RUNS, seed: SEED });
  });

  test('idempotence: planning again from the state the plan leads to yields no steps', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const result = tryPlan(s);
      if (result instanceof PlanError) return;
      const p = prepare(s);
      const end = runOnModel(p, result);
      fc.pre(!(end instanceof Error)); // soundness reports those
      const again = planUpgrade(s.spec, liveStateOf(end as EksState, s.live));
      const steps = again.phases.flatMap((ph) => ph.steps);
      if (steps.length > 0) throw new Error(`re-planning from the end state still plans ${steps.length} step(s)\n${context({ ...s, live: liveStateOf(end as EksState, s.live) }, again)}`);
    }), { numRuns: RUNS, seed: SEED });
  });

  test('minimal rolls: in an upgrade without skip-level, node groups roll as often as the rules require and no more', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      fc.pre(!s.spec.policy.skipLevelNodegroups && s.facts.rollbackTo === undefined);
      const result = tryPlan(s);
      if (result instanceof PlanError) return;
      const p = prepare(s);
      fc.pre(!(runOnModel(p, result) instanceof Error));
      const solved = solveCase(p);
      if (solved.minNodegroupRolls !== nodegroupRolls(result)) {
        throw new Error(`the plan rolls node groups ${nodegroupRolls(result)} time(s); the rules require ${solved.minNodegroupRolls}\n${context(p, result, solved)}`);
      }
    }), { numRuns: RUNS, seed: SEED });
  });

  test('the generators reach plans and refusals, reachable and unreachable targets, several minors, skip-level and rollback', () => {
    // Planner-independent: guards against a generator change that makes every case trivial.
    fc.assert(fc.property(scenarioArb, (s) => {
      const solved = solveCase(prepare(s));
      if (solved.reachable) tally.reachable++;
      else tally.unreachable++;
      if (s.spec.policy.skipLevelNodegroups) tally.skipLevel++;
      if (s.facts.rollbackTo !== undefined) tally.rollback++;
      if (solved.reachable && Number(s.spec.controlPlane.version.split('.')[1]) - Number(s.live.cluster.version.split('.')[1]) >= 2) tally.multiMinor++;
    }), { numRuns: RUNS, seed: SEED });
    expect(tally.reachable).toBeGreaterThan(RUNS / 3);
    expect(tally.unreachable).toBeGreaterThan(RUNS / 10);
    expect(tally.multiMinor).toBeGreaterThan(RUNS / 10);
    expect(tally.skipLevel).toBeGreaterThan(RUNS / 20);
    expect(tally.rollback).toBeGreaterThan(RUNS / 30);
  });
});

// ---------------------------------------------------------------------------------------------
// Table cases: the demo-like upgrade and rollback, each judged by the same oracle.

const managed = (name: string, version: string, extra: Partial<LiveNodegroup> = {}): LiveNodegroup =>
  nodegroup(name, version, { releaseVersion: `${version}.10-20241213`, ...extra });
const customAmi = (name: string, version: string): LiveNodegroup =>
  customNodegroup(name, version, '1', { desiredSize: 2, launchTemplate: { id: 'lt-0123456789abcdef0', name: 'demo-custom-lt', version: '1' } });

/**
 * Shaped after real DescribeAddonVersions output: vpc-cni versions one minor apart (so 1.16 → 1.20 takes four
 * updates), kube-proxy's early build v1.29.0-eksbuild.1 listed for 1.29 only with nothing listed for both 1.29 and
 * 1.30 (control plane first, kube-proxy right after), later builds listed for newer minors.
 */
const DEMO_CATALOG: Record<string, AddonVersionInfo[]> = {
  'vpc-cni': [
    offer('v1.20.0-eksbuild.1', '1.31', '1.34', ['1.33', '1.34']),
    offer('v1.19.2-eksbuild.1', '1.30', '1.33', ['1.31', '1.32']),
    offer('v1.18.6-eksbuild.1', '1.29', '1.32', ['1.30']),
    offer('v1.17.1-eksbuild.1', '1.28', '1.31'),
    offer('v1.16.0-eksbuild.1', '1.27', '1.30', ['1.29']),
  ],
  'coredns': [
    offer('v1.12.1-eksbuild.2', '1.31', '1.34', ['1.32', '1.33', '1.34']),
    offer('v1.11.4-eksbuild.2', '1.29', '1.32', ['1.31']),
    offer('v1.11.1-eksbuild.4', '1.28', '1.31', ['1.29', '1.30']),
  ],
  'kube-proxy': [
    offer('v1.33.0-eksbuild.2', '1.33', '1.33', ['1.33']),
    offer('v1.32.0-eksbuild.2', '1.32', '1.33', ['1.32']),
    offer('v1.31.2-eksbuild.3', '1.31', '1.33', ['1.31']),
    offer('v1.30.6-eksbuild.3', '1.30', '1.32', ['1.30']),
    offer('v1.29.0-eksbuild.1', '1.29', '1.29', ['1.29']),
  ],
};

/** The demo seed's shape on 1.29: its three add-ons (coredns to clusterDefault, the others to latest) and the given node groups. */
function demoCase(opts: { target: string; nodegroups: LiveNodegroup[]; specNodegroups: Record<string, unknown>[]; untargetedAddons?: LiveAddon[] }): Case {
  const addons = [addon('vpc-cni', 'v1.16.0-eksbuild.1'), addon('coredns', 'v1.11.1-eksbuild.4'), addon('kube-proxy', 'v1.29.0-eksbuild.1')];
  const targeted = addons.filter((a) => !opts.untargetedAddons?.some((u) => u.name === a.name));
  const live = liveState({
    version: '1.29',
    nodegroups: opts.nodegroups,
    addons: targeted,
    untargetedAddons: opts.untargetedAddons,
    catalog: DEMO_CATALOG,
    latestReleaseVersions: { general: `${opts.target}.3-20250610` },
  });
  const spec = specFor(opts.target, {
    nodegroups: opts.specNodegroups,
    addons: targeted.map((a) => ({ name: a.name, version: a.name === 'coredns' ? 'clusterDefault' : 'latest' })),
  });
  return { spec, live, facts: {} };
}

/** The oracle's whole verdict on a case the planner must plan. */
function expectPlanned(c: Case, rolls?: number): Plan {
  const p = prepare(c);
  const result = tryPlan(c);
  expectNoDeadEnd(p, result);
  const plan = result as Plan;
  const end = expectSound(p, plan);
  const solved = solveCase(p);
  if (rolls !== undefined) expect({ solverMinimum: solved.minNodegroupRolls, planned: nodegroupRolls(plan) }).toEqual({ solverMinimum: rolls, planned: rolls });
  expect(planUpgrade(c.spec, liveStateOf(end, c.live)).phases).toEqual([]);
  return plan;
}

/** The oracle finds no path, and the planner refuses naming `what`. */
function expectRefused(c: Case, what: RegExp): PlanError {
  const p = prepare(c);
  const result = tryPlan(c);
  expectNoDeadEnd(p, result);
  const e = result as PlanError;
  expect(problemsText(e)).toMatch(what);
  return e;
}

const stepsOf = (plan: Plan): PlanStep[] => plan.phases.flatMap((ph) => ph.steps);

describe('table cases judged by the oracle', () => {
  test('demo-like 1.29 → 1.33: node group matched before every step, vpc-cni one minor at a time, kube-proxy right after the step it cannot span (MNG-MATCH-CP, VPCCNI-ONE-MINOR, ADDON-AFTER-CP)', () => {
    const c = demoCase({ target: '1.33', nodegroups: [managed('general', '1.29')], specNodegroups: [{ name: 'general', releaseVersion: 'latest' }] });
    const plan = expectPlanned(c, 4);
    const vpc = stepsOf(plan).filter((s) => s.action === 'addon-update' && s.resource.name === 'vpc-cni');
    expect(vpc.length).toBeGreaterThanOrEqual(4);
  });

  test('demo-like 1.29 → 1.33 with a custom-AMI node group: refused, naming it (MNG-MATCH-CP; its kubelet moves only with its image)', () => {
    const c = demoCase({
      target: '1.33',
      nodegroups: [managed('general', '1.29'), customAmi('custom', '1.29')],
      specNodegroups: [{ name: 'general' }, { name: 'custom', launchTemplate: { id: 'lt-0123456789abcdef0', version: 2 } }],
    });
    expectRefused(c, /custom/);
  });

  test('custom-AMI node group through one minor: rolled by launch template only, never with a version (NG-CUSTOM-AMI)', () => {
    const c = demoCase({
      target: '1.30',
      nodegroups: [managed('general', '1.29'), customAmi('custom', '1.29')],
      specNodegroups: [{ name: 'general' }, { name: 'custom', launchTemplate: { id: 'lt-0123456789abcdef0', version: 2 } }],
    });
    const plan = expectPlanned(c, 2);
    const custom = stepsOf(plan).flatMap((s) => (s.action === 'nodegroup-version' && s.resource.name === 'custom' ? [s] : []));
    expect(custom).not.toHaveLength(0);
    for (const s of custom) expect(s.version).toBeUndefined();
  });

  test('an add-on the spec does not name and EKS does not list for the target: refused (UNTARGETED-COMPATIBLE)', () => {
    const c = demoCase({ target: '1.30', nodegroups: [managed('general', '1.29')], specNodegroups: [{ name: 'general' }], untargetedAddons: [addon('kube-proxy', 'v1.29.0-eksbuild.1')] });
    expectRefused(c, /kube-proxy/);
  });

  test('Amazon Linux 2 stops at 1.32: pinned to 1.32 it plans, following the cluster to 1.33 it is refused (AL2-ENDS-1-32)', () => {
    const al2 = managed('legacy', '1.31', { amiType: 'AL2_x86_64', releaseVersion: '1.31.7-20250101' });
    expectPlanned(demoCaseAt('1.31', '1.33', [al2], [{ name: 'legacy', version: '1.32' }]), 1);
    expectRefused(demoCaseAt('1.31', '1.33', [al2], [{ name: 'legacy' }]), /legacy/);
  });

  test('rollback 1.31 → 1.30: node groups first, then the control plane as a VersionRollback (ROLLBACK-MNG-FIRST, CP-ROLLBACK)', () => {
    const c = demoCaseAt('1.31', '1.30', [managed('general', '1.31')], [{ name: 'general' }], { allowRollback: true, rollbackTo: 30 });
    const plan = expectPlanned(c);
    const steps = stepsOf(plan).map((s) => s.action);
    expect(steps).toEqual(['nodegroup-version', 'cluster-version']);
    expect(steps.indexOf('nodegroup-version')).toBeLessThan(steps.indexOf('cluster-version'));
  });
});

/** A small world on `cp` with only node groups (add-ons left out), for the AL2 and rollback cases. */
function demoCaseAt(
  cp: string, target: string, nodegroups: LiveNodegroup[], specNodegroups: Record<string, unknown>[],
  rollback: { allowRollback?: boolean; rollbackTo?: number } = {},
): Case {
  const live = liveState({ version: cp, nodegroups });
  const spec = specFor(target, { controlPlane: rollback.allowRollback ? { allowRollback: true } : {}, nodegroups: specNodegroups });
  return { spec, live, facts: rollback.rollbackTo !== undefined ? { rollbackTo: rollback.rollbackTo } : {} };
}

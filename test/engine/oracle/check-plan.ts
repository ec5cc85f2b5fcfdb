/**
 * The oracle's verdicts on one scenario, as readable failures: does the plan run on the model and meet the
 * targets, does the solver agree that a plan should exist, how many node-group rolls the rules require.
 */
import { EksState } from './eks-model';
import { eksStateOf, WorldFacts } from './live-bridge';
import { replayPlan } from './replay-plan';
import { LaunchTemplateRefs, solve, SolverResult } from './solver';
import { Targets, targetsOf, unmetTargets } from './targets';
import { LiveState } from '../../../src/aws/live-state';
import { Plan } from '../../../src/engine/plan-types';
import { UpgradeSpec } from '../../../src/upgrade-spec/upgrade-spec';
import { describePlan, describeStep } from '../fixtures/planner-fixtures';

export interface Case {
  readonly spec: UpgradeSpec;
  readonly live: LiveState;
  readonly facts: WorldFacts;
}

export interface Prepared extends Case {
  readonly start: EksState;
  readonly targets: Targets;
  readonly ltRefs: LaunchTemplateRefs;
  readonly untouchable: ReadonlySet<string>;
}

export function prepare(c: Case): Prepared {
  return {
    ...c,
    start: eksStateOf(c.spec, c.live, c.facts),
    targets: targetsOf(c.spec, c.live),
    ltRefs: Object.fromEntries(c.spec.nodegroups.map((n) => [n.name, n.launchTemplate ? { id: n.launchTemplate.id, name: n.launchTemplate.name } : undefined])),
    untouchable: new Set([
      ...Object.keys(c.live.untargetedNodegroups).map((n) => `nodegroup/${n}`),
      ...Object.keys(c.live.untargetedAddons).map((n) => `addon/${n}`),
    ]),
  };
}

export function solveCase(p: Prepared): SolverResult {
  return solve(p.start, p.targets, p.ltRefs);
}

/** Runs the plan on the model; the end state, or an Error naming the phase, the step and the rule EKS refused it by. */
export function runOnModel(p: Prepared, plan: Plan): EksState | Error {
  const r = replayPlan(p.start, plan, p.untouchable);
  if (!r.ok) {
    return new Error(`EKS refuses phase ${r.phase} ('${r.title}') step '${r.step}' [${r.rule}] (${r.when}): ${r.why}\n${context(p, plan)}`);
  }
  const unmet = unmetTargets(r.end, p.targets);
  if (unmet.length > 0) return new Error(`the plan runs but leaves targets unmet:\n  ${unmet.join('\n  ')}\n${context(p, plan)}`);
  return r.end;
}

export function nodegroupRolls(plan: Plan): number {
  return plan.phases.reduce((n, ph) => n + ph.steps.filter((s) => s.action === 'nodegroup-version').length, 0);
}

export function context(p: Case, plan?: Plan, solved?: SolverResult): string {
  const live = {
    cluster: p.live.cluster.version,
    nodegroups: Object.values(p.live.nodegroups).map((n) => `${n.name} ${n.amiType} ${n.version} ${n.releaseVersion ?? ''} lt=${n.launchTemplate?.version ?? '-'}`),
    untargetedNodegroups: Object.values(p.live.untargetedNodegroups).map((n) => `${n.name} ${n.amiType} ${n.version}`),
    addons: Object.values(p.live.addons).map((a) => `${a.name} ${a.version}`),
    untargetedAddons: Object.values(p.live.untargetedAddons).map((a) => `${a.name} ${a.version}`),
    catalog: Object.fromEntries(Object.entries(p.live.addonCatalog).map(([n, vs]) => [n, vs.map((v) => `${v.version} [${v.clusterVersions.join(' ')}]${v.defaultFor.length ? ` default ${v.defaultFor.join(' ')}` : ''}`)])),
    latestReleaseVersions: p.live.latestReleaseVersions,
    rollbackTo: p.facts.rollbackTo,
  };
  const spec = { controlPlane: p.spec.controlPlane, nodegroups: p.spec.nodegroups, addons: p.spec.addons, skipLevelNodegroups: p.spec.policy.skipLevelNodegroups };
  return [
    `live: ${JSON.stringify(live, null, 1)}`,
    `spec: ${JSON.stringify(spec)}`,
    ...(plan ? ['plan:', ...describePlan(plan).flatMap((phase, i) => [`${i + 1}. ${phase.title}`, ...phase.steps.map((step) => `     ${step}`)])] : []),
    ...(solved?.path ? ['a path EKS accepts:', ...solved.path.map((s) => `     ${describeStep(s)}`)] : []),
  ].join('\n');
}

/**
 * The oracle checked on its own, so the planner's property tests cannot pass because the oracle accepts anything:
 * each rule refuses at its boundary and accepts just inside it, a phase is refused when some order of its steps
 * fails, and the solver finds (or rules out) paths on hand-built worlds.
 */
import { accept, EksState, ModelNodegroup } from './eks-model';
import { replayPlan } from './replay-plan';
import { solve } from './solver';
import { Targets } from './targets';
import { Plan, PlanStep } from '../../../src/engine/plan-types';

const ng = (name: string, version: number, extra: Partial<ModelNodegroup> = {}): ModelNodegroup =>
  ({ name, version, amiType: 'AL2023_x86_64_STANDARD', customAmi: false, releaseVersion: `1.${version}.3-20250104`, updateConfig: {}, ...extra });

function world(extra: Partial<EksState> = {}): EksState {
  return {
    cp: 30,
    nodegroups: { a: ng('a', 30) },
    addons: { 'vpc-cni': { name: 'vpc-cni', version: 'v1.16.0-eksbuild.1' }, 'kube-proxy': { name: 'kube-proxy', version: 'v1.30.0-eksbuild.1' } },
    catalog: {
      'vpc-cni': [
        { version: 'v1.18.0-eksbuild.1', minors: [30, 31, 32] },
        { version: 'v1.17.0-eksbuild.1', minors: [29, 30, 31] },
        { version: 'v1.16.0-eksbuild.1', minors: [29, 30] },
      ],
      'kube-proxy': [
        { version: 'v1.31.0-eksbuild.1', minors: [31] },
        { version: 'v1.30.0-eksbuild.1', minors: [30] },
      ],
    },
    latestRelease: {},
    nodegroupRule: 'match',
    ...extra,
  };
}

const cluster = (from: number, to: number, rollbackTimeoutMinutes?: number): PlanStep =>
  ({ action: 'cluster-version', resource: { kind: 'cluster', name: 'c' }, reason: 't', from: `1.${from}`, to: `1.${to}`, force: false, ...(rollbackTimeoutMinutes ? { rollbackTimeoutMinutes } : {}) });
const roll = (name: string, extra: Partial<Extract<PlanStep, { action: 'nodegroup-version' }>> = {}): PlanStep =>
  ({ action: 'nodegroup-version', resource: { kind: 'nodegroup', name }, reason: 't', force: false, from: { version: '1.30' }, ...extra });
const addon = (name: string, version: string): PlanStep =>
  ({ action: 'addon-update', resource: { kind: 'addon', name }, reason: 't', from: '', version });

function rule(state: EksState, step: PlanStep): string {
  const v = accept(state, step);
  return v.ok ? 'accepted' : v.rule;
}

describe('eks-model: each rule at its boundary', () => {
  test.each([
    ['CP-ONE-MINOR: two minors at once', world(), cluster(30, 32), 'CP-ONE-MINOR'],
    ['CP-ONE-MINOR: one minor', world(), cluster(30, 31), 'accepted'],
    ['MNG-MATCH-CP: a node group one behind', world({ nodegroups: { a: ng('a', 29) } }), cluster(30, 31), 'MNG-MATCH-CP'],
    ['CUSTOM-AMI-SKEW: a custom-AMI node group one behind', world({ nodegroups: { a: ng('a', 29, { customAmi: true, amiType: 'CUSTOM' }) } }), cluster(30, 31), 'accepted'],
    ['CUSTOM-AMI-SKEW: a custom-AMI node group four behind', world({ nodegroups: { a: ng('a', 27, { customAmi: true, amiType: 'CUSTOM' }) } }), cluster(30, 31), 'KUBELET-SKEW'],
    ['KUBELET-SKEW: skip-level, three behind from 1.28', world({ nodegroupRule: 'skew', nodegroups: { a: ng('a', 28) } }), cluster(30, 31), 'accepted'],
    ['KUBELET-SKEW: skip-level, four behind', world({ nodegroupRule: 'skew', nodegroups: { a: ng('a', 27) } }), cluster(30, 31), 'KUBELET-SKEW'],
    ['KUBELET-SKEW: skip-level, three behind before 1.28', world({ cp: 26, nodegroupRule: 'skew', nodegroups: { a: ng('a', 24) } }), cluster(26, 27), 'KUBELET-SKEW'],
    ['CP-ROLLBACK: none available', world(), cluster(30, 29, 720), 'CP-ROLLBACK'],
    ['CP-ROLLBACK: timeout out of range', world({ rollbackTo: 29, nodegroups: {} }), cluster(30, 29, 60), 'CP-ROLLBACK'],
    ['ROLLBACK-MNG-FIRST: node group still above', world({ rollbackTo: 29 }), cluster(30, 29, 720), 'ROLLBACK-MNG-FIRST'],
    ['ROLLBACK-MNG-FIRST: node groups down first', world({ rollbackTo: 29, nodegroups: { a: ng('a', 29) } }), cluster(30, 29, 720), 'accepted'],
    ['NG-NOT-ABOVE-CP', world(), roll('a', { version: '1.31' }), 'NG-NOT-ABOVE-CP'],
    ['NG-NO-DOWNGRADE: version', world(), roll('a', { version: '1.29' }), 'NG-NO-DOWNGRADE'],
    ['NG-NO-DOWNGRADE: with a cluster rollback available', world({ rollbackTo: 29 }), roll('a', { version: '1.29' }), 'accepted'],
    ['NG-NO-DOWNGRADE: AMI release', world(), roll('a', { releaseVersion: '1.30.2-20250103' }), 'NG-NO-DOWNGRADE'],
    ['RELEASE-MATCHES-VERSION', world(), roll('a', { releaseVersion: '1.31.4-20250105' }), 'RELEASE-MATCHES-VERSION'],
    ['NG-CUSTOM-AMI: a version', world({ nodegroups: { a: ng('a', 30, { customAmi: true, amiType: 'CUSTOM', launchTemplate: { id: 'lt-1', version: '1' } }) } }), roll('a', { version: '1.30' }), 'NG-CUSTOM-AMI'],
    ['NG-CUSTOM-AMI: no template', world({ nodegroups: { a: ng('a', 30, { customAmi: true, amiType: 'CUSTOM', launchTemplate: { id: 'lt-1', version: '1' } }) } }), roll('a'), 'NG-CUSTOM-AMI'],
    ['NG-CUSTOM-AMI: template only', world({ nodegroups: { a: ng('a', 30, { customAmi: true, amiType: 'CUSTOM', launchTemplate: { id: 'lt-1', version: '1' } }) } }), roll('a', { launchTemplate: { id: 'lt-1', version: '2' } }), 'accepted'],
    ['NG-LT-SAME: another template', world({ nodegroups: { a: ng('a', 30, { launchTemplate: { id: 'lt-1', name: 'one', version: '1' } }) } }), roll('a', { launchTemplate: { id: 'lt-2', version: '2' } }), 'NG-LT-SAME'],
    ['AL2-ENDS-1-32', world({ cp: 33, nodegroups: { a: ng('a', 32, { amiType: 'AL2_x86_64' }) } }), roll('a', { version: '1.33' }), 'AL2-ENDS-1-32'],
    ['ADDON-VERSION-OFFERED', world(), addon('kube-proxy', 'v1.31.0-eksbuild.1'), 'ADDON-VERSION-OFFERED'],
    ['VPCCNI-ONE-MINOR: two minors', world(), addon('vpc-cni', 'v1.18.0-eksbuild.1'), 'VPCCNI-ONE-MINOR'],
    ['VPCCNI-ONE-MINOR: one minor', world(), addon('vpc-cni', 'v1.17.0-eksbuild.1'), 'accepted'],
  ])('%s', (_name, state, step, expected) => {
    expect(rule(state, step)).toBe(expected);
  });
});

describe('replay-plan: a phase is judged in every order its steps may run', () => {
  test('a node-group step sharing a phase with the control-plane step it must follow is refused (NG-NOT-ABOVE-CP)', () => {
    const plan: Plan = { clusterName: 'c', warnings: [], findings: [], controlPlaneTargets: [], phases: [{ title: 'together', steps: [cluster(30, 31), roll('a', { version: '1.31' })] }] };
    const r = replayPlan(world(), plan);
    expect(r.ok ? 'accepted' : r.rule).toBe('NG-NOT-ABOVE-CP');
  });

  test('the same steps in two phases are accepted', () => {
    const plan: Plan = { clusterName: 'c', warnings: [], findings: [], controlPlaneTargets: [], phases: [{ title: 'cp', steps: [cluster(30, 31)] }, { title: 'ng', steps: [roll('a', { version: '1.31' })] }] };
    expect(replayPlan(world(), plan).ok).toBe(true);
  });

  test('a control-plane step next to a node group rolling to match it is refused: it may start first (MNG-MATCH-CP)', () => {
    const plan: Plan = { clusterName: 'c', warnings: [], findings: [], controlPlaneTargets: [], phases: [{ title: 'together', steps: [roll('a', { version: '1.30' }), cluster(30, 31)] }] };
    const r = replayPlan(world({ nodegroups: { a: ng('a', 29) } }), plan);
    expect(r.ok ? 'accepted' : r.rule).toBe('MNG-MATCH-CP');
  });

  test('a step on a resource the spec does not name is refused (UNTARGETED-COMPATIBLE)', () => {
    const plan: Plan = { clusterName: 'c', warnings: [], findings: [], controlPlaneTargets: [], phases: [{ title: 'ng', steps: [roll('a')] }] };
    const r = replayPlan(world(), plan, new Set(['nodegroup/a']));
    expect(r.ok ? 'accepted' : r.rule).toBe('UNTARGETED-COMPATIBLE');
  });
});

describe('solver: brute force over the model', () => {
  const targets = (t: Partial<Targets>): Targets => ({ cp: 32, nodegroups: {}, addons: {}, untargetedNodegroups: [], untargetedAddons: [], ...t });

  test('interleaves node group and control plane, one roll per minor (MNG-MATCH-CP)', () => {
    const r = solve(world({ addons: {} }), targets({ nodegroups: { a: { version: 32 } } }), {});
    expect({ reachable: r.reachable, rolls: r.minNodegroupRolls }).toEqual({ reachable: true, rolls: 2 });
  });

  test('skip-level lets the node group roll once (KUBELET-SKEW)', () => {
    const r = solve(world({ addons: {}, nodegroupRule: 'skew' }), targets({ nodegroups: { a: { version: 32 } } }), {});
    expect({ reachable: r.reachable, rolls: r.minNodegroupRolls }).toEqual({ reachable: true, rolls: 1 });
  });

  test('an untargeted node group blocks the second control-plane step (MNG-MATCH-CP, UNTARGETED-COMPATIBLE)', () => {
    const r = solve(world({ addons: {} }), targets({ untargetedNodegroups: ['a'] }), {});
    expect(r.reachable).toBe(false);
  });

  test('vpc-cni reaches a version two minors away through the one between (VPCCNI-ONE-MINOR)', () => {
    const r = solve(world({ nodegroups: {} }), targets({ cp: 31, addons: { 'vpc-cni': { version: 'v1.18.0-eksbuild.1' }, 'kube-proxy': { version: 'v1.31.0-eksbuild.1' } } }), {});
    expect(r.reachable).toBe(true);
    expect(r.path!.map((s) => (s.action === 'addon-update' ? s.version : s.action))).toContain('v1.17.0-eksbuild.1');
  });

  test('kube-proxy with no version on both sides of the step: control plane first, then kube-proxy (ADDON-AFTER-CP)', () => {
    const r = solve(world({ nodegroups: {} }), targets({ cp: 31, addons: { 'kube-proxy': { version: 'v1.31.0-eksbuild.1' } } }), {});
    expect(r.path!.map((s) => s.action)).toEqual(['cluster-version', 'addon-update']);
  });

  test('an Amazon Linux 2 node group cannot follow to 1.33 (AL2-ENDS-1-32)', () => {
    const r = solve(world({ cp: 32, addons: {}, nodegroups: { a: ng('a', 32, { amiType: 'AL2_x86_64' }) } }), targets({ cp: 33, nodegroups: { a: { version: 33 } } }), {});
    expect(r.reachable).toBe(false);
  });
});

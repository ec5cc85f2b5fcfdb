/**
 * Table tests for the planner, one block per rule of DESIGN.md §4 / issue 4. Each case asserts the
 * whole plan (phases and one-line steps) or the exact refused field plus a key phrase of the message.
 */
import {
  PhaseSummary, addon, controlPlanePhases, customNodegroup, describePlan, liveState, minorRange, nodegroup,
  offer, planProblems, specFor,
} from './fixtures/planner-fixtures';
import { LiveState } from '../../src/aws/live-state';
import { NodegroupVersionStep, planSteps } from '../../src/engine/plan-types';
import { planUpgrade } from '../../src/engine/planner';
import { UpgradeSpec } from '../../src/upgrade-spec/upgrade-spec';

const cp = (from: string, to: string): PhaseSummary => ({ title: `control plane to ${to}`, steps: [`cluster ${from}->${to}`] });
const prepare = (next: string, ...steps: string[]): PhaseSummary => ({ title: `prepare for Kubernetes ${next}`, steps });
const addonsFinal = (...steps: string[]): PhaseSummary => ({ title: 'add-ons to their targets', steps });
const nodegroupsFinal = (...steps: string[]): PhaseSummary => ({ title: 'node groups to their targets', steps });

const VPC = (v: string) => `v1.${v}.0-eksbuild.1`;
const SKIP = { skipLevelNodegroups: true };

interface PlanCase {
  readonly name: string;
  readonly spec: UpgradeSpec;
  readonly state: LiveState;
  readonly phases: PhaseSummary[];
  readonly warnings?: RegExp[];
}

interface RefusalCase {
  readonly name: string;
  readonly spec: UpgradeSpec;
  readonly state: LiveState;
  readonly field: string;
  readonly phrase: string;
}

function expectPlan(c: PlanCase): void {
  const plan = planUpgrade(c.spec, c.state);
  expect(describePlan(plan)).toEqual(c.phases);
  if (c.warnings) {
    expect(plan.warnings).toHaveLength(c.warnings.length);
    c.warnings.forEach((w, i) => expect(plan.warnings[i]).toMatch(w));
  } else {
    expect(plan.warnings).toEqual([]);
  }
}

function expectRefusal(c: RefusalCase): void {
  const problems = planProblems(() => planUpgrade(c.spec, c.state));
  expect(problems.map((p) => p.field)).toEqual([c.field]);
  expect(problems[0].message).toContain(c.phrase);
}

describe('control plane: one minor per step', () => {
  test('1.29 -> 1.33 is four cluster-version steps, in order', () => {
    const plan = planUpgrade(specFor('1.33'), liveState({ version: '1.29' }));
    expect(describePlan(plan)).toEqual([
      cp('1.29', '1.30'), cp('1.30', '1.31'), cp('1.31', '1.32'), cp('1.32', '1.33'),
    ]);
    expect(plan.controlPlaneTargets).toEqual(['1.30', '1.31', '1.32', '1.33']);
    expect(plan.clusterName).toBe('prod');
    const steps = planSteps(plan);
    expect(steps.map((s) => s.resource)).toEqual(Array(4).fill({ kind: 'cluster', name: 'prod' }));
    expect(steps.map((s) => s.reason)).toEqual([
      'one minor at a time towards 1.33', 'one minor at a time towards 1.33', 'one minor at a time towards 1.33', 'control-plane target',
    ]);
    expect(steps.every((s) => s.action === 'cluster-version' && !s.force && s.rollbackTimeoutMinutes === undefined)).toBe(true);
  });

  test.each([
    ['1.30', '1.31'],
    ['1.23', '1.34'],
    ['1.24', '1.26'],
  ])('%s -> %s steps through every minor', (from, to) => {
    const plan = planUpgrade(specFor(to), liveState({ version: from }));
    expect(describePlan(plan)).toEqual(controlPlanePhases(from, to));
    expect(plan.controlPlaneTargets).toEqual(minorRange(from, to).slice(1));
  });

  test('force is passed on every control-plane step', () => {
    const plan = planUpgrade(specFor('1.31', { controlPlane: { force: true } }), liveState({ version: '1.29' }));
    expect(describePlan(plan)).toEqual([
      { title: 'control plane to 1.30', steps: ['cluster 1.29->1.30 force'] },
      { title: 'control plane to 1.31', steps: ['cluster 1.30->1.31 force'] },
    ]);
  });

  test.each([
    ['default timeout', {}, 720],
    ['explicit timeout', { rollbackTimeoutMinutes: 240 }, 240],
  ])('allowRollback one minor down (%s): a single VersionRollback step', (_n, extra, minutes) => {
    const plan = planUpgrade(
      specFor('1.30', { controlPlane: { allowRollback: true, ...extra } }),
      liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.30')] }),
    );
    expect(describePlan(plan)).toEqual([
      { title: 'roll the control plane back to 1.30', steps: [`cluster 1.31->1.30 rollback(${minutes})`] },
    ]);
    expect(plan.controlPlaneTargets).toEqual([]);
  });

  test.each<RefusalCase>([
    {
      name: 'downgrade without allowRollback',
      spec: specFor('1.30'),
      state: liveState({ version: '1.31' }),
      field: 'controlPlane.version',
      phrase: "1.30 is below the cluster's 1.31: EKS does not downgrade",
    },
    {
      name: 'two-minor rollback even with allowRollback',
      spec: specFor('1.29', { controlPlane: { allowRollback: true } }),
      state: liveState({ version: '1.31' }),
      field: 'controlPlane.version',
      phrase: 'EKS rolls back one minor at most (to 1.30)',
    },
  ])('refused: $name', (c) => expectRefusal(c));
});

describe('a target already met produces no step', () => {
  const latest = { general: '1.31.0-20240101' };
  test.each<Omit<PlanCase, 'phases'>>([
    { name: 'control plane only', spec: specFor('1.31'), state: liveState({ version: '1.31' }) },
    {
      name: 'node group following the cluster, release pinned to the running one',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', releaseVersion: '1.31.0-20240101' }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31')] }),
    },
    {
      name: 'releaseVersion latest equal to the running release',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', releaseVersion: 'latest' }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31')], latestReleaseVersions: latest }),
    },
    {
      name: 'node group pinned below the control plane at its own version',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', version: '1.29' }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.29')] }),
    },
    {
      name: 'launch template version (number in the spec, string from EKS) and update config unchanged',
      spec: specFor('1.31', {
        nodegroups: [{ name: 'general', launchTemplate: { id: 'lt-general', version: 7 }, updateConfig: { maxUnavailable: 2, updateStrategy: 'DEFAULT' } }],
      }),
      state: liveState({
        version: '1.31',
        nodegroups: [nodegroup('general', '1.31', { launchTemplate: { id: 'lt-general', version: '7' }, updateConfig: { maxUnavailable: 2 } })],
      }),
    },
    {
      name: 'custom-AMI node group on its launch template version',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', launchTemplate: { id: 'lt-gpu', version: '3' } }] }),
      state: liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31', '3')] }),
    },
    {
      name: 'add-ons at latest, clusterDefault and an exact version',
      spec: specFor('1.31', {
        addons: [
          { name: 'vpc-cni', version: 'clusterDefault' },
          { name: 'coredns', version: 'latest' },
        ],
      }),
      state: liveState({ version: '1.31', addons: [addon('vpc-cni', VPC('19')), addon('coredns', 'v1.12.1-eksbuild.1')] }),
    },
    {
      name: 'add-on settings equal up to key order and whitespace',
      spec: specFor('1.31', {
        addons: [{
          name: 'vpc-cni',
          version: VPC('19'),
          configurationValues: '{ "env": {"A": "1", "B": "2"} }',
          serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/cni',
          podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::123456789012:role/cni' }],
        }],
      }),
      state: liveState({
        version: '1.31',
        addons: [addon('vpc-cni', VPC('19'), {
          configurationValues: '{"env":{"B":"2","A":"1"}}', serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/cni', podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::123456789012:role/cni' }],
        })],
      }),
    },
  ])('$name', (c) => expectPlan({ ...c, phases: [] }));
});

describe('KUBELET-SKEW under policy.skipLevelNodegroups: lagging node groups are upgraded before the step that would break it', () => {
  test.each<PlanCase>([
    {
      name: '>= 1.25 allows 3 minors: 1.29 nodes are raised before the control plane reaches 1.33',
      spec: specFor('1.33', { nodegroups: [{ name: 'general' }], policy: SKIP }),
      state: liveState({ version: '1.29', nodegroups: [nodegroup('general', '1.29')] }),
      phases: [
        cp('1.29', '1.30'), cp('1.30', '1.31'), cp('1.31', '1.32'),
        prepare('1.33', 'nodegroup general 1.29->1.32'),
        cp('1.32', '1.33'),
        nodegroupsFinal('nodegroup general 1.32->1.33'),
      ],
    },
    {
      name: 'a lag of exactly 3 (1.26 under 1.29) needs no preparation',
      spec: specFor('1.29', { nodegroups: [{ name: 'general' }], policy: SKIP }),
      state: liveState({ version: '1.28', nodegroups: [nodegroup('general', '1.26')] }),
      phases: [cp('1.28', '1.29'), nodegroupsFinal('nodegroup general 1.26->1.29')],
    },
    {
      name: '<= 1.24 allows 2 minors: 1.24 nodes are raised before 1.27',
      spec: specFor('1.27', { nodegroups: [{ name: 'general' }], policy: SKIP }),
      state: liveState({ version: '1.25', nodegroups: [nodegroup('general', '1.24')] }),
      phases: [
        cp('1.25', '1.26'),
        prepare('1.27', 'nodegroup general 1.24->1.26'),
        cp('1.26', '1.27'),
        nodegroupsFinal('nodegroup general 1.26->1.27'),
      ],
    },
    {
      name: 'a lag of exactly 2 for 1.24 nodes (under 1.26) needs no preparation',
      spec: specFor('1.26', { nodegroups: [{ name: 'general' }], policy: SKIP }),
      state: liveState({ version: '1.24', nodegroups: [nodegroup('general', '1.24')] }),
      phases: [cp('1.24', '1.25'), cp('1.25', '1.26'), nodegroupsFinal('nodegroup general 1.24->1.26')],
    },
    {
      name: '1.23 nodes under 1.25 are raised before 1.26',
      spec: specFor('1.26', { nodegroups: [{ name: 'general' }], policy: SKIP }),
      state: liveState({ version: '1.25', nodegroups: [nodegroup('general', '1.23')] }),
      phases: [prepare('1.26', 'nodegroup general 1.23->1.25'), cp('1.25', '1.26'), nodegroupsFinal('nodegroup general 1.25->1.26')],
    },
    {
      name: 'an explicit node-group target reached in preparation carries its release and needs no final step',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', version: '1.28', releaseVersion: 'latest' }], policy: SKIP }),
      state: liveState({ version: '1.29', nodegroups: [nodegroup('general', '1.26')], latestReleaseVersions: { general: '1.28.5-20250101' } }),
      phases: [
        prepare('1.30', 'nodegroup general 1.26->1.28 release=1.28.5-20250101'),
        cp('1.29', '1.30'),
        cp('1.30', '1.31'),
      ],
    },
    {
      name: 'only the lagging node group is prepared',
      spec: specFor('1.30', { nodegroups: [{ name: 'old' }, { name: 'new' }], policy: SKIP }),
      state: liveState({ version: '1.28', nodegroups: [nodegroup('old', '1.25'), nodegroup('new', '1.28')] }),
      phases: [
        prepare('1.29', 'nodegroup old 1.25->1.28'),
        cp('1.28', '1.29'),
        cp('1.29', '1.30'),
        nodegroupsFinal('nodegroup old 1.28->1.30', 'nodegroup new 1.28->1.30'),
      ],
    },
    {
      name: 'policy.maxKubeletSkew 1 prepares earlier',
      spec: specFor('1.31', { nodegroups: [{ name: 'general' }], policy: { ...SKIP, maxKubeletSkew: 1 } }),
      state: liveState({ version: '1.29', nodegroups: [nodegroup('general', '1.29')] }),
      phases: [cp('1.29', '1.30'), prepare('1.31', 'nodegroup general 1.29->1.30'), cp('1.30', '1.31'), nodegroupsFinal('nodegroup general 1.30->1.31')],
    },
    {
      name: 'a custom-AMI node group within the skew of the target is left alone',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu' }], policy: SKIP }),
      state: liveState({ version: '1.29', nodegroups: [customNodegroup('gpu', '1.28')] }),
      phases: [cp('1.29', '1.30'), cp('1.30', '1.31')],
      warnings: [/^\[CUSTOM-AMI-SKEW\] nodegroups\[0\]: .*kubelets were not read.*1\.28/],
    },
    {
      name: 'a node group the spec does not name, within the skew of the target, is never changed',
      spec: specFor('1.31', { policy: SKIP }),
      state: liveState({ version: '1.29', untargetedNodegroups: [nodegroup('other', '1.28'), nodegroup('legacy', '1.29', { amiType: 'CUSTOM' })] }),
      phases: [cp('1.29', '1.30'), cp('1.30', '1.31')],
      warnings: [/^\[CUSTOM-AMI-SKEW\] nodegroup\/legacy: .*kubelets were not read/],
    },
  ])('$name', (c) => expectPlan(c));

  test.each<RefusalCase>([
    {
      name: 'a custom-AMI node group cannot be raised by the planner',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', launchTemplate: { id: 'lt-gpu', version: 2 } }], policy: SKIP }),
      state: liveState({ version: '1.29', nodegroups: [customNodegroup('gpu', '1.27')] }),
      field: 'nodegroups[0]',
      phrase: "node group 'gpu' runs a custom AMI and EKS reports 1.27 for it, which the control plane's step 1.30 → 1.31 would leave beyond the kubelet skew; add a new version of launch template lt-gpu",
    },
    {
      name: 'a node group the spec does not name would fall outside the skew (>= 1.25: 3)',
      spec: specFor('1.31', { policy: SKIP }),
      state: liveState({ version: '1.29', untargetedNodegroups: [nodegroup('other', '1.27')] }),
      field: 'nodegroup/other',
      phrase: "node group 'other': kubelet 1.27 would lag control plane 1.31 by 4 minors (the kubelet skew allows 3); add it to nodegroups",
    },
    {
      name: 'a node group the spec does not name would fall outside the skew (<= 1.24: 2)',
      spec: specFor('1.27', { policy: SKIP }),
      state: liveState({ version: '1.25', untargetedNodegroups: [nodegroup('other', '1.24', { amiType: 'CUSTOM' })] }),
      field: 'nodegroup/other',
      phrase: 'with an image for Kubernetes 1.25 or later, and roll it (launchTemplate.version) in an apply that targets 1.26 at most',
    },
  ])('refused: $name', (c) => expectRefusal(c));
});

describe('add-ons: bridged across each minor, then to their targets', () => {
  test.each<PlanCase>([
    {
      name: 'incompatible add-ons hop through the newest version running on both minors, or straight to a target that does',
      spec: specFor('1.33', { addons: [{ name: 'coredns' }, { name: 'vpc-cni' }] }),
      state: liveState({ version: '1.29', addons: [addon('coredns', 'v1.11.1-eksbuild.1'), addon('vpc-cni', VPC('18'))] }),
      phases: [
        cp('1.29', '1.30'),
        prepare('1.31', 'addon coredns v1.11.1-eksbuild.1->v1.11.4-eksbuild.1'),
        cp('1.30', '1.31'),
        prepare('1.32', 'addon coredns v1.11.4-eksbuild.1->v1.12.1-eksbuild.1'),
        cp('1.31', '1.32'),
        prepare('1.33', `addon vpc-cni ${VPC('18')}->${VPC('19')}`, `addon vpc-cni ${VPC('19')}->${VPC('20')}`),
        cp('1.32', '1.33'),
      ],
    },
    {
      name: 'an exact target that runs on both minors is the bridge (v1.9.3 < v1.10.1 < v1.11.1 numerically)',
      spec: specFor('1.29', { addons: [{ name: 'coredns', version: 'v1.11.1-eksbuild.1' }] }),
      state: liveState({ version: '1.28', addons: [addon('coredns', 'v1.10.1-eksbuild.1')] }),
      phases: [prepare('1.29', 'addon coredns v1.10.1-eksbuild.1->v1.11.1-eksbuild.1'), cp('1.28', '1.29')],
    },
    {
      name: 'an exact target that runs on both minors is preferred to a newer bridge (vpc-cni one minor at a time)',
      spec: specFor('1.29', { addons: [{ name: 'vpc-cni', version: VPC('16') }] }),
      state: liveState({ version: '1.28', addons: [addon('vpc-cni', VPC('14'))] }),
      phases: [prepare('1.29', `addon vpc-cni ${VPC('14')}->${VPC('15')}`, `addon vpc-cni ${VPC('15')}->${VPC('16')}`), cp('1.28', '1.29')],
    },
    {
      name: 'a latest target that does not run on the current minor: bridge first, target after the last step',
      spec: specFor('1.29', { addons: [{ name: 'coredns', version: 'latest' }] }),
      state: liveState({ version: '1.28', addons: [addon('coredns', 'v1.10.1-eksbuild.1')] }),
      phases: [
        prepare('1.29', 'addon coredns v1.10.1-eksbuild.1->v1.11.1-eksbuild.1'),
        cp('1.28', '1.29'),
        addonsFinal('addon coredns v1.11.1-eksbuild.1->v1.11.4-eksbuild.1'),
      ],
    },
    {
      name: 'a compatible add-on waits for the last control-plane step (latest resolved for the target)',
      spec: specFor('1.30', { addons: [{ name: 'vpc-cni', version: 'latest' }] }),
      state: liveState({ version: '1.29', addons: [addon('vpc-cni', VPC('18'))] }),
      phases: [cp('1.29', '1.30'), addonsFinal(`addon vpc-cni ${VPC('18')}->${VPC('19')}`, `addon vpc-cni ${VPC('19')}->${VPC('20')}`)],
    },
    {
      name: 'clusterDefault resolves to the default for the target minor',
      spec: specFor('1.29', { addons: [{ name: 'vpc-cni', version: 'clusterDefault' }] }),
      state: liveState({ version: '1.28', addons: [addon('vpc-cni', VPC('16'))] }),
      phases: [cp('1.28', '1.29'), addonsFinal(`addon vpc-cni ${VPC('16')}->${VPC('17')}`, `addon vpc-cni ${VPC('17')}->${VPC('18')}`)],
    },
    {
      name: 'an exact version with no control-plane change',
      spec: specFor('1.30', { addons: [{ name: 'coredns', version: 'v1.11.4-eksbuild.1' }] }),
      state: liveState({ version: '1.30', addons: [addon('coredns', 'v1.11.1-eksbuild.1')] }),
      phases: [addonsFinal('addon coredns v1.11.1-eksbuild.1->v1.11.4-eksbuild.1')],
    },
    {
      name: 'settings ride only on the step that reaches the target',
      spec: specFor('1.32', { addons: [{ name: 'coredns', configurationValues: '{"replicaCount":3}' }] }),
      state: liveState({ version: '1.30', addons: [addon('coredns', 'v1.11.1-eksbuild.1')] }),
      phases: [
        prepare('1.31', 'addon coredns v1.11.1-eksbuild.1->v1.11.4-eksbuild.1'),
        cp('1.30', '1.31'),
        prepare('1.32', 'addon coredns v1.11.4-eksbuild.1->v1.12.1-eksbuild.1 +settings'),
        cp('1.31', '1.32'),
      ],
    },
    {
      name: 'a settings-only change is an update to the same version',
      spec: specFor('1.31', { addons: [{ name: 'vpc-cni', version: VPC('20'), configurationValues: '{"env":{"WARM_IP_TARGET":"5"}}' }] }),
      state: liveState({ version: '1.31', addons: [addon('vpc-cni', VPC('20'))] }),
      phases: [addonsFinal(`addon vpc-cni ${VPC('20')}->${VPC('20')} +settings`)],
    },
    {
      name: 'add-ons go to their targets before node groups',
      spec: specFor('1.31', { addons: [{ name: 'vpc-cni' }], nodegroups: [{ name: 'general' }] }),
      state: liveState({ version: '1.30', addons: [addon('vpc-cni', VPC('18'))], nodegroups: [nodegroup('general', '1.30')] }),
      phases: [
        cp('1.30', '1.31'),
        addonsFinal(`addon vpc-cni ${VPC('18')}->${VPC('19')}`, `addon vpc-cni ${VPC('19')}->${VPC('20')}`),
        nodegroupsFinal('nodegroup general 1.30->1.31'),
      ],
    },
  ])('$name', (c) => expectPlan(c));

  test('settings fields are sent with the final step only', () => {
    const plan = planUpgrade(
      specFor('1.31', {
        addons: [{
          name: 'vpc-cni',
          resolveConflicts: 'OVERWRITE',
          serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/cni',
          podIdentityAssociations: [],
        }],
      }),
      liveState({ version: '1.31', addons: [addon('vpc-cni', VPC('20'), { podIdentityAssociations: [{ serviceAccount: 'a', roleArn: 'arn:aws:iam::123456789012:role/a' }, { serviceAccount: 'b', roleArn: 'arn:aws:iam::123456789012:role/b' }] })] }),
    );
    expect(planSteps(plan)).toEqual([expect.objectContaining({
      action: 'addon-update',
      from: VPC('20'),
      version: VPC('20'),
      resolveConflicts: 'OVERWRITE',
      serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/cni',
      podIdentityAssociations: [],
      reason: 'settings differ from the target',
    })]);
  });

  const gappy = { gappy: [offer('v2.0.0', '1.31', '1.34', ['1.31']), offer('v1.0.0', '1.28', '1.30', ['1.30'])] };
  const holey = { holey: [offer('v2.0.0', '1.32', '1.34', ['1.32']), offer('v1.0.0', '1.28', '1.30', ['1.30'])] };
  test('no version runs on both sides of a step: control plane first, the add-on right after (ADDON-AFTER-CP)', () => {
    expectPlan({
      name: 'gappy',
      spec: specFor('1.32', { addons: [{ name: 'gappy' }] }),
      state: liveState({ version: '1.30', addons: [addon('gappy', 'v1.0.0')], catalog: gappy }),
      phases: [
        cp('1.30', '1.31'),
        prepare('1.32', 'addon gappy v1.0.0->v2.0.0'),
        cp('1.31', '1.32'),
      ],
    });
    const late = planSteps(planUpgrade(specFor('1.31', { addons: [{ name: 'gappy' }] }), liveState({ version: '1.30', addons: [addon('gappy', 'v1.0.0')], catalog: gappy })));
    expect(late.map((st) => [st.action, st.rule])).toEqual([['cluster-version', 'CP-ONE-MINOR'], ['addon-update', undefined]]);
  });
  test.each<RefusalCase>([
    {
      name: 'a version EKS does not offer for the target minor (lists what is offered)',
      spec: specFor('1.31', { addons: [{ name: 'coredns', version: 'v1.11.1-eksbuild.1' }] }),
      state: liveState({ version: '1.30', addons: [addon('coredns', 'v1.11.1-eksbuild.1')] }),
      field: 'addons[0].version',
      phrase: 'EKS does not offer coredns v1.11.1-eksbuild.1 for Kubernetes 1.31 ("Addon version specified is not supported"); offered: v1.12.1-eksbuild.1, v1.11.4-eksbuild.1',
    },
    {
      name: 'an exact downgrade',
      spec: specFor('1.31', { addons: [{ name: 'vpc-cni', version: VPC('19') }] }),
      state: liveState({ version: '1.31', addons: [addon('vpc-cni', VPC('20'))] }),
      field: 'addons[0].version',
      phrase: `${VPC('19')} is older than the installed vpc-cni ${VPC('20')}: this engine does not downgrade add-ons`,
    },
    {
      name: 'clusterDefault older than the installed version',
      spec: specFor('1.31', { addons: [{ name: 'vpc-cni', version: 'clusterDefault' }] }),
      state: liveState({ version: '1.31', addons: [addon('vpc-cni', VPC('20'))] }),
      field: 'addons[0].version',
      phrase: 'this engine does not downgrade add-ons',
    },
    {
      name: 'an add-on that is not installed',
      spec: specFor('1.31', { addons: [{ name: 'kube-proxy' }] }),
      state: liveState({ version: '1.31' }),
      field: 'addons[0].name',
      phrase: "add-on 'kube-proxy' is not installed on cluster prod",
    },
    {
      name: 'no order works: no version at all runs on an intermediate minor (ADDON-AFTER-CP)',
      spec: specFor('1.33', { addons: [{ name: 'holey' }] }),
      state: liveState({ version: '1.30', addons: [addon('holey', 'v1.0.0')], catalog: holey }),
      field: 'addons[0].version',
      phrase: "holey v1.0.0 does not run on Kubernetes 1.31, and EKS offers no version up to the target v2.0.0 that it can reach before or right after the control plane's step 1.30 → 1.31",
    },
    {
      name: 'no version at all for the target minor',
      spec: specFor('1.34', { addons: [{ name: 'gappy', version: 'clusterDefault' }] }),
      state: liveState({ version: '1.33', addons: [addon('gappy', 'v2.0.0')], catalog: gappy }),
      field: 'addons[0].version',
      phrase: 'EKS offers no gappy version for Kubernetes 1.34',
    },
  ])('refused: $name', (c) => expectRefusal(c));
});

describe('node groups to their targets', () => {
  const lt = (id: string, version: string) => ({ launchTemplate: { id, version } });
  test.each<PlanCase>([
    {
      name: 'version "cluster" follows the control plane',
      spec: specFor('1.31', { nodegroups: [{ name: 'general' }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30')] }),
      phases: [cp('1.30', '1.31'), nodegroupsFinal('nodegroup general 1.30->1.31')],
    },
    {
      name: 'an explicit version below the control plane',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', version: '1.30' }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.29')] }),
      phases: [prepare('1.31', 'nodegroup general 1.29->1.30'), cp('1.30', '1.31')],
    },
    {
      name: 'releaseVersion latest rides with the version step',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', releaseVersion: 'latest' }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30')], latestReleaseVersions: { general: '1.31.2-20250301' } }),
      phases: [cp('1.30', '1.31'), nodegroupsFinal('nodegroup general 1.30->1.31 release=1.31.2-20250301')],
    },
    {
      name: 'releaseVersion latest alone (version already met)',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', releaseVersion: 'latest' }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31')], latestReleaseVersions: { general: '1.31.2-20250301' } }),
      phases: [nodegroupsFinal('nodegroup general 1.31->1.31 release=1.31.2-20250301')],
    },
    {
      name: 'an exact newer release of the same minor',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', releaseVersion: '1.31.3-20250101' }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31')] }),
      phases: [nodegroupsFinal('nodegroup general 1.31->1.31 release=1.31.3-20250101')],
    },
    {
      name: 'latest without a public parameter (Windows): EKS picks the release, with a warning',
      spec: specFor('1.31', { nodegroups: [{ name: 'win', releaseVersion: 'latest' }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('win', '1.30', { amiType: 'WINDOWS_CORE_2022_x86_64' })], latestReleaseVersions: { win: undefined } }),
      phases: [cp('1.30', '1.31'), nodegroupsFinal('nodegroup win 1.30->1.31')],
      warnings: [/node group 'win' \(WINDOWS_CORE_2022_x86_64\): no public release parameter/],
    },
    {
      name: 'custom AMI: a launch-template roll without version or release',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', launchTemplate: { id: 'lt-gpu', version: 4 } }] }),
      state: liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31', '3')] }),
      phases: [nodegroupsFinal('nodegroup gpu 1.31->- lt=4')],
    },
    {
      name: 'custom AMI during a control-plane upgrade: rolled after the control plane, by name',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', launchTemplate: { name: 'gpu-template', version: 4 } }] }),
      state: liveState({ version: '1.30', nodegroups: [customNodegroup('gpu', '1.30', '3', { launchTemplate: { name: 'gpu-template', version: '3' } })] }),
      phases: [cp('1.30', '1.31'), nodegroupsFinal('nodegroup gpu 1.30->- lt=4')],
      warnings: [/^\[CUSTOM-AMI-SKEW\] nodegroups\[0\]: .*kubelets were not read/],
    },
    {
      name: 'managed AMI with a launch template: version and template in one step',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', launchTemplate: { id: 'lt-general', version: 3 }, force: true }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30', lt('lt-general', '2'))] }),
      phases: [cp('1.30', '1.31'), nodegroupsFinal('nodegroup general 1.30->1.31 lt=3 force')],
    },
    {
      name: 'update config differing: a config step before the version step',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', updateConfig: { maxUnavailable: 2 } }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30', { updateConfig: { maxUnavailable: 1 } })] }),
      phases: [cp('1.30', '1.31'), nodegroupsFinal('config general {"maxUnavailable":2}', 'nodegroup general 1.30->1.31')],
    },
    {
      name: 'NG-CONFIG-SEPARATE: update config before the first version step, even when that is a preparation step',
      spec: specFor('1.33', { nodegroups: [{ name: 'general', updateConfig: { maxUnavailablePercentage: 25 } }] }),
      state: liveState({ version: '1.29', nodegroups: [nodegroup('general', '1.29', { updateConfig: { maxUnavailable: 1 } })] }),
      phases: [
        cp('1.29', '1.30'),
        prepare('1.31', 'config general {"maxUnavailablePercentage":25}', 'nodegroup general 1.29->1.30'),
        cp('1.30', '1.31'),
        prepare('1.32', 'nodegroup general 1.30->1.31'),
        cp('1.31', '1.32'),
        prepare('1.33', 'nodegroup general 1.31->1.32'),
        cp('1.32', '1.33'),
        nodegroupsFinal('nodegroup general 1.32->1.33'),
      ],
    },
    {
      name: 'NG-CONFIG-SEPARATE: update config alone (strategy unset on EKS means DEFAULT)',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', updateConfig: { updateStrategy: 'MINIMAL' } }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31', { updateConfig: { maxUnavailable: 1 } })] }),
      phases: [nodegroupsFinal('config general {"updateStrategy":"MINIMAL"}')],
    },
    {
      name: 'custom AMI: config then launch-template roll',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', launchTemplate: { id: 'lt-gpu', version: 4 }, updateConfig: { maxUnavailable: 3 } }] }),
      state: liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31', '3')] }),
      phases: [nodegroupsFinal('config gpu {"maxUnavailable":3}', 'nodegroup gpu 1.31->- lt=4')],
    },
  ])('$name', (c) => expectPlan(c));

  test('a custom-AMI step carries no version or releaseVersion field at all', () => {
    const plan = planUpgrade(
      specFor('1.31', { nodegroups: [{ name: 'gpu', launchTemplate: { id: 'lt-gpu', version: 4 } }] }),
      liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31', '3')] }),
    );
    const [step] = planSteps(plan) as NodegroupVersionStep[];
    expect(step).not.toHaveProperty('version');
    expect(step).not.toHaveProperty('releaseVersion');
    expect(step.launchTemplate).toEqual({ id: 'lt-gpu', name: undefined, version: '4' });
    expect(step.resource).toEqual({ kind: 'nodegroup', name: 'gpu' });
  });

  test.each<RefusalCase>([
    {
      name: 'a node-group downgrade',
      spec: specFor('1.30', { nodegroups: [{ name: 'general', version: '1.29' }] }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30')] }),
      field: 'nodegroups[0].version',
      phrase: "1.29 is below node group 'general''s 1.30: EKS cannot roll a node group back",
    },
    {
      name: 'a node-group target above the control-plane target',
      spec: withNodegroupVersion(specFor('1.30', { nodegroups: [{ name: 'general' }] }), '1.31'),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30')] }),
      field: 'nodegroups[0].version',
      phrase: "1.31 is above the control-plane target 1.30: node group 'general' can never run ahead of the control plane",
    },
    {
      name: 'an explicit version that would block a control-plane step (MNG-MATCH-CP)',
      spec: withNodegroupVersion(specFor('1.31', { nodegroups: [{ name: 'general' }] }), '1.27'),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.27')] }),
      field: 'nodegroups[0].version',
      phrase: "1.27 would block the control plane's step 1.30 → 1.31: EKS requires managed node groups to match the control plane before each minor step; target 1.30 or later",
    },
    {
      name: 'an explicit version that would lag the target beyond the kubelet skew under skip-level (<= 1.24: 2)',
      spec: withNodegroupVersion(specFor('1.26', { nodegroups: [{ name: 'general' }], policy: SKIP }), '1.23'),
      state: liveState({ version: '1.25', nodegroups: [nodegroup('general', '1.23')] }),
      field: 'nodegroups[0].version',
      phrase: "node group 'general': kubelet 1.23 would lag control plane 1.26 by 3 minors (the kubelet skew allows 2); raise its version",
    },
    {
      name: 'an unknown node group',
      spec: specFor('1.31', { nodegroups: [{ name: 'nope' }] }),
      state: liveState({ version: '1.31' }),
      field: 'nodegroups[0].name',
      phrase: "node group 'nope' does not exist in cluster prod",
    },
    {
      name: 'a launch template for a node group created without one',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', launchTemplate: { id: 'lt-general', version: 2 } }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31')] }),
      field: 'nodegroups[0].launchTemplate',
      phrase: "node group 'general' was created without a launch template",
    },
    {
      name: "a launch template other than the node group's own",
      spec: specFor('1.31', { nodegroups: [{ name: 'general', launchTemplate: { id: 'lt-other', version: 2 } }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31', lt('lt-general', '1'))] }),
      field: 'nodegroups[0].launchTemplate',
      phrase: "EKS only accepts versions of the node group's own template",
    },
    {
      name: 'a version for a custom-AMI node group',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', version: '1.31' }] }),
      state: liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.30')] }),
      field: 'nodegroups[0].version',
      phrase: 'You cannot specify the field kubernetesVersion when using custom AMIs.',
    },
    {
      name: 'a release version for a custom-AMI node group',
      spec: specFor('1.31', { nodegroups: [{ name: 'gpu', releaseVersion: 'latest' }] }),
      state: liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31')] }),
      field: 'nodegroups[0].releaseVersion',
      phrase: "node group 'gpu' runs a custom AMI",
    },
    {
      name: 'a release version of another minor',
      spec: withNodegroup(specFor('1.31', { nodegroups: [{ name: 'general' }] }), { releaseVersion: '1.30.5-20250101' }),
      state: liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30')] }),
      field: 'nodegroups[0].releaseVersion',
      phrase: "1.30.5-20250101 is a release for Kubernetes 1.30, but the node group's version is 1.31",
    },
    {
      name: 'an older release version',
      spec: specFor('1.31', { nodegroups: [{ name: 'general', releaseVersion: '1.31.2-20250101' }] }),
      state: liveState({ version: '1.31', nodegroups: [nodegroup('general', '1.31', { releaseVersion: '1.31.4-20250201' })] }),
      field: 'nodegroups[0].releaseVersion',
      phrase: "1.31.2-20250101 is older than node group 'general''s 1.31.4-20250201: EKS cannot roll an AMI back",
    },
  ])('refused: $name', (c) => expectRefusal(c));
});

test('every refusal is reported at once, before anything is planned', () => {
  const problems = planProblems(() => planUpgrade(
    specFor('1.30', { nodegroups: [{ name: 'nope' }, { name: 'gpu', version: '1.30' }], addons: [{ name: 'kube-proxy' }] }),
    liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.30')] }),
  ));
  expect(problems.map((p) => p.field)).toEqual(['controlPlane.version', 'nodegroups[0].name', 'nodegroups[1].version', 'addons[0].name']);
});

test('a full upgrade 1.29 -> 1.33 with node groups and add-ons, interleaved as EKS requires', () => {
  const spec = specFor('1.33', {
    nodegroups: [
      { name: 'general', releaseVersion: 'latest', updateConfig: { maxUnavailable: 2 } },
      { name: 'batch', version: '1.32' },
    ],
    addons: [{ name: 'coredns' }, { name: 'vpc-cni', version: 'clusterDefault' }],
  });
  const state = liveState({
    version: '1.29',
    nodegroups: [
      nodegroup('general', '1.29', { updateConfig: { maxUnavailable: 1 } }),
      nodegroup('batch', '1.28'),
    ],
    addons: [addon('coredns', 'v1.11.1-eksbuild.1'), addon('vpc-cni', VPC('18'))],
    latestReleaseVersions: { general: '1.33.1-20250601' },
  });
  expectPlan({
    name: 'full',
    spec,
    state,
    phases: [
      prepare('1.30', 'nodegroup batch 1.28->1.29'),
      cp('1.29', '1.30'),
      prepare('1.31', 'config general {"maxUnavailable":2}', 'nodegroup general 1.29->1.30', 'nodegroup batch 1.29->1.30', 'addon coredns v1.11.1-eksbuild.1->v1.11.4-eksbuild.1'),
      cp('1.30', '1.31'),
      prepare('1.32', 'nodegroup general 1.30->1.31', 'nodegroup batch 1.30->1.31', 'addon coredns v1.11.4-eksbuild.1->v1.12.1-eksbuild.1'),
      cp('1.31', '1.32'),
      prepare('1.33', 'nodegroup general 1.31->1.32', 'nodegroup batch 1.31->1.32', `addon vpc-cni ${VPC('18')}->${VPC('19')}`, `addon vpc-cni ${VPC('19')}->${VPC('20')}`),
      cp('1.32', '1.33'),
      nodegroupsFinal('nodegroup general 1.32->1.33 release=1.33.1-20250601'),
    ],
  });
});

function withNodegroupVersion(spec: UpgradeSpec, version: string): UpgradeSpec {
  return withNodegroup(spec, { version });
}

/** parseSpec already refuses what these cases feed in; the planner must refuse it too (a hand-built spec). */
function withNodegroup(spec: UpgradeSpec, fields: Record<string, string>): UpgradeSpec {
  return { ...spec, nodegroups: spec.nodegroups.map((n) => ({ ...n, ...fields })) };
}

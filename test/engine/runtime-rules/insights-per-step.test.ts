import { LiveState } from '../../../src/aws/live-state';
import { ClusterVersionStep, Plan, PlanStep } from '../../../src/engine/plan-types';
import { projectBefore, resolvedByPlan } from '../../../src/engine/runtime-rules/insights-per-step';

const state: LiveState = {
  cluster: { name: 'demo', version: '1.29', status: 'ACTIVE' },
  nodegroups: { general: { name: 'general', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize: 3 } },
  untargetedNodegroups: { batch: { name: 'batch', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize: 1 } },
  addons: {
    'vpc-cni': { name: 'vpc-cni', status: 'ACTIVE', version: 'v1.16.0-eksbuild.1', podIdentityAssociations: [] },
    'kube-proxy': { name: 'kube-proxy', status: 'ACTIVE', version: 'v1.26.0-eksbuild.1', podIdentityAssociations: [] },
  },
  untargetedAddons: {},
  addonCatalog: {},
  latestReleaseVersions: {},
  runningUpdates: [],
};
const cp = (from: string, to: string): ClusterVersionStep => ({ action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from, to, force: false, reason: 'r' });
const addon = (name: string, version: string, rule?: string): PlanStep => ({ action: 'addon-update', resource: { kind: 'addon', name }, from: '', version, reason: 'r', ...(rule ? { rule } : {}) });
const cp30 = cp('1.29', '1.30');
const cp31 = cp('1.30', '1.31');
const plan: Plan = {
  clusterName: 'demo',
  phases: [
    { title: 'prepare', steps: [addon('vpc-cni', 'v1.18.0-eksbuild.1'), addon('kube-proxy', 'v1.28.6-eksbuild.2')] },
    { title: 'cp 1.30', steps: [cp30] },
    { title: 'after cp 1.30', steps: [addon('coredns', 'v1.11.3-eksbuild.1', 'ADDON-AFTER-CP'), addon('metrics-server', 'v0.7.2-eksbuild.1')] },
    { title: 'node groups', steps: [{ action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'general' }, from: { version: '1.29' }, version: '1.30', force: false, reason: 'r' }] },
    { title: 'cp 1.31', steps: [cp31] },
  ],
  warnings: [],
  findings: [],
  controlPlaneTargets: ['1.30', '1.31'],
};

describe('INSIGHTS-PER-STEP: what the plan has done by a step', () => {
  test('INSIGHTS-PER-STEP: only phases before the step count; add-on moves between it and the next control-plane step are known as right after it', () => {
    const p30 = projectBefore(plan, state, cp30);
    expect(p30.addonVersions).toMatchObject({ 'vpc-cni': 'v1.18.0-eksbuild.1', 'kube-proxy': 'v1.28.6-eksbuild.2' });
    expect([...p30.movedAddons].sort()).toEqual(['kube-proxy', 'vpc-cni']);
    expect([...p30.addonsRightAfter]).toEqual(['coredns', 'metrics-server']);
    expect(p30.movedNodegroups.size).toBe(0);
    const p31 = projectBefore(plan, state, cp31);
    expect(p31.nodegroupVersions).toEqual({ general: '1.30', batch: '1.29' });
    expect([...p31.movedNodegroups]).toEqual(['general']);
    expect(p31.addonsRightAfter.size).toBe(0);
  });

  test('INSIGHTS-PER-STEP: an add-on moved right after the step (ADDON-AFTER-CP) does not block its compatibility insight', () => {
    const insight = { name: 'EKS add-on version compatibility', categorySpecificSummary: { addonCompatibilityDetails: [{ name: 'coredns', compatibleVersions: ['v1.11.3-eksbuild.1'] }] } };
    expect(resolvedByPlan(insight, cp30, projectBefore(plan, state, cp30))).toMatch(/the plan moves coredns right after it \(ADDON-AFTER-CP\)/);
    // By the next step the move is behind: it counts only if it reached a version listed for that step's target.
    expect(resolvedByPlan(insight, cp31, projectBefore(plan, state, cp31))).toMatch(/the plan moves coredns → v1\.11\.3-eksbuild\.1 before this step/);
    const later = { ...insight, categorySpecificSummary: { addonCompatibilityDetails: [{ name: 'coredns', compatibleVersions: ['v1.11.4-eksbuild.1'] }] } };
    expect(resolvedByPlan(later, cp31, projectBefore(plan, state, cp31))).toBeUndefined();
  });

  test('KUBE-PROXY-SKEW: a kube-proxy skew insight is resolved by a move that leaves kube-proxy within three minors', () => {
    const insight = { name: 'kube-proxy version skew' };
    expect(resolvedByPlan(insight, cp30, projectBefore(plan, state, cp30))).toMatch(/the plan moves kube-proxy to v1\.28\.6-eksbuild\.2 before this step/);
    const farBehind: Plan = { ...plan, phases: [{ title: 'prepare', steps: [addon('kube-proxy', 'v1.26.1-eksbuild.1')] }, { title: 'cp', steps: [cp30] }] };
    expect(resolvedByPlan(insight, cp30, projectBefore(farBehind, state, cp30))).toBeUndefined();
  });

  test('KUBELET-SKEW: a kubelet insight naming node groups by ARN is resolved only when those groups were moved', () => {
    const naming = (ng: string) => ({ name: 'Kubelet version skew', resources: [{ arn: `arn:aws:eks:us-east-1:111122223333:nodegroup/demo/${ng}/0ab1` }] });
    expect(resolvedByPlan(naming('general'), cp31, projectBefore(plan, state, cp31))).toMatch(/general → 1\.30/);
    expect(resolvedByPlan(naming('batch'), cp31, projectBefore(plan, state, cp31))).toBeUndefined();
  });

  test('INSIGHTS-PER-STEP: any other insight is never waived', () => {
    expect(resolvedByPlan({ name: 'Deprecated APIs removed in Kubernetes v1.31' }, cp31, projectBefore(plan, state, cp31))).toBeUndefined();
  });
});

import { DescribeInsightCommand, DescribeInsightsRefreshCommand, EKSClient, ListInsightsCommand, StartInsightsRefreshCommand } from '@aws-sdk/client-eks';
import type { Insight } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeClock } from './fake-clock';
import { EksApi } from '../../src/aws/eks-api';
import { LiveState } from '../../src/aws/live-state';
import { ClusterVersionStep, Plan, PlanStep } from '../../src/engine/plan-types';
import { checkInsightsForStep, firstControlPlaneStep, InsightCheck } from '../../src/engine/preflight';
import { Progress } from '../../src/engine/progress';
import { InputError, UpdateFailedError } from '../../src/errors/run-errors';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const eks = mockClient(EKSClient);
const specOf = (extra: Record<string, unknown> = {}) => parseSpec({
  specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.31' }, nodegroups: [{ name: 'general' }], addons: [{ name: 'vpc-cni' }], ...extra,
});
const state: LiveState = {
  cluster: { name: 'demo', version: '1.29', status: 'ACTIVE' },
  nodegroups: { general: { name: 'general', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize: 3 } },
  untargetedNodegroups: {},
  addons: { 'vpc-cni': { name: 'vpc-cni', status: 'ACTIVE', version: 'v1.16.0-eksbuild.1', podIdentityAssociations: [] } },
  untargetedAddons: { 'kube-proxy': { name: 'kube-proxy', status: 'ACTIVE', version: 'v1.29.0-eksbuild.1', podIdentityAssociations: [] } },
  addonCatalog: {},
  latestReleaseVersions: {},
  runningUpdates: [],
};
const cp = (from: string, to: string, extra: Partial<ClusterVersionStep> = {}): ClusterVersionStep => ({
  action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from, to, force: false, reason: 'target', ...extra,
});
const cp30 = cp('1.29', '1.30');
const cp31 = cp('1.30', '1.31');
const vpcCni: PlanStep = { action: 'addon-update', resource: { kind: 'addon', name: 'vpc-cni' }, from: 'v1.16.0-eksbuild.1', version: 'v1.18.0-eksbuild.1', reason: 'runs on 1.29 and 1.30' };
const general30: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'general' }, from: { version: '1.29' }, version: '1.30', force: false, reason: 'MNG', rule: 'MNG-MATCH-CP' };
const plan: Plan = {
  clusterName: 'demo',
  phases: [
    { title: 'prepare for Kubernetes 1.30', steps: [vpcCni] },
    { title: 'control plane to 1.30', steps: [cp30] },
    { title: 'node groups to 1.30', steps: [general30] },
    { title: 'control plane to 1.31', steps: [cp31] },
  ],
  warnings: [],
  findings: [],
  controlPlaneTargets: ['1.30', '1.31'],
};

const summary = (id: string, name: string, status: string, kubernetesVersion: string, category = 'UPGRADE_READINESS') =>
  ({ id, name, category, kubernetesVersion, insightStatus: { status, reason: `${name} reason` }, description: name });
function insights(list: ReturnType<typeof summary>[], details: Record<string, Partial<Insight>> = {}, refresh = 'COMPLETED') {
  eks.on(StartInsightsRefreshCommand).resolves({ status: 'IN_PROGRESS' });
  eks.on(DescribeInsightsRefreshCommand).resolves({ status: refresh as any });
  eks.on(ListInsightsCommand).callsFake((input) => ({
    insights: list.filter((i) => (input.filter?.categories ?? []).includes(i.category as any)
      && (input.filter?.kubernetesVersions === undefined || input.filter.kubernetesVersions.includes(i.kubernetesVersion))),
  }));
  eks.on(DescribeInsightCommand).callsFake((input) => ({
    insight: { ...list.find((i) => i.id === input.id), recommendation: 'Do the thing.', categorySpecificSummary: { deprecationDetails: [], addonCompatibilityDetails: [] }, ...details[input.id] },
  }));
}

function check(step: ClusterVersionStep, stage: 'before-change' | 'mid-run', spec = specOf()) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const c: InsightCheck = { api: new EksApi('demo', { region: 'us-east-1' }), spec, plan, state, progress: new Progress(clock, (l) => lines.push(l)), clock };
  return { run: checkInsightsForStep(c, step, stage), lines };
}

beforeEach(() => eks.reset());

describe('INSIGHTS-PER-STEP', () => {
  test('INSIGHTS-PER-STEP: only the insights for the version the step targets are read', async () => {
    insights([summary('i-31', 'Deprecated APIs removed in Kubernetes v1.31', 'ERROR', '1.31')]);
    await check(cp30, 'before-change').run;
    expect(eks.commandCalls(ListInsightsCommand).map((c) => c.args[0].input.filter)).toEqual([{ categories: ['UPGRADE_READINESS'], kubernetesVersions: ['1.30'] }]);
    expect(firstControlPlaneStep(plan)).toBe(cp30);
  });

  test('INSIGHTS-PER-STEP: an ERROR before any change is bad input naming the insight, its recommendation and the fix', async () => {
    insights([summary('i-dep', 'Deprecated APIs removed in Kubernetes v1.30', 'ERROR', '1.30')]);
    const { run } = check(cp30, 'before-change');
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/UPGRADE_READINESS insight\(s\) in ERROR block control plane 1\.29 → 1\.30 \(nothing was changed\):\n {2}- ERROR upgrade insight for 1\.30: Deprecated APIs removed in Kubernetes v1\.30 \(i-dep\).*recommendation: Do the thing\..*\n.*controlPlane\.force: true/);
  });

  test('INSIGHTS-PER-STEP: an ERROR mid-run is a failure naming the insight, and says the earlier steps are done', async () => {
    insights([summary('i-dep', 'Deprecated APIs removed in Kubernetes v1.31', 'ERROR', '1.31')]);
    const { run } = check(cp31, 'mid-run');
    await expect(run).rejects.toThrow(UpdateFailedError);
    await expect(run).rejects.toThrow(/cluster\/demo: 1 UPGRADE_READINESS insight\(s\) in ERROR block control plane 1\.30 → 1\.31, so the run stops before it \(the earlier steps are done\):\n {2}- ERROR upgrade insight for 1\.31: Deprecated APIs removed in Kubernetes v1\.31/);
  });

  test('INSIGHTS-PER-STEP: force lets an ERROR through, printed and reported', async () => {
    insights([summary('i-dep', 'Deprecated APIs removed in Kubernetes v1.30', 'ERROR', '1.30')]);
    const { run, lines } = check(cp30, 'before-change', specOf({ controlPlane: { version: '1.31', force: true } }));
    expect(await run).toEqual([expect.stringMatching(/^\[INSIGHTS-PER-STEP\] control plane 1\.29 → 1\.30: warning: upgrade insight for 1\.30: Deprecated APIs.*\(failing check\).* — not blocking: controlPlane\.force is set$/)]);
    expect(lines.join('\n')).toMatch(/insights before control plane 1\.29 → 1\.30: warning: upgrade insight/);
    expect(lines.join('\n')).not.toMatch(/ERROR/);
  });

  test('INSIGHTS-PER-STEP: policy warn prints an ERROR without blocking; ignore does not ask', async () => {
    insights([summary('i-dep', 'Deprecated APIs removed in Kubernetes v1.30', 'ERROR', '1.30')]);
    await expect(check(cp30, 'before-change', specOf({ policy: { insights: 'warn' } })).run).resolves.toHaveLength(1);
    eks.resetHistory();
    await expect(check(cp30, 'before-change', specOf({ policy: { insights: 'ignore' } })).run).resolves.toEqual([]);
    expect(eks.commandCalls(ListInsightsCommand)).toHaveLength(0);
  });

  test('INSIGHTS-PER-STEP: a WARNING (a later minor) is printed, not blocking, and not described', async () => {
    insights([summary('i-w', 'Kubelet version skew', 'WARNING', '1.30')]);
    const { run, lines } = check(cp30, 'before-change');
    expect(await run).toEqual([expect.stringMatching(/^\[INSIGHTS-PER-STEP\] [^:]+: note: warning-level upgrade insight for 1\.30: Kubelet version skew .*a later Kubernetes version; not blocking/)]);
    expect(await run).not.toEqual([expect.stringMatching(/WARNING|ERROR/)]);
    expect(eks.commandCalls(DescribeInsightCommand)).toHaveLength(0);
    expect(lines.filter((l) => l.includes('insights before'))).toHaveLength(1);
  });

  test('INSIGHTS-PER-STEP: an add-on compatibility ERROR the plan resolves before the step does not block', async () => {
    insights([summary('i-addon', 'EKS add-on version compatibility', 'ERROR', '1.30')], {
      'i-addon': {
        categorySpecificSummary: {
          addonCompatibilityDetails: [
            { name: 'vpc-cni', compatibleVersions: ['v1.18.0-eksbuild.1', 'v1.19.0-eksbuild.1'] },
            { name: 'kube-proxy', compatibleVersions: ['v1.29.0-eksbuild.1', 'v1.30.0-eksbuild.3'] },
          ],
        },
      },
    });
    const { run } = check(cp30, 'before-change');
    // A note, without the ERROR token that log alerting keys on: nothing is wrong with this run.
    expect(await run).toEqual([expect.stringMatching(/^\[INSIGHTS-PER-STEP\] [^:]+: note: failing upgrade insight for 1\.30: EKS add-on version compatibility .*not blocking yet: the plan moves vpc-cni → v1\.18\.0-eksbuild\.1 before this step; read again after a refresh right before the step/)]);
    expect((await run)[0]).not.toMatch(/ERROR/);
  });

  test('INSIGHTS-PER-STEP: an add-on compatibility ERROR for an add-on the plan does not move blocks', async () => {
    insights([summary('i-addon', 'EKS add-on version compatibility', 'ERROR', '1.30')], {
      'i-addon': {
        categorySpecificSummary: {
          addonCompatibilityDetails: [
            { name: 'vpc-cni', compatibleVersions: ['v1.18.0-eksbuild.1'] },
            { name: 'kube-proxy', compatibleVersions: ['v1.30.0-eksbuild.3'] },
          ],
        },
      },
    });
    await expect(check(cp30, 'before-change').run).rejects.toThrow(/EKS add-on version compatibility/);
  });

  test('INSIGHTS-PER-STEP: a kubelet skew ERROR over node groups the plan moves before the step does not block (stale insight mid-run)', async () => {
    insights([summary('i-kubelet', 'Kubelet version skew', 'ERROR', '1.31')], {}, 'FAILED');
    expect(await check(cp31, 'mid-run').run).toEqual([
      expect.stringMatching(/not blocking: the plan moves node group\(s\) general → 1\.30 before this step/),
      expect.stringMatching(/not refreshed before this step: the insights refresh failed; the insights above may be stale/),
    ]);
    // The first step has no node-group move before it: the same finding blocks there.
    eks.reset();
    insights([summary('i-kubelet', 'Kubelet version skew', 'ERROR', '1.30')]);
    await expect(check(cp30, 'before-change').run).rejects.toThrow(/Kubelet version skew/);
  });

  test('INSIGHTS-PER-STEP: a rollback step reads ROLLBACK_READINESS insights, by category', async () => {
    insights([
      summary('i-rb', 'Incompatible API usage', 'ERROR', '1.30', 'ROLLBACK_READINESS'),
      summary('i-old', 'Incompatible API usage', 'ERROR', '1.27', 'ROLLBACK_READINESS'),
      summary('i-up', 'Deprecated APIs removed in Kubernetes v1.29', 'ERROR', '1.29'),
    ]);
    const { run } = check(cp('1.30', '1.29', { rollbackTimeoutMinutes: 720 }), 'before-change');
    await expect(run).rejects.toThrow(/1 ROLLBACK_READINESS insight\(s\) in ERROR or UNKNOWN block control plane 1\.30 → 1\.29 \(rollback\).*\n {2}- ERROR rollback insight for 1\.30: Incompatible API usage \(i-rb\)/);
    expect(eks.commandCalls(ListInsightsCommand)[0].args[0].input.filter).toEqual({ categories: ['ROLLBACK_READINESS'] });
  });

  test('INSIGHTS-PER-STEP: the insights are refreshed first, and the wait on the refresh is shown', async () => {
    insights([]);
    eks.on(DescribeInsightsRefreshCommand).resolvesOnce({ status: 'IN_PROGRESS' }).resolves({ status: 'COMPLETED' });
    const { run, lines } = check(cp30, 'before-change');
    await run;
    expect(eks.commandCalls(StartInsightsRefreshCommand)).toHaveLength(1);
    expect(eks.commandCalls(DescribeInsightsRefreshCommand)).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/refresh requested[\s\S]*refresh in progress \(0s of at most 10m00s\)[\s\S]*refreshed in 10s/);
  });

  test('INSIGHTS-PER-STEP: the wait on a refresh is bounded; then the insights are read as they are, said to be stale', async () => {
    insights([], {}, 'IN_PROGRESS');
    const { run } = check(cp30, 'before-change');
    expect(await run).toEqual([expect.stringMatching(/not refreshed before this step: the insights refresh was still running after 10m00s; the insights above may be stale/)]);
    expect(eks.commandCalls(DescribeInsightsRefreshCommand).length).toBe(61);
  });

  test('INSIGHTS-PER-STEP: right before a step, after a refresh, a finding the earlier phases should have fixed is read, not assumed', async () => {
    insights([summary('i-kubelet', 'Kubelet version skew', 'ERROR', '1.31')]);
    await expect(check(cp31, 'mid-run').run).rejects.toThrow(/Kubelet version skew/);
  });

  test('INSIGHTS-PER-STEP: a deprecated-API ERROR says it can persist 30 days after the fix', async () => {
    insights([summary('i-dep', 'Deprecated APIs removed in Kubernetes v1.30', 'ERROR', '1.30')]);
    await expect(check(cp30, 'before-change').run).rejects.toThrow(/persist for up to 30 days after the fix \(aws\/containers-roadmap#2569\)/);
  });

  test('INSIGHTS-PER-STEP: UNKNOWN blocks a rollback, unless forced, and is only printed before an upgrade', async () => {
    insights([
      summary('i-rb', 'Cluster health issues', 'UNKNOWN', '1.29', 'ROLLBACK_READINESS'),
      summary('i-up', 'Cluster health issues', 'UNKNOWN', '1.30'),
    ]);
    const rollback = cp('1.30', '1.29', { rollbackTimeoutMinutes: 720 });
    await expect(check(rollback, 'before-change').run).rejects.toThrow(/ROLLBACK_READINESS insight\(s\) in ERROR or UNKNOWN block[\s\S]*ERROR undetermined rollback insight for 1\.29: Cluster health issues \(i-rb\)[\s\S]*does not roll back on an unknown/);
    expect(await check(rollback, 'before-change', specOf({ controlPlane: { version: '1.31', force: true } })).run).toHaveLength(1);
    expect(await check(cp30, 'before-change').run).toEqual([expect.stringMatching(/note: undetermined upgrade insight for 1\.30: .*not blocking an upgrade/)]);
  });
});

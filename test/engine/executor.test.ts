import {
  CancelUpdateCommand, DescribeAddonCommand, DescribeClusterCommand, DescribeNodegroupCommand, DescribeUpdateCommand,
  EKSClient, ListUpdatesCommand, UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeClock } from './fake-clock';
import { clientRequestToken } from '../../src/engine/client-token';
import { EksApi } from '../../src/engine/eks-api';
import { DeadlineError, InterruptedError, UpdateFailedError } from '../../src/engine/engine-errors';
import { executePlan } from '../../src/engine/executor';
import { LiveState } from '../../src/engine/live-state';
import { Plan, PlanStep } from '../../src/engine/plan-types';
import { Progress } from '../../src/engine/progress';
import { newReport } from '../../src/engine/upgrade';
import { parseSpec } from '../../src/spec/parse-spec';

const eks = mockClient(EKSClient);
const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' }, nodegroups: [{ name: 'general' }], addons: [{ name: 'vpc-cni' }] });
const state: LiveState = {
  cluster: { name: 'demo', version: '1.29', status: 'ACTIVE' },
  nodegroups: { general: { name: 'general', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize: 3 } },
  addons: { 'vpc-cni': { name: 'vpc-cni', status: 'ACTIVE', version: 'v1.18.0-eksbuild.1', podIdentityAssociationCount: 0 } },
  untargetedNodegroups: {},
  untargetedAddons: [],
  addonCatalog: {},
  latestReleaseVersions: {},
  runningUpdates: [],
};
const ng: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'general' }, from: { version: '1.29' }, version: '1.30', force: false, reason: 'target' };
const cp: PlanStep = { action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from: '1.29', to: '1.30', force: false, reason: 'target' };
const addon: PlanStep = { action: 'addon-update', resource: { kind: 'addon', name: 'vpc-cni' }, from: 'v1.18.0-eksbuild.1', version: 'v1.19.0-eksbuild.1', reason: 'target' };
const planOf = (...steps: PlanStep[]): Plan => ({ clusterName: 'demo', phases: [{ title: 'test', steps }], warnings: [], controlPlaneTargets: [] });

function run(plan: Plan, signal?: AbortSignal) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const report = newReport(spec, clock);
  const api = new EksApi('demo', { region: 'us-east-1' });
  const done = executePlan(plan, { api, clock, progress: new Progress(clock, (l) => lines.push(l)), spec, state, report, random: () => 0.5, signal });
  return { done, lines, report };
}

beforeEach(() => {
  eks.reset();
  eks.on(ListUpdatesCommand).resolves({ updateIds: [] });
  eks.on(DescribeNodegroupCommand).resolves({ nodegroup: { status: 'ACTIVE', version: '1.29' } });
  eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.29' } });
});

describe('executePlan', () => {
  test('sends a deterministic clientRequestToken derived from the change', async () => {
    eks.on(UpdateNodegroupVersionCommand).resolves({ update: { id: 'u-1', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'u-1', status: 'Successful' } });
    const { done, report } = run(planOf(ng));
    await done;
    const sent = eks.commandCalls(UpdateNodegroupVersionCommand)[0].args[0].input;
    expect(sent.clientRequestToken).toBe(clientRequestToken({
      cluster: 'demo', resource: 'nodegroup/general', action: 'nodegroup-version', request: { nodegroupName: 'general', version: '1.30' }, history: [],
    }));
    expect(report.steps[0]).toMatchObject({ updateId: 'u-1', outcome: 'Successful' });
  });

  test('a Failed node-group update names the resource, update id, error and the force remedy', async () => {
    eks.on(UpdateNodegroupVersionCommand).resolves({ update: { id: 'u-7', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).resolves({
      update: {
        id: 'u-7',
        status: 'Failed',
        errors: [{ errorCode: 'PodEvictionFailure', errorMessage: 'Reached max retries while trying to evict pods from nodes in node group general', resourceIds: ['ip-10-0-1-1.ec2.internal'] }],
      },
    });
    const { done, report } = run(planOf(ng));
    await expect(done).rejects.toThrow(UpdateFailedError);
    await expect(done).rejects.toThrow(/nodegroup\/general: nodegroup-version 1\.29 → 1\.30 ended Failed \(update u-7\)\n {2}PodEvictionFailure: Reached max retries.*\[ip-10-0-1-1\.ec2\.internal\]\n {2}remedy: .*force: true/);
    expect(report.steps[0].outcome).toBe('Failed');
  });

  test('a resource busy with another update is awaited, then the step is skipped when that update did the work', async () => {
    eks.on(DescribeClusterCommand)
      .resolvesOnce({ cluster: { status: 'ACTIVE', version: '1.29' } })
      .resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
    eks.on(UpdateClusterVersionCommand).rejects(Object.assign(new Error('Cannot VersionUpdate because cluster demo currently has update other in progress'), { name: 'ResourceInUseException' }));
    eks.on(ListUpdatesCommand).resolves({ updateIds: ['other'] });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'other', status: 'Successful', type: 'VersionUpdate' } });
    const { done, report, lines } = run(planOf(cp));
    await done;
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(1);
    expect(report.steps[0].outcome).toBe('already done');
    expect(lines.join('\n')).toMatch(/EKS reports the resource busy/);
  });

  test('a step already done by someone else makes no call at all', async () => {
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.31' } });
    const { done, report } = run(planOf(cp));
    await done;
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(0);
    expect(report.steps[0].outcome).toBe('already done');
  });

  test('an add-on DEGRADED after a successful update fails after the grace period, naming its health issues', async () => {
    eks.on(DescribeAddonCommand)
      .resolvesOnce({ addon: { status: 'ACTIVE', addonVersion: 'v1.18.0-eksbuild.1' } })
      .resolves({ addon: { status: 'DEGRADED', addonVersion: 'v1.19.0-eksbuild.1', health: { issues: [{ code: 'InsufficientNumberOfReplicas', message: 'The add-on is unhealthy because it doesn\'t have the desired number of replicas.', resourceIds: ['aws-node'] }] } } });
    eks.on(UpdateAddonCommand).resolves({ update: { id: 'u-a', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'u-a', status: 'Successful' } });
    const { done } = run(planOf(addon));
    await expect(done).rejects.toThrow(/addon\/vpc-cni: update u-a succeeded but the resource is DEGRADED after 5m\d\ds: InsufficientNumberOfReplicas: .*\(aws-node\)/);
  });

  test('an interrupted rollback is cancelled and the cancellation status reported', async () => {
    const rollback: PlanStep = { ...cp, from: '1.30', to: '1.29', rollbackTimeoutMinutes: 720 } as PlanStep;
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'rb-1', status: 'InProgress', type: 'VersionRollback' } });
    const abort = new AbortController();
    eks.on(DescribeUpdateCommand).callsFake(() => {
      abort.abort(new InterruptedError('interrupted by SIGTERM'));
      return { update: { id: 'rb-1', status: 'InProgress' } };
    });
    eks.on(CancelUpdateCommand).resolves({ update: { id: 'rb-1', status: 'Cancelled', cancellation: { status: 'Successful', reason: 'Cancelled by user' } } as any });
    const { done } = run(planOf(rollback), abort.signal);
    await expect(done).rejects.toThrow(/cluster\/demo: cluster-version 1\.30 → 1\.29 \(rollback\) interrupted; CancelUpdate on rb-1: Successful \(Cancelled by user\)/);
    expect(eks.commandCalls(UpdateClusterVersionCommand)[0].args[0].input.rollbackConfig).toEqual({ timeoutMinutes: 720 });
  });

  test('a runner deadline stops the wait on a rollback without cancelling it', async () => {
    const rollback: PlanStep = { ...cp, from: '1.30', to: '1.29', rollbackTimeoutMinutes: 720 } as PlanStep;
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'rb-2', status: 'InProgress', type: 'VersionRollback' } });
    const abort = new AbortController();
    eks.on(DescribeUpdateCommand).callsFake(() => {
      abort.abort(new DeadlineError('the Lambda function is about to reach its deadline'));
      return { update: { id: 'rb-2', status: 'InProgress' } };
    });
    const { done } = run(planOf(rollback), abort.signal);
    await expect(done).rejects.toThrow(/the runner's deadline leaves it running, so update rb-2 keeps running — the next apply waits for it/);
    expect(eks.commandCalls(CancelUpdateCommand)).toHaveLength(0);
  });

  test('an interrupted version update is not cancelled (EKS cannot) and its id is named', async () => {
    const abort = new AbortController();
    let polls = 0;
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'u-cp', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).callsFake(() => {
      if (++polls === 3) abort.abort(new InterruptedError('interrupted by SIGINT'));
      return { update: { id: 'u-cp', status: 'InProgress' } };
    });
    const { done } = run(planOf(cp), abort.signal);
    await expect(done).rejects.toThrow(/update u-cp keeps running — the next apply waits for it/);
    expect(eks.commandCalls(CancelUpdateCommand)).toHaveLength(0);
  });
});

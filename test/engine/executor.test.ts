import {
  CancelUpdateCommand, DescribeAddonCommand, DescribeClusterCommand, DescribeNodegroupCommand, DescribeUpdateCommand,
  EKSClient, ListUpdatesCommand, UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeClock } from './fake-clock';
import { EksApi } from '../../src/aws/eks-api';
import { LiveState } from '../../src/aws/live-state';
import { clientRequestToken } from '../../src/engine/client-token';
import { ExecuteContext, executePlan } from '../../src/engine/executor';
import { formatPlan } from '../../src/engine/plan-format';
import { Plan, PlanStep } from '../../src/engine/plan-types';
import { Progress } from '../../src/engine/progress';
import { newReport } from '../../src/engine/upgrade';
import { DeadlineError, InterruptedError, UpdateFailedError, UpdateTimeoutError } from '../../src/errors/run-errors';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const eks = mockClient(EKSClient);
const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' }, nodegroups: [{ name: 'general', force: true }], addons: [{ name: 'vpc-cni' }] });
const state: LiveState = {
  cluster: { name: 'demo', version: '1.29', status: 'ACTIVE' },
  nodegroups: { general: { name: 'general', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize: 3 } },
  addons: { 'vpc-cni': { name: 'vpc-cni', status: 'ACTIVE', version: 'v1.18.0-eksbuild.1', podIdentityAssociations: [] } },
  untargetedNodegroups: {},
  untargetedAddons: {},
  addonCatalog: {},
  latestReleaseVersions: {},
  runningUpdates: [],
};
const ng: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'general' }, from: { version: '1.29' }, version: '1.30', force: false, reason: 'target' };
const cp: PlanStep = { action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from: '1.29', to: '1.30', force: false, reason: 'target' };
const addon: PlanStep = { action: 'addon-update', resource: { kind: 'addon', name: 'vpc-cni' }, from: 'v1.18.0-eksbuild.1', version: 'v1.19.0-eksbuild.1', reason: 'target' };
const planOf = (...steps: PlanStep[]): Plan => ({ clusterName: 'demo', phases: [{ title: 'test', steps }], warnings: [], findings: [], controlPlaneTargets: [] });

function run(plan: Plan, signal?: AbortSignal, extra: Partial<ExecuteContext> = {}) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const report = newReport(spec, clock);
  const api = new EksApi('demo', { region: 'us-east-1' });
  const start = clock.now();
  const done = executePlan(plan, { api, clock, progress: new Progress(clock, (l) => lines.push(l)), spec, state, report, random: () => 0.5, signal, ...extra });
  return { done, lines, report, elapsedMinutes: () => (clock.now() - start) / 60000 };
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

  test('CP-ONE-UPDATE: a cluster busy with another update is awaited, then the step is skipped when that update did the work', async () => {
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

  test('CP-ONE-UPDATE: the running update is looked for in the history the attempt has just read (one ListUpdates per attempt)', async () => {
    eks.on(DescribeClusterCommand)
      .resolvesOnce({ cluster: { status: 'UPDATING', version: '1.29' } })
      .resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
    eks.on(ListUpdatesCommand).resolves({ updateIds: ['other'] });
    eks.on(DescribeUpdateCommand)
      .resolvesOnce({ update: { id: 'other', status: 'InProgress', type: 'VersionUpdate' } })
      .resolves({ update: { id: 'other', status: 'Successful', type: 'VersionUpdate' } });
    const { done, report, lines } = run(planOf(cp));
    await done;
    expect(lines.join('\n')).toMatch(/waiting for update other \(VersionUpdate\) already running/);
    expect(report.steps[0].outcome).toBe('already done');
    expect(eks.commandCalls(ListUpdatesCommand)).toHaveLength(2);
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

const busy = (message: string, name = 'InvalidParameterException') => Object.assign(new Error(message), { name });
const cp31: PlanStep = { action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from: '1.30', to: '1.31', force: false, reason: 'target' };
const rollback: PlanStep = { ...cp, from: '1.30', to: '1.29', rollbackTimeoutMinutes: 720 } as PlanStep;

/**
 * A small stateful EKS for the node-group catch-up: node groups and the cluster move when their update is
 * described as Successful; every update id ever returned is kept, per resource, for ListUpdates.
 */
function statefulEks(nodegroups: Record<string, { version: string; amiType?: string }>, clusterVersion = '1.30') {
  const history: Record<string, string[]> = {};
  const listed = (where: string) => history[where] ?? [];
  eks.on(ListUpdatesCommand).callsFake((input) => ({ updateIds: listed(input.nodegroupName ?? input.addonName ?? 'cluster') }));
  eks.on(DescribeNodegroupCommand).callsFake((input) => ({ nodegroup: { nodegroupName: input.nodegroupName, status: 'ACTIVE', ...nodegroups[input.nodegroupName] } }));
  eks.on(DescribeClusterCommand).callsFake(() => ({ cluster: { status: 'ACTIVE', version: clusterVersion } }));
  eks.on(UpdateNodegroupVersionCommand).callsFake((input) => {
    const id = `ng-${input.nodegroupName}`;
    history[input.nodegroupName] = [...listed(input.nodegroupName), id];
    nodegroups[input.nodegroupName] = { ...nodegroups[input.nodegroupName], version: input.version };
    return { update: { id, status: 'InProgress', type: 'VersionUpdate' } };
  });
  eks.on(DescribeUpdateCommand).callsFake((input) => ({ update: { id: input.updateId, status: 'Successful' } }));
  return { history };
}

describe('MNG-MATCH-CP: EKS refuses a control-plane step over node groups behind it', () => {
  const withUntargeted: LiveState = {
    ...state,
    cluster: { ...state.cluster, version: '1.30' },
    untargetedNodegroups: {
      batch: { name: 'batch', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', desiredSize: 2 },
      custom: { name: 'custom', status: 'ACTIVE', version: '1.29', amiType: 'CUSTOM', desiredSize: 2, launchTemplate: { id: 'lt-1', version: '1' } },
    },
  };

  test('MNG-MATCH-CP: the named node groups are moved to the cluster version with the spec\'s force, then the step is retried with the same token', async () => {
    const groups = { general: { version: '1.29' }, batch: { version: '1.29' } };
    statefulEks(groups);
    eks.on(UpdateClusterVersionCommand)
      .rejectsOnce(busy('Nodegroups general, batch must be updated to match cluster version 1.30 before updating cluster version'))
      .resolves({ update: { id: 'u-cp', status: 'InProgress', type: 'VersionUpdate' } });
    const { done, report, lines } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    await done;

    const ngCalls = eks.commandCalls(UpdateNodegroupVersionCommand).map((c) => c.args[0].input);
    expect(ngCalls.map((i) => [i.nodegroupName, i.version, i.force ?? false])).toEqual([['general', '1.30', true], ['batch', '1.30', false]]);
    expect(ngCalls[1].clientRequestToken).toBe(clientRequestToken({
      cluster: 'demo', resource: 'nodegroup/batch', action: 'nodegroup-version', request: { nodegroupName: 'batch', version: '1.30' }, history: [],
    }));
    const cpCalls = eks.commandCalls(UpdateClusterVersionCommand).map((c) => c.args[0].input);
    expect(cpCalls).toHaveLength(2);
    expect(cpCalls[1].clientRequestToken).toBe(cpCalls[0].clientRequestToken);
    // The extra steps stand in the report before the step they unblocked, named by their rule.
    expect(report.steps.map((s) => [s.resource, s.rule, s.outcome])).toEqual([
      ['nodegroup/general', 'MNG-MATCH-CP', 'Successful'],
      ['nodegroup/batch', 'MNG-MATCH-CP', 'Successful'],
      ['cluster/demo', undefined, 'Successful'],
    ]);
    expect(lines.join('\n')).toMatch(/EKS refused cluster-version 1\.30 → 1\.31 .*\[MNG-MATCH-CP\]; updating node group\(s\) general, batch to 1\.30, then retrying/);
    expect(lines.join('\n')).toMatch(/retrying cluster-version 1\.30 → 1\.31/);
  });

  test('MNG-MATCH-CP: several catch-up node groups refused for another reason are one error listing each, not a timeout', async () => {
    statefulEks({ general: { version: '1.29' }, batch: { version: '1.29' } });
    eks.on(UpdateClusterVersionCommand)
      .rejectsOnce(busy('Nodegroups general, batch must be updated to match cluster version 1.30 before updating cluster version'))
      .resolves({ update: { id: 'u-cp', status: 'InProgress', type: 'VersionUpdate' } });
    eks.on(UpdateNodegroupVersionCommand).callsFake((input) => {
      throw Object.assign(new Error(`not authorized to update ${input.nodegroupName}`), { name: 'AccessDeniedException' });
    });
    const { done } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    const error = await done.then(() => undefined, (e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UpdateTimeoutError);
    expect(error).not.toBeInstanceOf(UpdateFailedError);
    expect(error.message).toMatch(/not authorized to update general/);
    expect(error.message).toMatch(/not authorized to update batch/);
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(1);
  });

  test('MNG-MATCH-CP: the retry after the catch-up sends again without describing the cluster\'s past updates (nothing refused it as busy)', async () => {
    const { history } = statefulEks({ general: { version: '1.29' } });
    history.cluster = ['u-old-1', 'u-old-2'];
    eks.on(UpdateClusterVersionCommand)
      .rejectsOnce(busy('Nodegroups general must be updated to match cluster version 1.30 before updating cluster version'))
      .resolves({ update: { id: 'u-cp', status: 'InProgress', type: 'VersionUpdate' } });
    const { done } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    await done;
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(2);
    expect(eks.commandCalls(DescribeUpdateCommand).map((c) => c.args[0].input.updateId)).not.toContain('u-old-1');
  });

  test('MNG-MATCH-CP: names separated by spaces only (InvalidRequestException) are parsed too', async () => {
    statefulEks({ general: { version: '1.29' }, batch: { version: '1.29' } });
    eks.on(UpdateClusterVersionCommand)
      .rejectsOnce(busy('Nodegroups general batch must be updated to match cluster version 1.30 before updating cluster version', 'InvalidRequestException'))
      .resolves({ update: { id: 'u-cp', status: 'InProgress' } });
    const { done } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    await done;
    expect(eks.commandCalls(UpdateNodegroupVersionCommand).map((c) => c.args[0].input.nodegroupName)).toEqual(['general', 'batch']);
  });

  test('MNG-MATCH-CP: a rerun finds the node group already moved and the update already started: no second update of either', async () => {
    // The first run moved batch and started u-cp, then died; EKS's token replay returns u-cp.
    const { history } = statefulEks({ general: { version: '1.30' }, batch: { version: '1.30' } });
    history.batch = ['ng-batch'];
    eks.on(UpdateClusterVersionCommand)
      .rejectsOnce(busy('Nodegroups batch must be updated to match cluster version 1.30 before updating cluster version'))
      .resolves({ update: { id: 'u-cp', status: 'InProgress' } });
    const { done, report } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    await done;
    expect(eks.commandCalls(UpdateNodegroupVersionCommand)).toHaveLength(0);
    expect(report.steps.map((s) => [s.resource, s.outcome])).toEqual([['nodegroup/batch', 'already done'], ['cluster/demo', 'Successful']]);
  });

  test('MNG-MATCH-CP: a custom-AMI node group fails the step, naming it and the launch-template fix, and nothing moves', async () => {
    statefulEks({ batch: { version: '1.29' }, custom: { version: '1.29', amiType: 'CUSTOM' } });
    eks.on(UpdateClusterVersionCommand).rejects(busy('Nodegroups batch, custom must be updated to match cluster version 1.30 before updating cluster version'));
    const { done } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    await expect(done).rejects.toThrow(UpdateFailedError);
    await expect(done).rejects.toThrow(/node group 'custom' must first run Kubernetes 1\.30 \(MNG-MATCH-CP\), but it runs a custom AMI.*add node group 'custom' to the spec's nodegroups with a launchTemplate version whose AMI is built for Kubernetes 1\.30/);
    expect(eks.commandCalls(UpdateNodegroupVersionCommand)).toHaveLength(0);
  });

  test('MNG-MATCH-CP: EKS refusing again after the catch-up rounds fails instead of looping', async () => {
    statefulEks({ general: { version: '1.29' } });
    eks.on(UpdateClusterVersionCommand).rejects(busy('Nodegroups general must be updated to match cluster version 1.30 before updating cluster version'));
    const { done } = run(planOf(cp31), undefined, { state: withUntargeted } as Partial<ExecuteContext>);
    await expect(done).rejects.toThrow(/EKS still refuses cluster-version 1\.30 → 1\.31 after its node groups were moved to 1\.30/);
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(3);
  });

  test('an InvalidParameterException of another kind is not mistaken for MNG-MATCH-CP', async () => {
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
    eks.on(UpdateClusterVersionCommand).rejects(busy('Unsupported Kubernetes minor version update from 1.30 to 1.32'));
    const { done } = run(planOf(cp31));
    await expect(done).rejects.toThrow(/Unsupported Kubernetes minor version update/);
    expect(eks.commandCalls(UpdateNodegroupVersionCommand)).toHaveLength(0);
  });
});

describe('two runners', () => {
  test('a node group busy with another run\'s update after this run\'s succeeded: that update is named and awaited, not taken for ill health', async () => {
    eks.on(UpdateNodegroupVersionCommand).resolves({ update: { id: 'ng-1', status: 'InProgress' } });
    let describes = 0;
    let foreignPolls = 0;
    // Read before the update, then UPDATING with the other run's update, then ACTIVE once it is over.
    eks.on(DescribeNodegroupCommand).callsFake(() => ({ nodegroup: { status: ++describes === 1 ? 'ACTIVE' : foreignPolls < 2 ? 'UPDATING' : 'ACTIVE', version: describes === 1 ? '1.29' : '1.30' } }));
    eks.on(ListUpdatesCommand).callsFake(() => ({ updateIds: describes <= 1 ? [] : ['ng-1', 'x-2'] }));
    eks.on(DescribeUpdateCommand, { updateId: 'ng-1' }).resolves({ update: { id: 'ng-1', status: 'Successful' } });
    eks.on(DescribeUpdateCommand, { updateId: 'x-2' }).callsFake(() => ({ update: { id: 'x-2', type: 'ConfigUpdate', status: ++foreignPolls < 2 ? 'InProgress' : 'Successful' } }));
    const { done, lines, report } = run(planOf(ng));
    await done;
    expect(lines.join('\n')).toMatch(/update ng-1 succeeded; the resource is now busy with update x-2 \(ConfigUpdate\), which this run did not start; waiting for it/);
    expect(report.steps[0]).toMatchObject({ updateId: 'ng-1', outcome: 'Successful' });
    expect(eks.commandCalls(UpdateNodegroupVersionCommand)).toHaveLength(1);
  });

  test('a node group that stays unhealthy is pointed to with describe-nodegroup, not describe-addon', async () => {
    eks.on(UpdateNodegroupVersionCommand).resolves({ update: { id: 'ng-1', status: 'InProgress' } });
    let describes = 0;
    eks.on(DescribeNodegroupCommand).callsFake(() => ({ nodegroup: { status: ++describes === 1 ? 'ACTIVE' : 'DEGRADED', version: describes === 1 ? '1.29' : '1.30' } }));
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'ng-1', status: 'Successful' } });
    const { done } = run(planOf(ng));
    await expect(done).rejects.toThrow(/nodegroup\/general: update ng-1 succeeded but the resource is DEGRADED after .*; fix the cause \(aws eks describe-nodegroup\)/);
  });
});

describe('stopping', () => {
  test('a stop requested while a step reads its resource starts no update: the signal is checked right before the call', async () => {
    const abort = new AbortController();
    // The stop arrives during the step's last read before its update call.
    eks.on(DescribeAddonCommand).callsFake(() => {
      abort.abort(new InterruptedError('interrupted by SIGTERM'));
      return { addon: { status: 'ACTIVE', addonVersion: 'v1.18.0-eksbuild.1' } };
    });
    eks.on(UpdateAddonCommand).resolves({ update: { id: 'a-1', status: 'InProgress' } });
    const { done, report } = run(planOf(addon), abort.signal);
    await expect(done).rejects.toThrow(InterruptedError);
    expect(eks.commandCalls(UpdateAddonCommand)).toHaveLength(0);
    expect(report.steps[0].outcome).toBe('not started');
  });
});

describe('CANCEL-ROLLBACK-ONLY', () => {
  beforeEach(() => {
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
  });

  test('CANCEL-ROLLBACK-ONLY: an interrupted rollback this run started is cancelled, and DescribeUpdate\'s cancellation is reported', async () => {
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'rb-1', status: 'InProgress', type: 'VersionRollback' } });
    const abort = new AbortController();
    let cancelled = false;
    eks.on(DescribeUpdateCommand).callsFake(() => {
      if (!cancelled) abort.abort(new InterruptedError('interrupted by SIGTERM'));
      return cancelled
        ? { update: { id: 'rb-1', status: 'Cancelled', cancellation: { status: 'Successful', reason: 'Node rollback cancelled' } } }
        : { update: { id: 'rb-1', status: 'InProgress' } };
    });
    eks.on(CancelUpdateCommand).callsFake(() => {
      cancelled = true;
      // The answer of CancelUpdate itself is not what is reported: the status read afterwards is.
      return { update: { id: 'rb-1', status: 'InProgress', cancellation: { status: 'InProgress' } } };
    });
    const { done, report } = run(planOf(rollback), abort.signal);
    await expect(done).rejects.toThrow(/cluster\/demo: cluster-version 1\.30 → 1\.29 \(rollback\) interrupted; CancelUpdate requested on rb-1 \(best effort\); DescribeUpdate now reads status Cancelled, cancellation Successful \(Node rollback cancelled\); the node rollback stopped/);
    expect(eks.commandCalls(UpdateClusterVersionCommand)[0].args[0].input.rollbackConfig).toEqual({ timeoutMinutes: 720 });
    const cancel = eks.commandCalls(CancelUpdateCommand)[0].args[0].input;
    expect(cancel.updateId).toBe('rb-1');
    expect(cancel.clientRequestToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(report.steps[0]).toMatchObject({ outcome: 'Cancelled', cancellation: { status: 'Successful', reason: 'Node rollback cancelled' } });
  });

  test('CANCEL-ROLLBACK-ONLY: a rollback that outlives its own EKS timeout plus the control-plane margin is cancelled; an InProgress cancellation is reported as such', async () => {
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'rb-2', status: 'InProgress', type: 'VersionRollback' } });
    let cancelled = false;
    eks.on(DescribeUpdateCommand).callsFake(() => ({ update: { id: 'rb-2', status: 'InProgress', ...(cancelled ? { cancellation: { status: 'InProgress', reason: 'Stopping node rollback' } } : {}) } }));
    eks.on(CancelUpdateCommand).callsFake(() => {
      cancelled = true;
      return { update: { id: 'rb-2', status: 'InProgress' } };
    });
    const { done, report, elapsedMinutes } = run(planOf(rollback));
    await expect(done).rejects.toThrow(UpdateTimeoutError);
    await expect(done).rejects.toThrow(/timed out after 13h30m; CancelUpdate requested on rb-2 \(best effort\); DescribeUpdate now reads status InProgress, cancellation InProgress \(Stopping node rollback\); the cancellation is still under way/);
    // 720 minutes of rollbackConfig.timeoutMinutes + the policy's 90-minute control-plane timeout, not 90 alone.
    expect(elapsedMinutes()).toBeGreaterThanOrEqual(810);
    expect(elapsedMinutes()).toBeLessThan(811);
    expect(report.steps[0]).toMatchObject({ outcome: 'running', cancellation: { status: 'InProgress' } });
  });

  test('CANCEL-ROLLBACK-ONLY: CancelUpdate refused once the control plane rolls back: the refusal and DescribeUpdate\'s status are reported, never "Cancelled"', async () => {
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'rb-3', status: 'InProgress', type: 'VersionRollback' } });
    const abort = new AbortController();
    eks.on(DescribeUpdateCommand).callsFake(() => {
      abort.abort(new InterruptedError('interrupted by SIGINT'));
      return { update: { id: 'rb-3', status: 'InProgress' } };
    });
    eks.on(CancelUpdateCommand).rejects(busy('Update rb-3 cannot be cancelled because the control plane rollback has already begun.', 'InvalidRequestException'));
    const { done, report } = run(planOf(rollback), abort.signal);
    await expect(done).rejects.toThrow(/CancelUpdate on rb-3 was refused \(InvalidRequestException: Update rb-3 cannot be cancelled because the control plane rollback has already begun\.\); .*DescribeUpdate now reads status InProgress, cancellation none; the rollback keeps running in EKS/);
    expect(report.steps[0].outcome).toBe('running');
  });

  test('CANCEL-ROLLBACK-ONLY: a rollback found running on the cluster (someone else\'s) is awaited and, when interrupted, left running', async () => {
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'UPDATING', version: '1.30' } });
    eks.on(ListUpdatesCommand).resolves({ updateIds: ['theirs'] });
    const abort = new AbortController();
    let polls = 0;
    eks.on(DescribeUpdateCommand).callsFake(() => {
      if (++polls === 3) abort.abort(new InterruptedError('interrupted by SIGINT'));
      return { update: { id: 'theirs', status: 'InProgress', type: 'VersionRollback' } };
    });
    const { done } = run(planOf(rollback), abort.signal);
    await expect(done).rejects.toThrow(/this run did not start update theirs, so it does not cancel it \(CANCEL-ROLLBACK-ONLY\), so update theirs keeps running — the next apply waits for it/);
    expect(eks.commandCalls(CancelUpdateCommand)).toHaveLength(0);
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(0);
  });

  test('CANCEL-ROLLBACK-ONLY: an update EKS returns for a replayed token (already in the history) is not this run\'s, so it is not cancelled', async () => {
    eks.on(ListUpdatesCommand).resolves({ updateIds: ['rb-old'] });
    eks.on(UpdateClusterVersionCommand).resolves({ update: { id: 'rb-old', status: 'InProgress', type: 'VersionRollback' } });
    const abort = new AbortController();
    eks.on(DescribeUpdateCommand).callsFake((input) => {
      if (input.updateId === 'rb-old' && eks.commandCalls(UpdateClusterVersionCommand).length > 0) abort.abort(new InterruptedError('interrupted by SIGTERM'));
      return { update: { id: input.updateId, status: input.updateId === 'rb-old' && eks.commandCalls(UpdateClusterVersionCommand).length > 0 ? 'InProgress' : 'Successful' } };
    });
    const { done, lines } = run(planOf(rollback), abort.signal);
    await expect(done).rejects.toThrow(/this run did not start update rb-old/);
    expect(eks.commandCalls(CancelUpdateCommand)).toHaveLength(0);
    expect(lines.join('\n')).toMatch(/joined update rb-old/);
  });
});

describe('TIMEOUT-COVERS-WORK and INSIGHTS-PER-STEP hooks', () => {
  test('TIMEOUT-COVERS-WORK: the wait is the step\'s timeoutMinutes, not the policy\'s 180-minute node-group default', async () => {
    eks.on(UpdateNodegroupVersionCommand).resolves({ update: { id: 'u-slow', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'u-slow', status: 'InProgress' } });
    const { done, elapsedMinutes } = run(planOf({ ...ng, timeoutMinutes: 300 } as PlanStep));
    await expect(done).rejects.toThrow(/timed out after 5h00m; EKS can cancel only a rollback/);
    expect(elapsedMinutes()).toBeGreaterThanOrEqual(300);
    expect(elapsedMinutes()).toBeLessThan(301);
  });

  test('TIMEOUT-COVERS-WORK: without timeoutMinutes the policy timeout applies', async () => {
    eks.on(UpdateNodegroupVersionCommand).resolves({ update: { id: 'u-slow', status: 'InProgress' } });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'u-slow', status: 'InProgress' } });
    const { done, elapsedMinutes } = run(planOf(ng));
    await expect(done).rejects.toThrow(/timed out after 3h00m/);
    expect(elapsedMinutes()).toBeLessThan(181);
  });

  test('INSIGHTS-PER-STEP: the hook runs right before a control-plane step sends, and its refusal stops the step', async () => {
    const seen: string[] = [];
    const beforeControlPlaneStep = async (step: PlanStep & { action: 'cluster-version' }) => {
      seen.push(step.to);
      throw new UpdateFailedError('blocked by an insight');
    };
    const { done } = run(planOf(cp), undefined, { beforeControlPlaneStep });
    await expect(done).rejects.toThrow(/blocked by an insight/);
    expect(seen).toEqual(['1.30']);
    expect(eks.commandCalls(UpdateClusterVersionCommand)).toHaveLength(0);
  });

  test('INSIGHTS-PER-STEP: a control-plane step already done does not ask for insights', async () => {
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'ACTIVE', version: '1.30' } });
    const hook = jest.fn(async () => undefined);
    const { done } = run(planOf(cp), undefined, { beforeControlPlaneStep: hook });
    await done;
    expect(hook).not.toHaveBeenCalled();
  });
});

describe('plan-format', () => {
  test('each rule-driven step carries its [RULE-ID]; findings print as warning [RULE] field: message', () => {
    const plan: Plan = {
      ...planOf({ ...ng, rule: 'MNG-MATCH-CP' } as PlanStep, addon),
      warnings: ['[TIMEOUT-COVERS-WORK] nodegroups[0].updateConfig: raised'],
      findings: [{ rule: 'TIMEOUT-COVERS-WORK', severity: 'warn', field: 'nodegroups[0]', message: 'timeout raised to 300 minutes' }],
    };
    const text = formatPlan(plan, '1.29', '1.30');
    expect(text).toMatch(/nodegroup\/general +nodegroup-version +1\.29 → 1\.30 +target +\[MNG-MATCH-CP\]/);
    expect(text).toMatch(/addon\/vpc-cni .* target$/m);
    expect(text).toMatch(/^ {2}warning \[TIMEOUT-COVERS-WORK\] nodegroups\[0\]: timeout raised to 300 minutes$/m);
    expect(text).not.toMatch(/raised$/m);
  });
});

import {
  DescribeAddonCommand, DescribeClusterCommand, DescribeNodegroupCommand, DescribeUpdateCommand, ListUpdatesCommand, ResourceNotFoundException,
  ServerException, ServiceUnavailableException, ThrottlingException, UpdateAddonCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { GetParameterCommand, ThrottlingException as SsmThrottlingException } from '@aws-sdk/client-ssm';
import { expectServiceError, rejection, sdkClients, startFixture, type Fixture } from './sim-fixture';
import { FaultError, type SimFault } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const inject = (fault: SimFault) => f.running.simulator.injectFault(fault);
const describeCluster = () => f.eks.send(new DescribeClusterCommand({ name: 'demo' }));
const addon = async (name: string) => (await f.eks.send(new DescribeAddonCommand({ clusterName: 'demo', addonName: name }))).addon!;

describe('call faults', () => {
  test('throttling: the next N matching calls get 429 ThrottlingException', async () => {
    inject({ kind: 'throttle', operation: 'DescribeCluster', resource: 'cluster/demo', count: 2 });
    await expectServiceError(describeCluster(), ThrottlingException, 'Rate exceeded', 429);
    await f.eks.send(new DescribeNodegroupCommand({ clusterName: 'demo', nodegroupName: 'general' }));
    await expectServiceError(describeCluster(), ThrottlingException, 'Rate exceeded', 429);
    expect((await describeCluster()).cluster!.name).toBe('demo');
    expect(f.running.simulator.calls().map((c) => c.status)).toEqual([429, 200, 429, 200]);
  });

  test('the SDK retries through a throttle when allowed more attempts', async () => {
    inject({ kind: 'throttle', operation: 'DescribeCluster' });
    const { eks } = sdkClients(f.running.url, 3);
    try {
      const out = await eks.send(new DescribeClusterCommand({ name: 'demo' }));
      expect(out.$metadata.attempts).toBe(2);
    } finally {
      eks.destroy();
    }
  });

  test('500 ServerException and 503 ServiceUnavailableException', async () => {
    inject({ kind: 'serverError', operation: 'DescribeCluster' });
    inject({ kind: 'serverError', status: 503, operation: 'DescribeCluster' });
    await expectServiceError(describeCluster(), ServerException, 'An internal error occurred. Try again later.', 500);
    await expectServiceError(describeCluster(), ServiceUnavailableException, 'Service is temporarily unavailable. Try again later.', 503);
    await describeCluster();
  });

  test('added latency, in real milliseconds', async () => {
    inject({ kind: 'latency', ms: 250, resource: 'cluster/demo' });
    const start = Date.now();
    await describeCluster();
    expect(Date.now() - start).toBeGreaterThanOrEqual(240);
    const again = Date.now();
    await describeCluster();
    expect(Date.now() - again).toBeLessThan(240);
  });

  test('SSM calls can be throttled too (awsJson error format)', async () => {
    inject({ kind: 'throttle', operation: 'GetParameter' });
    const e = await rejection(f.ssm.send(new GetParameterCommand({ Name: '/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/release_version' })));
    expect(e).toBeInstanceOf(SsmThrottlingException);
  });

  test('faults are validated and listed with what remains of them', () => {
    expect(() => f.running.simulator.injectFault({ kind: 'explode' } as any)).toThrow(FaultError);
    expect(() => f.running.simulator.injectFault({ kind: 'latency' } as any)).toThrow("invalid fault: latency needs 'ms'");
    expect(() => f.running.simulator.injectFault({ kind: 'throttle', count: 0 })).toThrow('count must be at least 1');
    const id = inject({ kind: 'throttle', count: 3 });
    expect(f.running.simulator.faults()).toEqual([{ kind: 'throttle', count: 3, id, remaining: 3 }]);
    f.running.simulator.clearFaults();
    expect(f.running.simulator.faults()).toEqual([]);
  });
});

describe('update faults', () => {
  const updateGeneral = (extra: object = {}) =>
    f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', ...extra }));
  const describeNgUpdate = async (updateId: string) =>
    (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', nodegroupName: 'general', updateId }))).update!;

  test('the next update on a resource ends Failed with the injected error; versions stay', async () => {
    inject({ kind: 'updateFailure', resource: 'nodegroup/demo/general', errorCode: 'PodEvictionFailure' });
    const u = (await updateGeneral()).update!;
    f.advance(420);
    expect(await describeNgUpdate(u.id!)).toMatchObject({
      status: 'Failed',
      errors: [{ errorCode: 'PodEvictionFailure', errorMessage: 'Reached max retries while trying to evict pods from nodes in node group general', resourceIds: ['general'] }],
    });
    expect((await f.eks.send(new DescribeNodegroupCommand({ clusterName: 'demo', nodegroupName: 'general' }))).nodegroup)
      .toMatchObject({ status: 'ACTIVE', releaseVersion: '1.29.10-20241213' });
    const retry = (await updateGeneral()).update!;
    f.advance(420);
    expect((await describeNgUpdate(retry.id!)).status).toBe('Successful');
  });

  test('force overrides PodEvictionFailure, which stays armed for the next unforced update', async () => {
    inject({ kind: 'updateFailure', resource: 'nodegroup/demo/general', errorCode: 'PodEvictionFailure' });
    const forced = (await updateGeneral({ force: true })).update!;
    f.advance(420);
    expect((await describeNgUpdate(forced.id!)).status).toBe('Successful');
    expect(f.running.simulator.faults()).toHaveLength(1);
  });

  test('a failed add-on update leaves the add-on UPDATE_FAILED with the error as a health issue', async () => {
    inject({ kind: 'updateFailure', resource: 'addon/demo/coredns', errorCode: 'ConfigurationConflict', errorMessage: 'Conflicts found', resourceIds: ['kube-system/coredns'] });
    await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1' }));
    f.advance(120);
    expect(await addon('coredns')).toMatchObject({
      status: 'UPDATE_FAILED',
      addonVersion: 'v1.11.1-eksbuild.4',
      health: { issues: [{ code: 'ConfigurationConflict', message: 'Conflicts found', resourceIds: ['kube-system/coredns'] }] },
    });
  });

  test('eventual consistency: for S seconds the resource still looks ACTIVE and the update is unknown', async () => {
    inject({ kind: 'eventualConsistency', seconds: 30, operation: 'UpdateAddon' });
    const u = (await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1' }))).update!;
    expect((await addon('coredns')).status).toBe('ACTIVE');
    await expectServiceError(f.eks.send(new DescribeUpdateCommand({ name: 'demo', addonName: 'coredns', updateId: u.id })),
      ResourceNotFoundException, `No update found for ID: ${u.id}`, 404);
    expect((await f.eks.send(new ListUpdatesCommand({ name: 'demo', addonName: 'coredns' }))).updateIds).toEqual([]);
    f.advance(30);
    expect((await addon('coredns')).status).toBe('UPDATING');
    expect((await f.eks.send(new DescribeUpdateCommand({ name: 'demo', addonName: 'coredns', updateId: u.id }))).update!.status).toBe('InProgress');
    f.advance(90);
    expect(await addon('coredns')).toMatchObject({ status: 'ACTIVE', addonVersion: 'v1.11.3-eksbuild.1' });
  });

  test('add-on DEGRADED after its next update, for S seconds', async () => {
    inject({ kind: 'addonDegraded', resource: 'addon/demo/coredns', seconds: 60 });
    await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1' }));
    f.advance(120);
    const degraded = await addon('coredns');
    expect(degraded).toMatchObject({ status: 'DEGRADED', addonVersion: 'v1.11.3-eksbuild.1' });
    expect(degraded.health!.issues![0]).toMatchObject({ code: 'InsufficientNumberOfReplicas', resourceIds: ['kube-system/coredns'] });
    f.advance(59);
    expect((await addon('coredns')).status).toBe('DEGRADED');
    f.advance(1);
    expect(await addon('coredns')).toMatchObject({ status: 'ACTIVE', health: { issues: [] } });
  });

  test('add-on DEGRADED without a duration lasts until faults are cleared', async () => {
    inject({ kind: 'addonDegraded', resource: 'addon/demo/kube-proxy', issues: [{ code: 'ClusterUnreachable', message: 'unreachable', resourceIds: [] }] });
    await f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'kube-proxy' }));
    f.advance(24 * 3600);
    expect(await addon('kube-proxy')).toMatchObject({ status: 'DEGRADED', health: { issues: [{ code: 'ClusterUnreachable' }] } });
    f.running.simulator.clearFaults();
    expect((await addon('kube-proxy')).status).toBe('ACTIVE');
  });
});

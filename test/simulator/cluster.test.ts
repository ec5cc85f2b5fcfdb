import {
  CancelUpdateCommand, DescribeClusterCommand, DescribeUpdateCommand, InvalidParameterException, InvalidRequestException,
  InvalidStateException, ResourceInUseException, ResourceNotFoundException, UpdateClusterVersionCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, seedWith, startFixture, type Fixture } from './sim-fixture';

let f: Fixture;
afterEach(() => f.close());

const describe1 = async () => (await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!;
const update = (version: string, extra: object = {}) => f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version, ...extra }));
const describeUpdate = async (updateId: string) => (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', updateId }))).update!;

describe('DescribeCluster', () => {
  beforeEach(async () => { f = await startFixture(); });

  test('returns the seeded cluster in the shape the SDK parses', async () => {
    const c = await describe1();
    expect(c).toMatchObject({
      name: 'demo',
      version: '1.29',
      status: 'ACTIVE',
      platformVersion: 'eks.38',
      arn: 'arn:aws:eks:us-east-1:111122223333:cluster/demo',
      computeConfig: { enabled: true },
      health: { issues: [] },
      tags: { env: 'demo' },
    });
    expect(c.createdAt).toEqual(new Date('2025-01-20T09:30:00.000Z'));
    // Served, the endpoint is the cluster's own Kubernetes API (test/simulator/kubernetes covers it).
    expect(c.endpoint).toBe(`${f.running.kubernetesUrl}/k8s/demo`);
    expect(Buffer.from(c.certificateAuthority!.data!, 'base64').toString()).toContain('BEGIN CERTIFICATE');
  });

  test('an unknown cluster is ResourceNotFoundException naming it', async () => {
    const e = await expectServiceError(f.eks.send(new DescribeClusterCommand({ name: 'nope' })),
      ResourceNotFoundException, 'No cluster found for name: nope.', 404);
    expect(e.clusterName).toBe('nope');
  });
});

const READINESS = 'Upgrade readiness issues detected. Call the EKS ListInsights API to view upgrade blocking issues detected by EKS. '
  + 'Pass the force flag to override upgrade readiness errors and proceed with upgrade.';

describe('UpdateClusterVersion', () => {
  beforeEach(async () => { f = await startFixture({ seed: readySeed() }); });

  test('runs a VersionUpdate for 600 s: UPDATING meanwhile, the version changes only on success', async () => {
    const started = (await update('1.30')).update!;
    expect(started).toMatchObject({
      status: 'InProgress',
      type: 'VersionUpdate',
      errors: [],
      params: [{ type: 'Version', value: '1.30' }, { type: 'PlatformVersion', value: 'eks.33' }],
    });
    expect(started.createdAt).toEqual(new Date(f.clock.now()));
    expect(await describe1()).toMatchObject({ status: 'UPDATING', version: '1.29' });
    f.advance(599);
    expect((await describeUpdate(started.id!)).status).toBe('InProgress');
    f.advance(1);
    expect((await describeUpdate(started.id!)).status).toBe('Successful');
    expect(await describe1()).toMatchObject({ status: 'ACTIVE', version: '1.30', platformVersion: 'eks.33' });
  });

  test('moves one minor at a time', async () => {
    await expectServiceError(update('1.31'), InvalidParameterException, 'Unsupported Kubernetes minor version update from 1.29 to 1.31', 400);
    await expectServiceError(update('1.29'), InvalidParameterException, 'Unsupported Kubernetes minor version update from 1.29 to 1.29', 400);
    await expectServiceError(update('1.28'), InvalidParameterException, 'Unsupported Kubernetes minor version update from 1.29 to 1.28', 400);
  });

  test('offers only the seeded Kubernetes versions', async () => {
    f.running.simulator.seed(seedWith((s) => { s.clusters[0].version = '1.33'; s.clusters[0].nodegroups = []; }));
    await expectServiceError(update('1.34'), InvalidParameterException, 'Unsupported Kubernetes minor version update from 1.33 to 1.34', 400);
  });

  test('a second cluster update while one runs is ResourceInUseException naming the running update', async () => {
    const first = (await update('1.30')).update!;
    const e = await expectServiceError(update('1.30'), ResourceInUseException,
      `Cannot VersionUpdate because cluster demo currently has update ${first.id} in progress`, 409);
    expect(e.clusterName).toBe('demo');
  });

  test('an ERROR upgrade insight for the target version blocks the update unless forced', async () => {
    f.running.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.30', name: 'Deprecated APIs in use' });
    await expectServiceError(update('1.30'), InvalidStateException, READINESS, 400);
    expect((await update('1.30', { force: true })).update!.status).toBe('InProgress');
  });

  test('an insight for another version, or a WARNING, does not block', async () => {
    f.running.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.31' });
    f.running.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.30', status: 'WARNING' });
    expect((await update('1.30')).update!.status).toBe('InProgress');
  });

  test('an unknown cluster is ResourceNotFoundException', async () => {
    await expectServiceError(f.eks.send(new UpdateClusterVersionCommand({ name: 'nope', version: '1.30' })),
      ResourceNotFoundException, 'No cluster found for name: nope.', 404);
  });
});

describe('version rollback and CancelUpdate', () => {
  beforeEach(async () => {
    f = await startFixture({ seed: readySeed() });
    await update('1.30');
    f.advance(600);
  });

  test('one minor down after an upgrade is a VersionRollback: nodes first (Auto Mode, cluster ACTIVE), then the control plane (UPDATING)', async () => {
    const rb = (await update('1.29', { rollbackConfig: { timeoutMinutes: 240 } })).update!;
    expect(rb).toMatchObject({ type: 'VersionRollback', status: 'InProgress', params: [{ type: 'Version', value: '1.29' }, { type: 'PlatformVersion', value: 'eks.38' }] });
    expect((await describe1()).status).toBe('ACTIVE');
    f.advance(299);
    expect((await describe1()).status).toBe('ACTIVE');
    f.advance(1);
    expect((await describe1()).status).toBe('UPDATING');
    f.advance(599);
    expect((await describeUpdate(rb.id!)).status).toBe('InProgress');
    f.advance(1);
    expect((await describeUpdate(rb.id!)).status).toBe('Successful');
    expect(await describe1()).toMatchObject({ version: '1.29', platformVersion: 'eks.38', status: 'ACTIVE' });
  });

  test('CancelUpdate during the node phase cancels the rollback asynchronously and changes no version', async () => {
    const rb = (await update('1.29')).update!;
    f.advance(120);
    const cancelling = (await f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId: rb.id! }))).update!;
    expect(cancelling).toMatchObject({ id: rb.id, status: 'InProgress', cancellation: { status: 'InProgress' } });
    f.advance(59);
    expect(await describeUpdate(rb.id!)).toMatchObject({ status: 'InProgress', cancellation: { status: 'InProgress' } });
    f.advance(1);
    const cancelled = await describeUpdate(rb.id!);
    expect(cancelled).toMatchObject({ status: 'Cancelled', cancellation: { status: 'Successful' } });
    expect(cancelled.cancellation!.reason).toMatch(/cancelled/i);
    f.advance(3600);
    expect((await describeUpdate(rb.id!)).status).toBe('Cancelled');
    expect(await describe1()).toMatchObject({ version: '1.30', status: 'ACTIVE' });
  });

  test('CancelUpdate fails once the control plane rollback began', async () => {
    const rb = (await update('1.29')).update!;
    f.advance(300);
    await expectServiceError(f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId: rb.id! })), InvalidRequestException,
      `Update ${rb.id} cannot be cancelled because the control plane rollback has already begun.`, 400);
    expect((await describeUpdate(rb.id!)).status).toBe('InProgress');
  });

  test('CancelUpdate refuses other update types, finished updates and unknown ids', async () => {
    // An AMI-only update of a node group: a VersionUpdate that is not a rollback.
    const upgrade = (await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', version: '1.29' }))).update!;
    await expectServiceError(f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId: upgrade.id! })), InvalidRequestException,
      `Update ${upgrade.id} of type VersionUpdate cannot be cancelled: only VersionRollback updates of EKS Auto Mode clusters can be cancelled.`, 400);
    f.advance(600);
    const rb = (await update('1.29')).update!;
    f.advance(900);
    await expectServiceError(f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId: rb.id! })), InvalidRequestException,
      `Update ${rb.id} cannot be cancelled because its status is Successful.`, 400);
    await expectServiceError(f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId: 'no-such-id' })), ResourceNotFoundException,
      'No update found for ID: no-such-id', 404);
  });

  test('without Auto Mode a rollback has no node phase and cannot be cancelled', async () => {
    const seed = f.running.simulator.state();
    seed.clusters[0].autoMode = false;
    f.running.simulator.seed(seed);
    const rb = (await update('1.29')).update!;
    await expectServiceError(f.eks.send(new CancelUpdateCommand({ name: 'demo', updateId: rb.id! })), InvalidRequestException, /cannot be cancelled/, 400);
    f.advance(600);
    expect((await describeUpdate(rb.id!)).status).toBe('Successful');
  });

  test('rollback only returns to the version upgraded from, within 7 days', async () => {
    f.advance(7 * 24 * 3600 + 1);
    await expectServiceError(update('1.29'), InvalidRequestException, /cannot be rolled back to 1\.29/, 400);
  });

  test('rollbackConfig.timeoutMinutes must be 120–10080', async () => {
    await expectServiceError(update('1.29', { rollbackConfig: { timeoutMinutes: 60 } }), InvalidParameterException,
      'rollbackConfig.timeoutMinutes must be between 120 and 10080, got 60', 400);
  });

  test('an ERROR rollback-readiness insight blocks a rollback unless forced', async () => {
    f.running.simulator.injectFault({ kind: 'insight', kubernetesVersion: '1.29', category: 'ROLLBACK_READINESS' });
    await expectServiceError(update('1.29'), InvalidStateException,
      'Rollback readiness issues detected. Call the EKS ListInsights API to view rollback blocking issues detected by EKS. '
      + 'Pass the force flag to override rollback readiness errors and proceed with rollback.', 400);
    expect((await update('1.29', { force: true })).update!.type).toBe('VersionRollback');
  });
});

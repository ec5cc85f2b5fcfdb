import { responseProblems, valueProblems, type WireSample } from './service-model/conformance';
import { conformanceSeed } from './service-model/conformance-seed';
import { loadEksModel, type StructureShape } from './service-model/eks-model';
import { readProblems, recordingTransport, type RequestRead } from './service-model/request-reads';
import { runScenario, type SimControls, type Surprise } from './service-model/scenario';
import { routingProblems, servedOperations } from './service-model/served-operations';
import { builtErrorProblems, builtErrors } from './service-model/simulator-errors';
import { httpTransport, WireClient } from './service-model/wire-client';
import { startSimulator, Simulator, VirtualClock, type RunningSimulator } from '../../src/simulator';

/**
 * Wire conformance: every response the simulator sends, read raw off the socket, against the EKS service
 * model that ships inside @aws-sdk/client-eks (see service-model/eks-model.ts for which files and formats).
 */
const model = loadEksModel();
const served = servedOperations(model);

function controls(sim: Simulator, clock: VirtualClock): SimControls {
  return {
    advance: (seconds) => clock.advance(seconds * 1000),
    injectFault: (fault) => { sim.injectFault(fault); },
    clearFaults: () => sim.clearFaults(),
  };
}

describe('the model, as read from the installed SDK', () => {
  test('has the operations, bindings, enums and error shapes the simulator speaks', () => {
    const describeUpdate = model.operations.get('DescribeUpdate')!;
    expect([describeUpdate.method, describeUpdate.uri, describeUpdate.status]).toEqual(['GET', '/clusters/{name}/updates/{updateId}', 200]);
    expect(describeUpdate.input.required).toEqual(['name', 'updateId']);
    expect(describeUpdate.input.members.nodegroupName.binding).toEqual({ location: 'query', name: 'nodegroupName' });
    const update = (describeUpdate.output.members.update.shape as StructureShape);
    expect(update.members.status.shape).toMatchObject({ kind: 'string', enumName: 'UpdateStatus' });
    expect(update.members.createdAt.shape.kind).toBe('timestamp');
    expect(model.operations.get('UpdateClusterVersion')!.errors).toEqual(expect.arrayContaining(['InvalidParameterException', 'ResourceInUseException']));
    expect(model.errors.get('ResourceInUseException')).toMatchObject({ status: 409, fault: 'client' });
    expect(Object.keys(model.errors.get('ResourceNotFoundException')!.shape.members)).toEqual(expect.arrayContaining(['clusterName', 'nodegroupName', 'addonName', 'message']));
  });

  test('the validator refuses what the model forbids', () => {
    const update = model.operations.get('DescribeUpdate')!.output;
    const good = { update: { id: 'u', status: 'InProgress', type: 'VersionUpdate', params: [{ type: 'Version', value: '1.30' }], createdAt: 1.5, errors: [] } };
    expect(valueProblems(good, update, 'r')).toEqual([]);
    const bad = (patch: object) => valueProblems({ update: { ...good.update, ...patch } }, update, 'r');
    expect(bad({ extra: 1 })).toEqual([expect.stringContaining('r.update.extra: Update has no member extra')]);
    expect(bad({ status: 'Cancelling' })).toEqual([expect.stringContaining('is not a UpdateStatus')]);
    expect(bad({ createdAt: '2025-06-02T00:00:00Z' })).toEqual([expect.stringContaining('a timestamp is epoch seconds')]);
    expect(bad({ params: [{ type: 'KubernetesVersion', value: '1.30' }] })).toEqual([expect.stringContaining('is not a UpdateParamType')]);
    expect(bad({ errors: null })).toEqual([expect.stringContaining('null')]);
    const updateClusterVersion = model.operations.get('UpdateClusterVersion')!.input;
    expect(valueProblems({ version: '1.30' }, updateClusterVersion, 'in')).toEqual([]); // the name label is no body member
    expect(valueProblems({}, updateClusterVersion, 'in')).toEqual([expect.stringContaining('in.version: required')]);
    expect(valueProblems({ version: '1.29', rollbackConfig: { timeoutMinutes: '720' } }, updateClusterVersion, 'in'))
      .toEqual([expect.stringContaining('the model says number')]);
  });

  test('the error checks refuse an undeclared type, a wrong status and an unknown member', () => {
    const sample = (status: number, type: string, body: object): WireSample => ({
      operation: 'DescribeCluster',
      label: 'unit',
      request: { method: 'GET', path: '/clusters/x', query: [] },
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
      body: JSON.stringify(body),
    });
    expect(responseProblems(model, sample(404, 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/', { message: 'No cluster found for name: x.', clusterName: 'x' }))).toEqual([]);
    expect(responseProblems(model, sample(400, 'InvalidRequestException', { message: 'm' }))).toEqual([expect.stringContaining('DescribeCluster does not declare InvalidRequestException')]);
    expect(responseProblems(model, sample(400, 'ResourceNotFoundException', { message: 'm' }))).toEqual([expect.stringContaining('httpError trait is 404')]);
    expect(responseProblems(model, sample(404, 'ResourceNotFoundException', { message: 'm', updateId: 'u' }))).toEqual([expect.stringContaining('has no member updateId')]);
    expect(responseProblems(model, sample(429, 'ThrottlingException', { message: 'Rate exceeded', nodegroupName: 'n' }))).toEqual([expect.stringContaining('has no member nodegroupName')]);
  });
});

describe('every error the simulator can build', () => {
  const built = builtErrors();

  test('is an EKS error shape, with the status of its httpError trait and only the members the shape has', () => {
    expect(built.length).toBeGreaterThan(20);
    expect(built.flatMap((b) => builtErrorProblems(model, b))).toEqual([]);
  });
});

describe('routing', () => {
  test('routes.ts serves each operation at the model\'s method and URI, with its label names', () => {
    expect(routingProblems(model)).toEqual([]);
    expect(served.map((op) => op.name)).toEqual(expect.arrayContaining(['DescribeCluster', 'UpdateClusterVersion', 'DescribeUpdate']));
  });
});

describe('every simulator response matches the model (raw HTTP)', () => {
  let running: RunningSimulator;
  let client: WireClient;
  let surprises: Surprise[];

  beforeAll(async () => {
    const clock = new VirtualClock();
    const seed = conformanceSeed();
    running = await startSimulator({ clock, seed });
    client = new WireClient(model, httpTransport(running.url));
    surprises = await runScenario(client, served, controls(running.simulator, clock), seed.clusters.map((c) => c.name));
  });
  afterAll(() => running.close());

  const samplesOf = (operation: string) => client.samples.filter((s) => s.operation === operation);

  test.each(served.map((op) => op.name))('%s', (operation) => {
    const problems = samplesOf(operation).flatMap((s) => responseProblems(model, s).map((p) => `${s.label} → HTTP ${s.status}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('every served operation has a validated success and a validated error', () => {
    const uncovered = served.flatMap((op) => {
      const statuses = samplesOf(op.name).map((s) => s.status);
      return [
        ...(statuses.some((s) => s < 300) ? [] : [`${op.name}: no successful sample — add one to service-model/scenario.ts`]),
        ...(statuses.some((s) => s >= 400) ? [] : [`${op.name}: no error sample`]),
      ];
    });
    expect(uncovered).toEqual([]);
  });

  test('each step provoked what it aims at', () => {
    expect(surprises).toEqual([]);
  });

  test('the samples span the wire vocabulary: update life, resource statuses, error types', () => {
    const bodies = client.samples.map((s) => s.body).join('\n');
    const seen = (field: string) => new Set([...bodies.matchAll(new RegExp(`"${field}":"(\\w+)"`, 'g'))].map((m) => m[1]));
    expect([...seen('status')]).toEqual(expect.arrayContaining(['InProgress', 'Successful', 'Failed', 'Cancelled', 'ACTIVE', 'UPDATING', 'DEGRADED', 'WARNING', 'PASSING', 'ERROR', 'UNKNOWN']));
    expect([...seen('amiType')]).toEqual(expect.arrayContaining(['AL2023_x86_64_STANDARD', 'AL2023_ARM_64_STANDARD', 'AL2_x86_64', 'CUSTOM', 'BOTTLEROCKET_x86_64', 'WINDOWS_CORE_2022_x86_64']));
    expect([...seen('errorCode')]).toContain('NodeCreationFailure');
    expect([...seen('type')]).toEqual(expect.arrayContaining(['VersionUpdate', 'VersionRollback', 'ConfigUpdate', 'AddonUpdate']));
    const errorTypes = new Set(client.samples.map((s) => s.headers['x-amzn-errortype']).filter(Boolean));
    expect([...errorTypes]).toEqual(expect.arrayContaining([
      'ResourceNotFoundException', 'InvalidParameterException', 'InvalidRequestException', 'InvalidStateException',
      'ResourceInUseException', 'ThrottlingException', 'ServerException', 'ServiceUnavailableException',
    ]));
  });
});

describe('the request side', () => {
  test('a read outside the model, or in the wrong place, is a problem', () => {
    const read = (operation: string, location: 'body' | 'query', path: string): RequestRead => ({ operation, location, path });
    expect(readProblems(model, [
      read('UpdateAddon', 'body', 'podIdentityAssociations[].roleArn'),
      read('ListInsights', 'body', 'filter.statuses[]'),
      read('DescribeAddonVersions', 'query', 'types[]'),
      read('DescribeCluster', 'query', 'nodegroupName'), // the call log's resource attribution
    ])).toEqual([]);
    expect(readProblems(model, [
      read('UpdateNodegroupVersion', 'body', 'kubernetesVersion'),
      read('UpdateNodegroupConfig', 'body', 'updateConfig.maxSurge'),
      read('ListUpdates', 'body', 'maxResults'),
      read('ListInsights', 'query', 'maxResults'),
    ])).toEqual([
      expect.stringContaining('UpdateNodegroupVersionRequest has no member kubernetesVersion'),
      expect.stringContaining('NodegroupUpdateConfig has no member maxSurge'),
      expect.stringContaining('binds maxResults to the query'),
      expect.stringContaining('ListInsights reads query parameter maxResults'),
    ]);
  });

  test('the simulator reads only request members the model defines, where the model binds them', async () => {
    const clock = new VirtualClock();
    const seed = conformanceSeed();
    const simulator = new Simulator({ clock, seed });
    const reads: RequestRead[] = [];
    await runScenario(new WireClient(model, recordingTransport(simulator, reads)), served, controls(simulator, clock), seed.clusters.map((c) => c.name));
    // The recorder must see what the simulator certainly reads, or this test proves nothing.
    const saw = (operation: string, location: string, path: string) => reads.some((r) => r.operation === operation && r.location === location && r.path === path);
    expect([saw('UpdateClusterVersion', 'body', 'version'), saw('ListUpdates', 'query', 'maxResults'), saw('UpdateNodegroupConfig', 'body', 'updateConfig.maxUnavailable')])
      .toEqual([true, true, true]);
    expect(readProblems(model, reads)).toEqual([]);
  });
});

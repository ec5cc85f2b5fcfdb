/**
 * The Lambda handler against an in-process simulator over HTTP: events shaped as aws_lambda_invocation
 * (lifecycle_scope CRUD) sends them, endpoints and credentials from the environment as in a real function.
 */
import { EksApi } from '../../src/aws/eks-api';
import { planSteps } from '../../src/engine/plan-types';
import { planOnly } from '../../src/engine/upgrade';
import { InterruptedError } from '../../src/errors/run-errors';
import { DEADLINE_MARGIN_ENV_VAR } from '../../src/lambda/deadline';
import { handler, LambdaRunResult } from '../../src/lambda/handler';
import { defaultSeed, RunningSimulator, SimSeed, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

const ENV_KEYS = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'EKS_UPGRADE_TIME_SCALE', DEADLINE_MARGIN_ENV_VAR];
const savedEnv: Record<string, string | undefined> = {};
let sim: RunningSimulator;
let logs: string[];

async function start(timeScale: number, seed?: SimSeed): Promise<void> {
  sim = await startSimulator({ timeScale, ...(seed ? { seed } : {}) });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_EKS: sim.url,
    AWS_ENDPOINT_URL_SSM: sim.url,
    AWS_ENDPOINT_URL_EC2: sim.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    EKS_UPGRADE_TIME_SCALE: String(timeScale),
  });
}

beforeEach(() => {
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => {
    logs.push(line);
  });
});
afterEach(async () => {
  jest.restoreAllMocks();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await sim?.close();
});

/** The demo cluster's spec as the runner synthesizes it (JSON, as Terraform's jsonencode renders it). */
function spec(version: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return demoSpecJson(version, { region: 'us-east-1', ...overrides });
}

const event = (action: 'create' | 'update' | 'delete', input: Record<string, unknown>, prev: Record<string, unknown> | null = null) => ({
  ...input,
  tf: { action, prev_input: prev },
});

/** A Lambda context with plenty of time, or whose remaining time is `remaining()` milliseconds. */
const context = (remaining: () => number = () => 15 * 60_000) => ({ getRemainingTimeInMillis: remaining });

const calls = () => sim.simulator.calls();
const created = () => calls().filter((c) => c.createdUpdate);
const mutating = () => calls().filter((c) => c.mutating);

describe('Lambda handler', () => {
  test('create converges the cluster and returns the run as the result', async () => {
    await start(2000);
    const result = await handler(event('create', spec('1.30')), context());
    expect(result).toMatchObject({ action: 'create', converged: true, outcome: 'converged', diff: null });
    expect(result.steps.length).toBeGreaterThan(0);
    expect(result.steps.every((s) => s.outcome === 'Successful' && /^\w[\w-]*$/.test(s.updateId ?? ''))).toBe(true);
    expect(result.steps.filter((s) => s.action === 'cluster-version').map((s) => s.target)).toEqual(['1.29 → 1.30']);
    expect(created()).toHaveLength(result.steps.length);
    expect(result.apiCalls.UpdateClusterVersion).toBe(1);
    // CP-NETWORK: the subnets and security groups were read through the simulator's EC2 (AWS_ENDPOINT_URL_EC2).
    expect(result.apiCalls).toMatchObject({ DescribeSubnets: 1, DescribeSecurityGroups: 1 });
    // The result is what aws_lambda_invocation stores: plain JSON.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(logs.some((l) => /Summary for cluster demo: converged/.test(l))).toBe(true);
  });

  test('update with one changed target issues only that update and reports the diff', async () => {
    await start(2000);
    const before = spec('1.30');
    await handler(event('create', before), context());
    sim.simulator.clearCalls();
    const after = spec('1.30', {
      nodegroups: [
        { name: 'general', releaseVersion: 'latest', updateConfig: { maxUnavailable: 3 } },
        { name: 'batch', launchTemplate: { name: 'demo-batch-lt', version: '2' } },
      ],
    });
    const result = await handler(event('update', after, before), context());
    expect(result.diff).toEqual(['nodegroups[general].updateConfig.maxUnavailable']);
    expect(result.converged).toBe(true);
    expect(result.steps.map((s) => [s.resource, s.action, s.outcome])).toEqual([['nodegroup/general', 'nodegroup-config', 'Successful']]);
    expect(created().map((c) => [c.operation, c.resource])).toEqual([['UpdateNodegroupConfig', 'nodegroup/demo/general']]);
  });

  test('update with an unchanged spec makes no mutating call', async () => {
    await start(2000);
    await handler(event('create', spec('1.30')), context());
    sim.simulator.clearCalls();
    const result = await handler(event('update', spec('1.30'), spec('1.30')), context());
    expect(result).toMatchObject({ converged: true, steps: [], diff: [] });
    expect(mutating()).toEqual([]);
  });

  test('delete is a logged no-op: no EKS call at all', async () => {
    await start(2000);
    const result = await handler(event('delete', spec('1.31'), spec('1.31')), context());
    expect(result).toEqual<LambdaRunResult>({
      action: 'delete',
      converged: false,
      outcome: 'skipped',
      steps: [],
      attached: [],
      warnings: [],
      apiCalls: {},
      diff: [],
      message: expect.stringMatching(/EKS cannot roll a cluster back/),
    });
    expect(calls()).toEqual([]);
    expect(logs.some((l) => /^delete: nothing to do/.test(l))).toBe(true);
  });

  test('errors fail the invocation with the engine\'s message: a bad spec, a spec field the engine refuses', async () => {
    await start(2000);
    await expect(handler(event('create', spec('1.30', { specVersion: 2 })), context())).rejects.toThrow(/specVersion: 2 is not supported/);
    await expect(handler(event('create', spec('1.30', { nodegroups: [{ name: 'nope' }] })), context())).rejects.toThrow(/node group 'nope' does not exist/);
    await expect(handler({ ...spec('1.30'), tf: { action: 'replace' } }, context())).rejects.toThrow(/tf\.action must be one of create, update, delete/);
    expect(mutating()).toEqual([]);
  });

  test('CP-NETWORK: a subnet short of free addresses fails the invocation before any change, naming it', async () => {
    const seed = defaultSeed();
    seed.vpcs = [{ vpcId: 'vpc-0a', subnets: [{ subnetId: 'subnet-0full', availableIpAddressCount: 4 }], securityGroups: [] }];
    seed.clusters[0].resourcesVpcConfig = { subnetIds: ['subnet-0full'], securityGroupIds: [] };
    await start(2000, seed);
    await expect(handler(event('create', spec('1.30')), context())).rejects.toThrow(/\[CP-NETWORK\] controlPlane\.version: the cluster's subnets have 4 free IP address\(es\) in all \(subnet-0full has 4\)/);
    expect(mutating()).toEqual([]);
  });

  test('a failed update fails the invocation with EKS\'s error', async () => {
    await start(2000);
    sim.simulator.injectFault({ kind: 'updateFailure', resource: 'nodegroup/demo/general', errorCode: 'PodEvictionFailure', errorMessage: 'Reached max retries while trying to evict pods' });
    await expect(handler(event('create', spec('1.30')), context())).rejects.toThrow(/nodegroup\/general: .*ended Failed[\s\S]*PodEvictionFailure/);
  });

  test('near the deadline it stops, names the running update and says the next apply resumes; the next invocation attaches and converges', async () => {
    // Slow enough that the control-plane update (10 simulated minutes) runs for about 1.5 s of real time.
    await start(400);
    process.env[DEADLINE_MARGIN_ENV_VAR] = '60000';
    const planned = await plannedSteps(spec('1.30'));
    // Plenty of time until the control-plane update has started, then less than the margin.
    const clusterUpdateStarted = () => calls().some((c) => c.operation === 'UpdateClusterVersion' && c.createdUpdate);
    const first = handler(event('create', spec('1.30')), context(() => (clusterUpdateStarted() ? 59_000 : 15 * 60_000)));
    const error = await first.catch((e: Error) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    const updateId = calls().find((c) => c.operation === 'UpdateClusterVersion' && c.createdUpdate)!.updateId!;
    const message = (error as Error).message;
    expect(message).toContain(`cluster/demo: update ${updateId} (cluster-version 1.29 → 1.30)`);
    expect(message).toMatch(/stopped waiting 60s before the Lambda function's deadline/);
    expect(message).toMatch(/next terraform apply resumes the upgrade: it attaches to this update/);
    expect(logs.some((l) => /Summary for cluster demo: timed out/.test(l))).toBe(true);
    // EKS keeps going without the function.
    expect((await describeUpdateStatus(updateId))).toBe('InProgress');

    // Terraform saved nothing for the failed create, so the next apply creates again.
    const second = await handler(event('create', spec('1.30')), context());
    expect(second.converged).toBe(true);
    expect(second.attached).toEqual([{ resource: 'cluster/demo', updateId, outcome: 'Successful' }]);
    const clusterUpdates = created().filter((c) => c.operation === 'UpdateClusterVersion');
    expect(clusterUpdates).toHaveLength(1);
    // Over both invocations, exactly the updates one uninterrupted run makes: none was started twice.
    expect(created()).toHaveLength(planned);
  });
});

async function describeUpdateStatus(updateId: string): Promise<string | undefined> {
  const api = new EksApi('demo', { region: 'us-east-1' });
  try {
    return (await api.describeUpdate(updateId)).status;
  } finally {
    api.destroy();
  }
}

async function plannedSteps(input: Record<string, unknown>): Promise<number> {
  const api = new EksApi('demo', { region: 'us-east-1' });
  try {
    return planSteps((await planOnly({ spec: parseSpec(input), api })).plan).length;
  } finally {
    api.destroy();
  }
}

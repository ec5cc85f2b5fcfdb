/**
 * A runner that assumes a role: the real SDK credential provider calls the simulator's STS AssumeRole, and every EKS
 * call is then signed with the temporary keys, which the simulator's call log traces back to the assumed role.
 */
import { defaultSessionName, EksApi } from '../../src/aws/eks-api';
import { EndpointUnreachableError, InputError } from '../../src/errors/run-errors';
import { RunningSimulator, startSimulator } from '../../src/simulator';
import type { AssumeRoleSpec } from '../../src/upgrade-spec/upgrade-spec';

const BASE = { accessKeyId: 'AKIDPIPELINE00000001', secretAccessKey: 'pipeline-secret' };
const ROLE = 'arn:aws:iam::111122223333:role/eks-upgrade';
let sim: RunningSimulator;
const apis: EksApi[] = [];

beforeEach(async () => { sim = await startSimulator(); });
afterEach(async () => {
  apis.splice(0).forEach((a) => a.destroy());
  await sim.close();
});

function api(clusterName: string, assumeRole?: AssumeRoleSpec): EksApi {
  const a = new EksApi(clusterName, {
    region: 'eu-west-1', credentials: BASE, endpoints: { eks: sim.url, ssm: sim.url, sts: sim.url }, ...(assumeRole ? { assumeRole } : {}),
  });
  apis.push(a);
  return a;
}

test('every EKS and SSM call is made as the assumed role, after a single AssumeRole made with the base credentials', async () => {
  const eks = api('demo', { roleArn: ROLE, externalId: 'prod-upgrades' });
  await eks.describeCluster();
  await eks.getParameter('/aws/service/eks/optimized-ami/1.29/amazon-linux-2023/x86_64/standard/recommended/release_version');
  await Promise.all([eks.listNodegroups(), eks.describeNodegroup('general'), eks.getParameter('/no/such/parameter')]);
  const calls = sim.simulator.calls();
  const assumed = 'arn:aws:sts::111122223333:assumed-role/eks-upgrade/eks-upgrade-demo';
  expect(calls.slice(0, 3).map((c) => [c.operation, c.identity])).toEqual([
    ['AssumeRole', BASE.accessKeyId],
    ['DescribeCluster', assumed],
    ['GetParameter', assumed],
  ]);
  // The three made at once arrive in any order.
  expect(calls.slice(3).map((c) => `${c.operation} ${c.identity}`).sort()).toEqual([
    `DescribeNodegroup ${assumed}`, `GetParameter ${assumed}`, `ListNodegroups ${assumed}`,
  ]);
  expect(calls[0].resource).toBe(ROLE);
});

test('an STS endpoint that does not answer is named, not mistaken for EKS', async () => {
  const a = new EksApi('demo', { region: 'eu-west-1', credentials: BASE, endpoints: { eks: sim.url, ssm: sim.url, sts: 'http://127.0.0.1:9' }, assumeRole: { roleArn: ROLE }, maxAttempts: 1 });
  apis.push(a);
  const error = await a.describeCluster().then(() => undefined, (e) => e);
  expect(error).toBeInstanceOf(EndpointUnreachableError);
  expect(error.message).toBe(`cannot reach the STS endpoint http://127.0.0.1:9 (ECONNREFUSED) to assume ${ROLE}; start the simulator there or fix AWS_ENDPOINT_URL_STS`);
  expect(sim.simulator.calls()).toEqual([]);
});

test('two clusters through two roles: each call is traced to its own role and session', async () => {
  await api('demo', { roleArn: 'arn:aws:iam::111111111111:role/staging-upgrader' }).describeCluster();
  await api('legacy', { roleArn: 'arn:aws:iam::222222222222:role/prod-upgrader', sessionName: 'change-42' }).describeCluster();
  const eksCalls = sim.simulator.calls().filter((c) => c.operation === 'DescribeCluster');
  expect(eksCalls.map((c) => [c.resource, c.identity])).toEqual([
    ['cluster/demo', 'arn:aws:sts::111111111111:assumed-role/staging-upgrader/eks-upgrade-demo'],
    ['cluster/legacy', 'arn:aws:sts::222222222222:assumed-role/prod-upgrader/change-42'],
  ]);
});

test('without assumeRole the calls are signed by the base credentials and STS is never called', async () => {
  await api('demo').describeCluster();
  expect(sim.simulator.calls().map((c) => [c.operation, c.identity])).toEqual([['DescribeCluster', BASE.accessKeyId]]);
});

test('STS refusing the role is one InputError naming the role and the fix, before any EKS call', async () => {
  const eks = api('demo', { roleArn: ROLE, sessionName: 'not valid' });
  const error = await eks.describeCluster().then(() => undefined, (e) => e);
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toMatch(/^STS refused to let the runner assume arn:aws:iam::111122223333:role\/eks-upgrade \(ValidationError: .*roleSessionName.*\): check that the role exists and that its trust policy allows the runner's own identity/);
  expect(sim.simulator.calls().filter((c) => c.operation !== 'AssumeRole')).toEqual([]);
});

test('the default session name names the cluster, within STS limits', () => {
  expect(defaultSessionName('prod')).toBe('eks-upgrade-prod');
  expect(defaultSessionName('a'.repeat(100))).toHaveLength(64);
  expect(defaultSessionName('a'.repeat(100))).toMatch(/^[\w+=,.@-]{2,64}$/);
});

test('the role is assumed again only within 5 minutes of its credentials expiring, once for both clients', async () => {
  const eks = api('demo', { roleArn: ROLE });
  const assumeRoles = () => sim.simulator.calls().filter((c) => c.operation === 'AssumeRole').length;
  const start = Date.now();
  const now = jest.spyOn(Date, 'now');
  try {
    await eks.describeCluster();
    // The simulator's credentials last STS's default hour; 50 minutes in they are still used as they are.
    now.mockReturnValue(start + 50 * 60_000);
    await Promise.all([eks.describeCluster(), eks.getParameter('/no/such/parameter')]);
    expect(assumeRoles()).toBe(1);
    // 56 minutes in they are renewed, once for the EKS and the SSM client together, and the new ones are reused.
    now.mockReturnValue(start + 56 * 60_000);
    await Promise.all([eks.describeCluster(), eks.getParameter('/no/such/parameter')]);
    await eks.describeCluster();
    expect(assumeRoles()).toBe(2);
  } finally {
    now.mockRestore();
  }
});

test('no base credentials to assume the role with is one InputError naming the role and where credentials come from', async () => {
  const saved = { ...process.env };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[name];
  Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' });
  try {
    const a = new EksApi('demo', { region: 'eu-west-1', endpoints: { eks: sim.url, ssm: sim.url, sts: sim.url }, assumeRole: { roleArn: ROLE }, maxAttempts: 1 });
    apis.push(a);
    const error = await a.describeCluster().then(() => undefined, (e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`no AWS credentials to assume ${ROLE} with: set AWS_PROFILE to a configured profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; they need sts:AssumeRole on that role`);
    expect(sim.simulator.calls()).toEqual([]);
  } finally {
    process.env = saved;
  }
});

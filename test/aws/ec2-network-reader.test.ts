/**
 * CP-NETWORK's EC2 reads (src/aws/ec2-network-reader.ts): against the simulator's EC2 on its one HTTP endpoint, as the
 * EKS client's identity (an assumed role included); and, through a scripted handler, what a refused, unanswered,
 * throttled or failing read becomes.
 */
import { ec2Error, groupsAnswer, scriptedHandler, ScriptedAnswer, subnetsAnswer } from './fixtures/ec2-answers';
import { readNetwork } from '../../src/aws/cluster-network';
import { EksApi, EksApiOptions } from '../../src/aws/eks-api';
import { defaultSeed, RunningSimulator, startSimulator } from '../../src/simulator';

const CREDENTIALS = { accessKeyId: 'AKIDRUNNER0000000001', secretAccessKey: 'runner-secret' };
const apis: EksApi[] = [];
afterEach(() => apis.splice(0).forEach((a) => a.destroy()));

function api(options: EksApiOptions): EksApi {
  const a = new EksApi('demo', { region: 'us-east-1', credentials: CREDENTIALS, network: 'ec2', ...options });
  apis.push(a);
  return a;
}

describe('against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    const seed = defaultSeed();
    seed.vpcs = [{
      vpcId: 'vpc-0a',
      subnets: [{ subnetId: 'subnet-0small', availableIpAddressCount: 3 }, { subnetId: 'subnet-0big', availableIpAddressCount: 250 }],
      securityGroups: [{ groupId: 'sg-0a' }, { groupId: 'sg-0b' }],
    }];
    sim = await startSimulator({ seed });
  });
  afterAll(async () => sim.close());
  beforeEach(() => sim.simulator.clearCalls());

  test('reads each subnet\'s free addresses and the security groups, as the EKS client\'s identity, counted once per call', async () => {
    const a = api({ endpoints: { eks: sim.url, ec2: sim.url } });
    expect(await a.network!.subnets(['subnet-0small', 'subnet-0big'])).toEqual({
      found: [{ id: 'subnet-0small', availableIpAddressCount: 3 }, { id: 'subnet-0big', availableIpAddressCount: 250 }],
      missing: [],
    });
    // One id: EC2 answers a single <item>, which is still a list of one.
    expect(await a.network!.securityGroups(['sg-0b'])).toEqual({ found: ['sg-0b'], missing: [] });
    expect(sim.simulator.calls().map((c) => [c.operation, c.identity, c.mutating])).toEqual([
      ['DescribeSubnets', CREDENTIALS.accessKeyId, false],
      ['DescribeSecurityGroups', CREDENTIALS.accessKeyId, false],
    ]);
    expect(a.callCounts()).toEqual({ DescribeSecurityGroups: 1, DescribeSubnets: 1 });
  });

  test('ids EC2 does not know are missing, the others found: the failed call is asked again id by id', async () => {
    const a = api({ endpoints: { eks: sim.url, ec2: sim.url } });
    expect(await a.network!.subnets(['subnet-0gone', 'subnet-0big', 'subnet-0lost'])).toEqual({
      found: [{ id: 'subnet-0big', availableIpAddressCount: 250 }],
      missing: ['subnet-0gone', 'subnet-0lost'],
    });
    expect(await a.network!.securityGroups(['sg-0gone'])).toEqual({ found: [], missing: ['sg-0gone'] });
    expect(a.callCounts()).toEqual({ DescribeSecurityGroups: 1, DescribeSubnets: 4 });
  });

  test('AWS_ENDPOINT_URL_EC2 reaches it, and AWS_ENDPOINT_URL when that is not set', async () => {
    const saved = { ec2: process.env.AWS_ENDPOINT_URL_EC2, all: process.env.AWS_ENDPOINT_URL };
    try {
      process.env.AWS_ENDPOINT_URL_EC2 = sim.url;
      process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
      expect((await api({ endpoints: { eks: sim.url } }).network!.securityGroups(['sg-0a'])).found).toEqual(['sg-0a']);
      delete process.env.AWS_ENDPOINT_URL_EC2;
      process.env.AWS_ENDPOINT_URL = sim.url;
      expect((await api({}).network!.securityGroups(['sg-0a'])).found).toEqual(['sg-0a']);
    } finally {
      restore('AWS_ENDPOINT_URL_EC2', saved.ec2);
      restore('AWS_ENDPOINT_URL', saved.all);
    }
  });

  test('with an assumed role, the reads are made as that role, like the EKS calls', async () => {
    const a = api({ endpoints: { eks: sim.url, ec2: sim.url, sts: sim.url }, assumeRole: { roleArn: 'arn:aws:iam::111122223333:role/eks-upgrade' } });
    await a.describeCluster();
    await a.network!.subnets(['subnet-0big']);
    const assumed = 'arn:aws:sts::111122223333:assumed-role/eks-upgrade/eks-upgrade-demo';
    expect(sim.simulator.calls().map((c) => [c.operation, c.identity])).toEqual([
      ['AssumeRole', CREDENTIALS.accessKeyId], ['DescribeCluster', assumed], ['DescribeSubnets', assumed],
    ]);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** An EksApi whose HTTP handler answers EC2 from a script. */
function scripted(answer: (action: string, n: number) => ScriptedAnswer, maxAttempts = 3) {
  const handler = scriptedHandler((request, n) => answer(new URLSearchParams(request.body).get('Action')!, n));
  return { handler, api: api({ endpoints: { ec2: 'https://ec2.example.test' }, requestHandler: handler, maxAttempts }) };
}

describe('what a read that fails becomes', () => {
  test('UnauthorizedOperation on one read, AccessDenied on the other: each noted, naming the IAM action to grant', async () => {
    const { api: a } = scripted((action) => (action === 'DescribeSubnets' ? ec2Error(403, 'UnauthorizedOperation') : ec2Error(403, 'AccessDenied')));
    expect(await readNetwork(a.network, ['subnet-1'], ['sg-1'])).toEqual({
      subnets: [],
      missingSubnets: [],
      missingSecurityGroups: [],
      unread: {
        subnets: 'EC2 refused DescribeSubnets (UnauthorizedOperation): grant ec2:DescribeSubnets to the identity the run uses (docs/iam.md)',
        securityGroups: 'EC2 refused DescribeSecurityGroups (AccessDenied): grant ec2:DescribeSecurityGroups to the identity the run uses (docs/iam.md)',
      },
    });
  });

  test('a refused security-group read leaves the subnets read and checked', async () => {
    const { api: a } = scripted((action) => (action === 'DescribeSubnets' ? subnetsAnswer([['subnet-1', 2]]) : ec2Error(403, 'UnauthorizedOperation')));
    const facts = await readNetwork(a.network, ['subnet-1'], ['sg-1']);
    expect(facts.subnets).toEqual([{ id: 'subnet-1', availableIpAddressCount: 2 }]);
    expect(facts.unread).toEqual({ securityGroups: expect.stringMatching(/grant ec2:DescribeSecurityGroups/) });
  });

  test('credentials EC2 does not accept: noted, naming the endpoint', async () => {
    const { api: a } = scripted(() => ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials'));
    const facts = await readNetwork(a.network, ['subnet-1'], []);
    expect(facts.unread?.subnets).toMatch(/^EC2 at https:\/\/ec2\.example\.test did not accept the credentials for DescribeSubnets \(AuthFailure: AWS was not able/);
  });

  test('an endpoint that does not answer: one note for both reads, naming the URL and the variable that set it', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_EC2;
    try {
      process.env.AWS_ENDPOINT_URL_EC2 = 'http://127.0.0.1:9';
      const a = api({});
      const facts = await readNetwork(a.network, ['subnet-1'], ['sg-1']);
      const why = 'EC2 at http://127.0.0.1:9 did not answer (connection refused); start the simulator there or fix AWS_ENDPOINT_URL_EC2';
      expect(facts.unread).toEqual({ subnets: why, securityGroups: why });
    } finally {
      restore('AWS_ENDPOINT_URL_EC2', saved);
    }
  });

  test('throttling and server errors are retried; the call is counted once', async () => {
    const { handler, api: a } = scripted((_action, n) => (n === 1 ? ec2Error(503, 'RequestLimitExceeded') : n === 2 ? ec2Error(500, 'InternalError') : subnetsAnswer([['subnet-1', 9]])));
    expect(await a.network!.subnets(['subnet-1'])).toEqual({ found: [{ id: 'subnet-1', availableIpAddressCount: 9 }], missing: [] });
    expect(handler.requests).toHaveLength(3);
    expect(a.callCounts()).toEqual({ DescribeSubnets: 1 });
  });

  test('a server error past the retries ends the read as it is, not as a note', async () => {
    const { handler, api: a } = scripted(() => ec2Error(500, 'InternalError', 'An internal error has occurred'), 2);
    await expect(readNetwork(a.network, ['subnet-1'], [])).rejects.toThrow(expect.objectContaining({ name: 'InternalError', message: 'An internal error has occurred' }));
    expect(handler.requests).toHaveLength(2);
  });

  test('an answer that is not EC2\'s error document is named by its HTTP status', async () => {
    const { api: a } = scripted(() => ({ status: 404, xml: '<html>not here</html>' }), 1);
    await expect(a.network!.securityGroups(['sg-1'])).rejects.toThrow(expect.objectContaining({ name: 'Http404' }));
  });

  test('several pages are read to the last', async () => {
    const { api: a } = scripted((_action, n) => (n === 1
      ? { status: 200, xml: groupsAnswer(['sg-1']).xml.replace('</securityGroupInfo>', '</securityGroupInfo><nextToken>t2</nextToken>') }
      : groupsAnswer(['sg-2'])));
    expect(await a.network!.securityGroups(['sg-1', 'sg-2'])).toEqual({ found: ['sg-1', 'sg-2'], missing: [] });
  });
});

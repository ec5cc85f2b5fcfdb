import type { EksApi } from '../../src/aws/eks-api';
import { endpointOf, identityOf, whereItRuns } from '../../src/cli/where-it-runs';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const apiWith = (arn: string) => ({ describeCluster: async () => ({ arn }) }) as unknown as EksApi;
const spec = (extra: Record<string, unknown> = {}) => parseSpec({ specVersion: 1, clusterName: 'main', controlPlane: { version: '1.30' }, ...extra });

test('two clusters called main in two accounts do not read the same', async () => {
  const env = { AWS_PROFILE: 'ops' };
  const one = await whereItRuns(apiWith('arn:aws:eks:eu-west-1:111111111111:cluster/main'), spec(), env);
  const two = await whereItRuns(apiWith('arn:aws:eks:eu-west-1:222222222222:cluster/main'), spec(), env);
  expect(one).toBe('cluster main, account 111111111111, region eu-west-1, endpoint https://eks.eu-west-1.amazonaws.com, as AWS profile ops (AWS_PROFILE)');
  expect(two).not.toBe(one);
});

test('the endpoint names the variable that set it; the identity is the assumed role, or where the credentials come from', () => {
  expect(endpointOf('us-east-1', { AWS_ENDPOINT_URL_EKS: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL: 'http://x' })).toBe('http://127.0.0.1:4566 (AWS_ENDPOINT_URL_EKS)');
  expect(endpointOf('us-east-1', { AWS_ENDPOINT_URL: 'http://x' })).toBe('http://x (AWS_ENDPOINT_URL)');
  expect(identityOf(spec({ assumeRole: { roleArn: 'arn:aws:iam::333333333333:role/eks-upgrade' } }), { AWS_PROFILE: 'ops' })).toBe('as role arn:aws:iam::333333333333:role/eks-upgrade (assumed through STS)');
  expect(identityOf(spec(), { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY1234' })).toBe('as access key …1234 (AWS_ACCESS_KEY_ID)');
  expect(identityOf(spec(), {})).toBe('as the AWS SDK\'s default credentials');
});

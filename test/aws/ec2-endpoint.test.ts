/** Where the EC2 reads go: the SDK's service-specific endpoint variables, else EC2's endpoint for the region. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ec2Endpoint } from '../../src/aws/ec2-endpoint';

test('an explicit endpoint, then AWS_ENDPOINT_URL_EC2, then AWS_ENDPOINT_URL; each says what chose it', () => {
  const env = { AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL: 'http://127.0.0.1:4567' };
  expect(ec2Endpoint('us-east-1', false, 'http://sim:1', env)).toEqual({ url: 'http://sim:1', setBy: 'option' });
  expect(ec2Endpoint('us-east-1', false, undefined, env)).toEqual({ url: 'http://127.0.0.1:4566', setBy: 'AWS_ENDPOINT_URL_EC2' });
  expect(ec2Endpoint('us-east-1', false, undefined, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4567' })).toEqual({ url: 'http://127.0.0.1:4567', setBy: 'AWS_ENDPOINT_URL' });
  // An empty variable is unset, as a runner's blanked environment leaves it.
  expect(ec2Endpoint('us-east-1', false, undefined, { AWS_ENDPOINT_URL_EC2: '' }).setBy).toBe('region');
});

test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the variables off, as it does for the SDK\'s clients', () => {
  const env = { AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:4566', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
  expect(ec2Endpoint('eu-west-1', false, undefined, env)).toEqual({ url: 'https://ec2.eu-west-1.amazonaws.com', setBy: 'region' });
});

const REGIONS = ['us-east-1', 'eu-west-1', 'us-gov-west-1', 'cn-north-1', 'us-iso-east-1', 'eu-isoe-west-1', 'eusc-de-east-1'];

test.each(REGIONS.flatMap((region) => [[region, false], [region, true]] as const))('%s (FIPS %s): the endpoint @aws-sdk/client-ec2\'s rules resolve', (region, fips) => {
  const ec2 = new EC2Client({ region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const { url } = ec2.config.endpointProvider({ Region: region, UseFIPS: fips, UseDualStack: false });
    expect(ec2Endpoint(region, fips, undefined, {})).toEqual({ url: url.href.replace(/\/$/, ''), setBy: 'region' });
  } finally {
    ec2.destroy();
  }
});

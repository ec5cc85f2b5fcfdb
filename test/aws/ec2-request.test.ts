/**
 * The EC2 requests on the wire: the same form parameters @aws-sdk/client-ec2 sends for DescribeSubnets and
 * DescribeSecurityGroups, POSTed form-encoded, and signed SigV4 for the `ec2` service in the client's region. The
 * simulator does not check signatures, so the signature is recomputed here from the SigV4 specification with
 * node:crypto, independently of the SDK's signer.
 */
import { createHash, createHmac } from 'node:crypto';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { formParams, groupsAnswer, RecordedRequest, scriptedHandler, subnetsAnswer } from './fixtures/ec2-answers';
import { EksApi } from '../../src/aws/eks-api';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE000000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'eu-central-1';

function answerFor(request: RecordedRequest) {
  return new URLSearchParams(request.body).get('Action') === 'DescribeSubnets' ? subnetsAnswer([['subnet-1', 10]]) : groupsAnswer(['sg-1']);
}

async function ourRequests(): Promise<RecordedRequest[]> {
  const handler = scriptedHandler(answerFor);
  const api = new EksApi('demo', { region: REGION, credentials: CREDENTIALS, requestHandler: handler, network: 'ec2' });
  try {
    await api.network!.subnets(['subnet-1', 'subnet-2']);
    await api.network!.securityGroups(['sg-1']);
  } finally {
    api.destroy();
  }
  return handler.requests;
}

async function sdkRequests(): Promise<RecordedRequest[]> {
  const handler = scriptedHandler(answerFor);
  const ec2 = new EC2Client({ region: REGION, credentials: CREDENTIALS, requestHandler: handler });
  try {
    await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-1', 'subnet-2'] }));
    await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-1'] }));
  } finally {
    ec2.destroy();
  }
  return handler.requests;
}

test('the form parameters, method, host and path are the ones @aws-sdk/client-ec2 sends', async () => {
  const [ours, sdk] = [await ourRequests(), await sdkRequests()];
  expect(ours.map((r) => formParams(r.body))).toEqual(sdk.map((r) => formParams(r.body)));
  expect(formParams(ours[0].body)).toEqual([['Action', 'DescribeSubnets'], ['SubnetId.1', 'subnet-1'], ['SubnetId.2', 'subnet-2'], ['Version', '2016-11-15']]);
  for (const [mine, theirs] of ours.map((r, i) => [r, sdk[i]])) {
    expect([mine.method, mine.protocol, mine.hostname, mine.path]).toEqual([theirs.method, theirs.protocol, theirs.hostname, theirs.path]);
    expect(mine.hostname).toBe(`ec2.${REGION}.amazonaws.com`);
    expect(header(mine, 'content-type')).toMatch(/^application\/x-www-form-urlencoded\b/);
  }
});

test('each request is signed SigV4 for ec2 in the client\'s region, host and body included, and the signature verifies', async () => {
  for (const request of await ourRequests()) {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(header(request, 'authorization'));
    expect(auth).not.toBeNull();
    const [, accessKeyId, day, region, service, signedHeaders, signature] = auth!;
    expect([accessKeyId, region, service]).toEqual([CREDENTIALS.accessKeyId, REGION, 'ec2']);
    expect(signedHeaders.split(';')).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type']));
    expect(header(request, 'x-amz-date').slice(0, 8)).toBe(day);
    expect(signature).toBe(sigV4(request, signedHeaders.split(';'), region, service));
    // A body changed after signing no longer verifies: the payload is part of what is signed.
    expect(signature).not.toBe(sigV4({ ...request, body: `${request.body}&DryRun=true` }, signedHeaders.split(';'), region, service));
  }
});

function header(request: RecordedRequest, name: string): string {
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** Signature Version 4 as the IAM User Guide's "Create a signed AWS API request" steps it (no query string here). */
function sigV4(request: RecordedRequest, signed: string[], region: string, service: string): string {
  const amzDate = header(request, 'x-amz-date');
  const canonicalHeaders = signed.map((name) => `${name}:${header(request, name).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [request.method, request.path, '', canonicalHeaders, signed.join(';'), sha256(request.body)].join('\n');
  const scope = `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${CREDENTIALS.secretAccessKey}`, amzDate.slice(0, 8));
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex');
}

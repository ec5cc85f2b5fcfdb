import { EksApi } from '../../src/aws/eks-api';
import { eksToken, TOKEN_PREFIX } from '../../src/kubernetes/eks-token';

/** The hash the SDK configures the EKS client with: the one the token is signed with. */
const api = new EksApi('prod', { region: 'eu-west-1' });
afterAll(() => api.destroy());

const identity = (stsEndpoint?: string) => ({
  credentials: async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' }),
  region: async () => 'eu-west-1',
  sha256: api.signingIdentity().sha256,
  ...(stsEndpoint ? { stsEndpoint } : {}),
});

function decode(token: string): URL {
  expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
  const encoded = token.slice(TOKEN_PREFIX.length);
  expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/); // unpadded base64url
  return new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
}

describe('the EKS token (aws eks get-token format)', () => {
  const now = new Date('2026-12-06T09:00:00Z');

  test('is a presigned STS GetCallerIdentity for the regional endpoint, the cluster-id header signed, 60 s expiry', async () => {
    const url = decode(await eksToken('prod', identity(), now));
    expect(url.origin).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    const q = url.searchParams;
    expect(q.get('Action')).toBe('GetCallerIdentity');
    expect(q.get('Version')).toBe('2011-06-15');
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20261206/eu-west-1/sts/aws4_request');
    expect(q.get('X-Amz-Date')).toBe('20261206T090000Z');
    expect(q.get('X-Amz-Expires')).toBe('60');
    expect(q.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['host', 'x-k8s-aws-id']));
    expect(q.get('X-Amz-Security-Token')).toBe('session-token');
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the cluster name is signed, not carried: another cluster gets another signature', async () => {
    const a = decode(await eksToken('prod', identity(), now)).searchParams.get('X-Amz-Signature');
    const b = decode(await eksToken('staging', identity(), now)).searchParams.get('X-Amz-Signature');
    expect(a).not.toBe(b);
    expect(decode(await eksToken('prod', identity(), now)).search).not.toContain('prod');
  });

  test('an STS endpoint set for the run (a simulator) is the one presigned', async () => {
    const url = decode(await eksToken('demo', identity('http://127.0.0.1:4566'), now));
    expect(url.origin).toBe('http://127.0.0.1:4566');
  });
});

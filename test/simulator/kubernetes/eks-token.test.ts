import { sdkToken } from './kube-fixture';
import { checkEksToken, TOKEN_PREFIX } from '../../../src/simulator/kubernetes/eks-token';

const bearer = (token: string) => `Bearer ${token}`;
/** The presigned URL inside a token, rewritten by `edit`, re-encoded as a token. */
const rewrite = (token: string, edit: (url: URL) => void) => {
  const url = new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString());
  edit(url);
  return `${TOKEN_PREFIX}${Buffer.from(url.toString()).toString('base64url')}`;
};

describe('EKS bearer tokens (k8s-aws-v1. + presigned STS GetCallerIdentity)', () => {
  test('an SDK-presigned token is accepted for 15 minutes after X-Amz-Date, whatever X-Amz-Expires says', async () => {
    const signedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    const token = await sdkToken({ signingDate: signedAt });
    const ok = checkEksToken(bearer(token), signedAt.getTime() + 14 * 60_000);
    expect(ok).toEqual({ ok: true, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', signedAt: signedAt.getTime(), expiresAt: signedAt.getTime() + 15 * 60_000 });
    expect(checkEksToken(bearer(token), signedAt.getTime() + 15 * 60_000 + 1000)).toEqual({ ok: false, problem: expect.stringContaining('expired') });
  });

  test('the x-k8s-aws-id header must be among the signed headers', async () => {
    expect(checkEksToken(bearer(await sdkToken({ signClusterId: false })), Date.now())).toEqual({ ok: false, problem: 'the x-k8s-aws-id header was not signed' });
  });

  test.each([
    ['no Bearer scheme', (t: string) => t, /no bearer token/],
    ['another prefix', (t: string) => `Bearer k8s-aws-v2.${t.slice(TOKEN_PREFIX.length)}`, /does not start/],
    ['padded base64', (t: string) => `Bearer ${t}==`, /unpadded base64url/],
    ['another action', (t: string) => bearer(rewrite(t, (u) => u.searchParams.set('Action', 'AssumeRole'))), /GetCallerIdentity/],
    ['another host', (t: string) => bearer(rewrite(t, (u) => { u.hostname = 'evil.example.com'; })), /not an STS endpoint/],
    ['an extra parameter', (t: string) => bearer(rewrite(t, (u) => u.searchParams.set('Foo', '1'))), /unexpected query parameter Foo/],
    ['no signature', (t: string) => bearer(rewrite(t, (u) => u.searchParams.delete('X-Amz-Signature'))), /X-Amz-Signature/],
    ['a credential of another day', (t: string) => bearer(rewrite(t, (u) => u.searchParams.set('X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE/20000101/us-east-1/sts/aws4_request'))), /another day/],
  ])('refused: %s', async (_name, mangle, problem) => {
    const result = checkEksToken(mangle(await sdkToken()), Date.now());
    expect(result.ok).toBe(false);
    expect((result as { problem: string }).problem).toMatch(problem);
  });

  test('an STS endpoint on loopback (AWS_ENDPOINT_URL_STS at the simulator) is accepted over http', async () => {
    const token = rewrite(await sdkToken(), (u) => { u.protocol = 'http:'; u.host = '127.0.0.1:4566'; });
    expect(checkEksToken(bearer(token), Date.now()).ok).toBe(true);
  });
});

/**
 * The bearer tokens EKS accepts from `aws eks get-token` and aws-iam-authenticator: `k8s-aws-v1.` followed by the
 * unpadded base64url of a presigned STS GetCallerIdentity URL whose signed headers include `x-k8s-aws-id` (the
 * cluster name travels in that header, so it is not in the URL). EKS hands the URL to STS, which checks the
 * signature; the simulator checks only what can be read from the token itself: its structure, that the cluster-id
 * header was signed, and its age — 15 minutes from X-Amz-Date whatever X-Amz-Expires says, as
 * aws-iam-authenticator's verifier judges it (kubernetes-sigs/aws-iam-authenticator, pkg/token). It verifies no
 * signature and no identity: docs/simulator.md says so.
 *
 * Written independently of the engine's token generator; the two meet only in tests.
 */
export const TOKEN_PREFIX = 'k8s-aws-v1.';
export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
/** aws-iam-authenticator refuses longer tokens. */
const MAX_TOKEN_LENGTH = 4096;
const ALLOWED_PARAMS = new Set([
  'action', 'version', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-security-token',
  'x-amz-signature', 'x-amz-signedheaders',
]);
/** STS's public endpoints (global, regional, FIPS, China), and loopback for an STS endpoint pointed at the simulator. */
const STS_HOST = /^sts(-fips)?(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type TokenCheck =
  | { ok: true; accessKeyId: string; signedAt: number; expiresAt: number }
  | { ok: false; problem: string };

/** Checks an `Authorization` header's bearer token against the wall clock `nowMs`. */
export function checkEksToken(authorization: string | undefined, nowMs: number): TokenCheck {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!bearer) return fail('no bearer token');
  const token = bearer[1];
  if (token.length > MAX_TOKEN_LENGTH) return fail('token is too long');
  if (!token.startsWith(TOKEN_PREFIX)) return fail(`token does not start with ${TOKEN_PREFIX}`);
  const encoded = token.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return fail('token is not unpadded base64url');
  let url: URL;
  try {
    url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return fail('token does not decode to a URL');
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (!(url.protocol === 'https:' || (loopback && url.protocol === 'http:'))) return fail(`unexpected scheme ${url.protocol}`);
  if (!loopback && !STS_HOST.test(url.hostname)) return fail(`${url.hostname} is not an STS endpoint`);
  if (url.pathname !== '/') return fail('unexpected path in the presigned URL');
  const params = new Map<string, string>();
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    if (!ALLOWED_PARAMS.has(key.toLowerCase())) return fail(`unexpected query parameter ${key}`);
    if (values.length !== 1) return fail(`query parameter ${key} is repeated`);
    params.set(key.toLowerCase(), values[0]);
  }
  return checkParams(params, nowMs);
}

function checkParams(params: Map<string, string>, nowMs: number): TokenCheck {
  const get = (name: string) => params.get(name) ?? '';
  if (get('action') !== 'GetCallerIdentity') return fail('Action is not GetCallerIdentity');
  if (get('version') !== '2011-06-15') return fail('Version is not 2011-06-15');
  if (get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') return fail('X-Amz-Algorithm is not AWS4-HMAC-SHA256');
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(get('x-amz-date'));
  if (!date) return fail('X-Amz-Date is missing or not yyyymmddThhmmssZ');
  const credential = /^([0-9A-Z]{16,128})\/(\d{8})\/([a-z0-9-]+)\/sts\/aws4_request$/.exec(get('x-amz-credential'));
  if (!credential) return fail('X-Amz-Credential is not <access key>/<date>/<region>/sts/aws4_request');
  if (credential[2] !== date.slice(1, 4).join('')) return fail('X-Amz-Credential is dated another day than X-Amz-Date');
  const expires = get('x-amz-expires');
  if (!/^\d+$/.test(expires) || Number(expires) > 900) return fail('X-Amz-Expires is not 0 to 900 seconds');
  const signed = get('x-amz-signedheaders').toLowerCase().split(';');
  if (!signed.includes('host')) return fail('X-Amz-SignedHeaders does not include host');
  if (!signed.includes('x-k8s-aws-id')) return fail('the x-k8s-aws-id header was not signed');
  if (!/^[0-9a-f]{64}$/.test(get('x-amz-signature'))) return fail('X-Amz-Signature is not 64 hex digits');
  const [, y, mo, d, h, mi, s] = date.map(Number);
  const signedAt = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(signedAt)) return fail('X-Amz-Date is not a date');
  const expiresAt = signedAt + TOKEN_LIFETIME_MS;
  if (nowMs > expiresAt) return fail(`token expired at ${new Date(expiresAt).toISOString()} (15 minutes after X-Amz-Date)`);
  return { ok: true, accessKeyId: credential[1], signedAt, expiresAt };
}

function fail(problem: string): TokenCheck {
  return { ok: false, problem };
}

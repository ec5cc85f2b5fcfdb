import { SignatureV4 } from '@smithy/signature-v4';
import type { SigningIdentity } from '../aws/signing-identity';

/** What `aws eks get-token` and aws-iam-authenticator put before the presigned URL. */
export const TOKEN_PREFIX = 'k8s-aws-v1.';
/** The header EKS reads the cluster name from; it must be among the signed headers. */
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/**
 * aws-iam-authenticator presigns for 60 s; the API server (through STS) accepts the token for 15 minutes after its
 * X-Amz-Date whatever X-Amz-Expires says, so a token is reused for at most REUSE_MS and then signed again.
 */
const PRESIGN_SECONDS = 60;
export const REUSE_MS = 10 * 60_000;

/**
 * A bearer token for the cluster's Kubernetes API, as EKS clients make it: a presigned STS GetCallerIdentity URL
 * (the cluster name in the signed `x-k8s-aws-id` header), unpadded base64url after `k8s-aws-v1.`. It is signed with
 * the EKS client's own credentials, so the Kubernetes reads run as the identity (assumed role included) that makes
 * the EKS calls. `now` is injectable for tests; the STS endpoint defaults to the regional one.
 */
export async function eksToken(clusterName: string, identity: SigningIdentity, now: Date = new Date()): Promise<string> {
  const region = await identity.region();
  const sts = new URL(identity.stsEndpoint ?? `https://sts.${region}.amazonaws.com`);
  const signer = new SignatureV4({ credentials: identity.credentials, region, service: 'sts', sha256: identity.sha256, applyChecksum: false });
  const presigned = await signer.presign({
    method: 'GET',
    protocol: sts.protocol,
    hostname: sts.hostname,
    ...(sts.port ? { port: Number(sts.port) } : {}),
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: sts.host, [CLUSTER_ID_HEADER]: clusterName },
  }, { expiresIn: PRESIGN_SECONDS, signingDate: now });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(presigned.query ?? {})) query.append(key, String(value));
  const url = `${sts.protocol}//${sts.host}/?${query.toString()}`;
  return TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

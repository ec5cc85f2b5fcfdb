import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:https';
// The SDK's own SigV4 signer, installed with @aws-sdk/client-eks: the test proves the simulator accepts what it makes.
// eslint-disable-next-line import/no-extraneous-dependencies
import { SignatureV4 } from '@smithy/signature-v4';
import type { Simulator, SimSeed } from '../../../src/simulator';

/** SignatureV4's hash interface over node's crypto (the SDK's own sha256 package is not a direct dependency). */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', Buffer.from(secret));
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

export interface TokenOptions {
  cluster?: string;
  hostname?: string;
  /** When the URL was signed (X-Amz-Date); default now. */
  signingDate?: Date;
  /** Sign the x-k8s-aws-id header (as aws eks get-token does); false leaves it out. */
  signClusterId?: boolean;
  /** The signer's access key; default AKIAIOSFODNN7EXAMPLE. */
  accessKeyId?: string;
}

/** A bearer token as `aws eks get-token` makes it: an STS GetCallerIdentity URL presigned by the SDK's SigV4 signer. */
export async function sdkToken(options: TokenOptions = {}): Promise<string> {
  const hostname = options.hostname ?? 'sts.us-east-1.amazonaws.com';
  const signer = new SignatureV4({ credentials: { accessKeyId: options.accessKeyId ?? 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }, region: 'us-east-1', service: 'sts', sha256: Sha256 as any });
  const headers: Record<string, string> = { host: hostname, ...(options.signClusterId === false ? {} : { 'x-k8s-aws-id': options.cluster ?? 'demo' }) };
  const signed = await signer.presign(
    { method: 'GET', protocol: 'https:', hostname, path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers } as any,
    { expiresIn: 60, ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `k8s-aws-v1.${Buffer.from(`https://${hostname}/?${query}`).toString('base64url')}`;
}

/** A Kubernetes GET through the core (no sockets), with a fresh SDK-signed token unless one is given. */
export async function kubeGet(sim: Simulator, cluster: string, path: string, query: Record<string, string> = {}, token?: string) {
  const res = await sim.handle({ method: 'GET', path: `/k8s/${cluster}${path}`, query, headers: { authorization: `Bearer ${token ?? await sdkToken({ cluster })}` } });
  return { status: res.status, headers: res.headers, json: JSON.parse(res.body) };
}

/** A GET over HTTPS that trusts only `caPem`, as kubectl does with certificate-authority-data. */
export function httpsGet(url: string, caPem: string, token: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The data plane of one cluster in a state() snapshot. */
export function dataPlaneOf(state: SimSeed, cluster: string) {
  return (state.clusters.find((c) => c.name === cluster) as any).dataPlane as import('../../../src/simulator/kubernetes/data-plane-state').DataPlaneState;
}

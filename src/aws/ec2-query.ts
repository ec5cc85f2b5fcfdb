/**
 * One call of EC2's query API: a form-encoded POST naming `Action` and `Version`, answered in XML, errors as
 * `<Response><Errors><Error><Code>` (EC2 API reference, "Making requests", "Error codes"). Two reads need it
 * (CP-NETWORK), and @aws-sdk/client-ec2 would add 1.07 MB to a 1.5 MB bundle; so the request is signed with the SDK's
 * own SigV4 signer as the EKS client's identity, sent through the EKS client's own HTTP handler, and read with the SDK's
 * own XML parser (the one its STS client already brings into the bundle).
 */
import { parseXML } from '@aws-sdk/xml-builder';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Ec2Endpoint } from './ec2-endpoint';
import type { SigningIdentity } from './signing-identity';
import { unreachableReason } from '../errors/run-errors';

/** The API version every EC2 query request names. */
export const EC2_API_VERSION = '2016-11-15';

/** The request as the SDK's HTTP handlers take it (structural, so no @smithy/types import is needed). */
export interface Ec2HttpRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An SDK request handler: the EKS client's NodeHttpHandler, or a test's in-process one. */
export interface Ec2HttpHandler {
  handle(request: Ec2HttpRequest, options?: { abortSignal?: AbortSignal }): Promise<{ response: { statusCode: number; body?: unknown } }>;
}

export interface Ec2Transport {
  readonly identity: SigningIdentity;
  readonly endpoint: () => Promise<Ec2Endpoint>;
  readonly requestHandler: Ec2HttpHandler;
  /** Attempts per call, the first included, as the EKS client's maxAttempts. */
  readonly maxAttempts: number;
  /** Counted once per call, retries not, as the EKS client's calls are. */
  readonly onCall?: (action: string) => void;
}

/** EC2 answered with an error. */
export class Ec2ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly endpoint: Ec2Endpoint) {
    super(message);
    this.name = code;
  }
}

/** EC2 did not answer: the connection failed (its Node error code) or the call timed out. */
export class Ec2NoAnswerError extends Error {
  constructor(readonly endpoint: Ec2Endpoint, readonly reason: string, readonly code?: string) {
    super(`no answer from EC2 at ${endpoint.url} (${reason})`);
    this.name = 'Ec2NoAnswerError';
  }
}

/**
 * A read that has not answered in this long is given up: a runner in a private subnet without a route or VPC endpoint
 * to EC2 would otherwise wait for the operating system's connect timeout, minutes, before the plan says anything.
 */
const CALL_TIMEOUT_MS = 15_000;
/** EC2's throttling codes (EC2 API reference, "Request throttling"), retried like server errors. */
const THROTTLED = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'RequestThrottled', 'RequestThrottledException']);
/** A connection dropped mid-call: worth another attempt. Refused or unresolvable is not. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE']);

/** Calls `action` with `params` (already in the query protocol's `Name.N` form); returns the `<ActionResponse>` element. */
export async function ec2Query(t: Ec2Transport, action: string, params: Record<string, string>): Promise<Record<string, any>> {
  t.onCall?.(action);
  const endpoint = await t.endpoint();
  for (let attempt = 1; ; attempt++) {
    try {
      return await callOnce(t, endpoint, action, params);
    } catch (error) {
      if (attempt >= t.maxAttempts || !retryable(error)) throw error;
      // Exponential backoff with full jitter, as the SDK's standard retry strategy waits.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20_000, 100 * 2 ** attempt)));
    }
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof Ec2ApiError) return error.status >= 500 || THROTTLED.has(error.code);
  return error instanceof Ec2NoAnswerError && error.code !== undefined && DROPPED.has(error.code);
}

async function callOnce(t: Ec2Transport, endpoint: Ec2Endpoint, action: string, params: Record<string, string>): Promise<Record<string, any>> {
  const url = new URL(endpoint.url);
  const body = Object.entries({ Action: action, Version: EC2_API_VERSION, ...params })
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  const region = await t.identity.region();
  const signer = new SignatureV4({ credentials: t.identity.credentials, region, service: 'ec2', sha256: t.identity.sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname || '/',
    query: {},
    headers: { 'host': url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
  let response;
  try {
    ({ response } = await t.requestHandler.handle(signed as unknown as Ec2HttpRequest, { abortSignal: timeout }));
  } catch (error) {
    const e = error as Error & { code?: string };
    if (timeout.aborted) throw new Ec2NoAnswerError(endpoint, `no answer within ${CALL_TIMEOUT_MS / 1000} s`);
    throw new Ec2NoAnswerError(endpoint, unreachableReason(e.code) ?? `${e.code ?? e.name}: ${e.message}`, e.code);
  }
  const text = await bodyText(response.body);
  if (response.statusCode >= 200 && response.statusCode < 300) {
    const answer = parseXML(text)[`${action}Response`];
    if (answer === undefined || typeof answer !== 'object') throw new Ec2ApiError('InvalidResponse', `EC2 ${action} answered without a ${action}Response element`, response.statusCode, endpoint);
    return answer;
  }
  throw errorOf(action, response.statusCode, text, endpoint);
}

/** EC2's error document; anything else (a proxy's HTML page) is named by its HTTP status. */
function errorOf(action: string, status: number, text: string, endpoint: Ec2Endpoint): Ec2ApiError {
  let error: { Code?: string; Message?: string } | undefined;
  try {
    const errors = parseXML(text)?.Response?.Errors?.Error;
    error = Array.isArray(errors) ? errors[0] : errors;
  } catch {
    error = undefined;
  }
  return new Ec2ApiError(error?.Code || `Http${status}`, error?.Message || `EC2 ${action} answered HTTP ${status}`, status, endpoint);
}

/** The handler's body: a Node stream from NodeHttpHandler, bytes from an in-process handler. */
async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

import type { SimResponse } from '../sim-http';

/** A failed Kubernetes API call, answered as the API server does: a `Status` object with the HTTP code. */
export class KubeError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export function kubeJson(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function statusResponse(error: KubeError, headers: Record<string, string> = {}): SimResponse {
  return kubeJson(error.code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: error.reason,
    ...(error.details ? { details: error.details } : {}),
    code: error.code,
  }, headers);
}

export const notFound = (resource: string, name: string) =>
  new KubeError(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });

/** An injected throttle or server error on a Kubernetes call, as the API server would answer it. */
export function kubernetesFaultResponse(kind: 'throttle' | 500 | 503): SimResponse {
  if (kind === 'throttle') return statusResponse(new KubeError(429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later'), { 'retry-after': '1' });
  return statusResponse(kind === 503
    ? new KubeError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request')
    : new KubeError(500, 'InternalError', 'an error on the server has prevented the request from succeeding'));
}

/** Status 0: the HTTPS listener drops the connection without an answer (an endpoint the caller cannot reach). */
export const DROP_CONNECTION = 0;

/**
 * An injected access fault: 403 as the API server refuses a principal RBAC does not allow (its message names the
 * verb and resource, e.g. `nodes is forbidden: User "…" cannot list resource "nodes" …`), or a dropped connection.
 * `accessKeyId` is the token's signer, as kube-router read it (absent: the anonymous user).
 */
export function kubernetesAccessResponse(answer: 'forbidden' | 'unreachable', operation: string, accessKeyId: string | undefined): SimResponse {
  if (answer === 'unreachable') return { status: DROP_CONNECTION, headers: {}, body: '' };
  const m = /^(List|Get)(\w+?)s?$/.exec(operation);
  const verb = m?.[1] === 'Get' ? 'get' : 'list';
  const resource = m ? `${m[2].toLowerCase()}s` : 'resources';
  const user = accessKeyId ?? 'system:anonymous';
  return statusResponse(new KubeError(403, 'Forbidden', `${resource} is forbidden: User "${user}" cannot ${verb} resource "${resource}" at the cluster scope`, { kind: resource }));
}

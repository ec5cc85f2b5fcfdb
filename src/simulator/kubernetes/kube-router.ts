import type { SimResponse } from '../sim-http';
import type { SimState } from '../state';
import { addonUpdates } from './addon-workloads';
import { discovery, SERVED_RESOURCES, type ServedResource } from './discovery';
import { checkEksToken } from './eks-token';
import { versionObject } from './kube-objects';
import { resourceReader } from './kube-resources';
import { KubeError, kubeJson, notFound, statusResponse } from './kube-status';
import { toTable, wantsTable } from './kube-table';
import { parseFieldSelector, parseLabelSelector } from './selectors';

/** Every cluster's Kubernetes API lives under `/k8s/<cluster>`; DescribeCluster's endpoint names that path. */
export const KUBERNETES_PREFIX = '/k8s/';

export interface KubeRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
}

export interface KubeAnswer {
  response: SimResponse;
  /** For the call log: e.g. `ListPods`, `GetNode`, `Discovery`, `GetVersion`. */
  operation: string;
  /** `cluster/<name>` (and the namespace for namespaced reads: `cluster/<name>/namespaces/<ns>`). */
  resource: string;
  /** The access key that signed the request's token, when the token is well-formed and unexpired. */
  accessKeyId?: string;
}

/**
 * Answers one Kubernetes API request against the state (settled by the caller): bearer token first (401 for anything
 * that is not a well-formed, unexpired EKS token; `wallNow` is the real clock, as tokens are signed with it), then
 * discovery, `/version` and the get and list reads of SERVED_RESOURCES.
 */
export function handleKubernetes(req: KubeRequest, state: SimState, now: number, wallNow: number): KubeAnswer {
  const [cluster = '', ...rest] = req.path.slice(KUBERNETES_PREFIX.length).split('/');
  const path = `/${rest.join('/')}`.replace(/\/+$/, '') || '/';
  const target = parsePath(path);
  const resource = `cluster/${cluster}${target.namespace !== undefined ? `/namespaces/${target.namespace}` : ''}`;
  const token = checkEksToken(req.headers.authorization, wallNow);
  // The API server says only "Unauthorized"; the header tells a puzzled tester why.
  if (!token.ok) {
    return { response: statusResponse(new KubeError(401, 'Unauthorized', 'Unauthorized'), { 'x-simulator-token-problem': token.problem }), operation: target.operation, resource };
  }
  const answer = (response: SimResponse): KubeAnswer => ({ response, operation: target.operation, resource, accessKeyId: token.accessKeyId });
  try {
    const c = state.clusters.find((x) => x.name === decodeURIComponent(cluster));
    if (!c) throw new KubeError(404, 'NotFound', `no cluster ${cluster} in this simulator`);
    if (req.method.toUpperCase() !== 'GET') throw new KubeError(405, 'MethodNotAllowed', `the simulator's Kubernetes API serves only reads, not ${req.method}`);
    if (first(req.query.watch) === 'true' || first(req.query.watch) === '1') throw new KubeError(405, 'MethodNotAllowed', 'watch is not served: list instead');
    if (target.operation === 'GetVersion') return answer(kubeJson(200, versionObject(c.version, c.platformVersion)));
    const doc = discovery(path, `${cluster}.k8s.simulator:443`);
    if (doc) return answer(kubeJson(200, doc));
    if (!target.resource) throw new KubeError(404, 'NotFound', 'the server could not find the requested resource');
    const reader = resourceReader(target.resource, c, now, addonUpdates(state, c.name));
    const table = wantsTable(req.headers.accept);
    if (target.name !== undefined) {
      const found = reader.list(target.namespace).find((o) => o.metadata.name === target.name);
      if (!found) throw notFound(target.resource.name, target.name);
      return answer(kubeJson(200, table ? toTable(target.resource.kind, [found], { resourceVersion: '1' }, now) : found));
    }
    const list = listBody(target.resource, reader.list(target.namespace), reader, req.query);
    return answer(kubeJson(200, table ? toTable(target.resource.kind, list.items, list.metadata, now) : list));
  } catch (error) {
    const e = error instanceof KubeError ? error : new KubeError(500, 'InternalError', (error as Error).message);
    return answer(statusResponse(e));
  }
}

interface Target {
  operation: string;
  resource?: ServedResource;
  namespace?: string;
  name?: string;
}

/** `/api/v1/namespaces/ns/pods/x` → GetPod in ns; `/apis/policy/v1/poddisruptionbudgets` → ListPodDisruptionBudgets. */
function parsePath(path: string): Target {
  if (path === '/version') return { operation: 'GetVersion' };
  const m = /^\/(?:api\/v1|apis\/(apps|policy)\/v1)(?:\/namespaces\/([^/]+)(?=\/))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(path);
  if (!m) return { operation: path === '/api' || path === '/apis' ? 'Discovery' : 'Unknown' };
  const [, group = '', namespace, plural, name] = m;
  if (plural === undefined) return { operation: 'Discovery' };
  // `/api/v1/namespaces/<name>` reads a namespace, not a namespaced list.
  const resource = SERVED_RESOURCES.find((r) => r.group === group && r.name === plural && (namespace === undefined || r.namespaced));
  if (!resource) return { operation: 'Unknown' };
  const decoded = namespace === undefined ? undefined : decodeURIComponent(namespace);
  return name === undefined
    ? { operation: `List${resource.kind}s`, resource, ...(decoded !== undefined ? { namespace: decoded } : {}) }
    : { operation: `Get${resource.kind}`, resource, name: decodeURIComponent(name), ...(decoded !== undefined ? { namespace: decoded } : {}) };
}

/** A `<Kind>List` filtered by the selectors and cut to `limit` items, with a `continue` token for the rest. */
function listBody(resource: ServedResource, objects: Record<string, any>[], reader: ReturnType<typeof resourceReader>, query: KubeRequest['query']) {
  const labels = parseLabelSelector(first(query.labelSelector));
  const fields = parseFieldSelector(first(query.fieldSelector), reader.fieldSelectors);
  const matching = objects.filter((o) => labels(o.metadata.labels ?? {}) && fields(reader.fields(o)));
  const limit = first(query.limit) === undefined ? 0 : Number(first(query.limit));
  if (!Number.isInteger(limit) || limit < 0) throw new KubeError(400, 'BadRequest', `limit must be a non-negative integer, got ${first(query.limit)}`);
  const start = decodeContinue(first(query.continue));
  const end = limit > 0 ? start + limit : matching.length;
  const more = end < matching.length;
  return {
    kind: `${resource.kind}List`,
    apiVersion: resource.group === '' ? 'v1' : `${resource.group}/v1`,
    metadata: { resourceVersion: '1', ...(more ? { continue: encodeContinue(end), remainingItemCount: matching.length - end } : {}) },
    // List items carry no kind or apiVersion of their own, as in the real API.
    items: matching.slice(start, end).map(({ kind: _k, apiVersion: _a, ...item }) => item),
  };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const encodeContinue = (offset: number) => Buffer.from(JSON.stringify({ v: 'sim', offset })).toString('base64url');

function decodeContinue(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  try {
    const { v, offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (v === 'sim' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // answered below
  }
  throw new KubeError(400, 'BadRequest', 'continue key is not valid: the token was not issued by this server');
}

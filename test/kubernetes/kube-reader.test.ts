import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeReadError } from '../../src/kubernetes/kube-errors';
import { KubeReader } from '../../src/kubernetes/kube-reader';

/** A tiny Kubernetes API: nodes in pages of `limit`, under a path prefix as the simulator serves them. */
function fakeApi(handler: (req: IncomingMessage, url: URL) => { status: number; body: unknown } | 'hang'): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push(`${req.method} ${url.pathname}${url.search} ${req.headers.authorization}`);
    const answer = handler(req, url);
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/k8s/demo`, seen })));
}

const NODES = Array.from({ length: 5 }, (_, i) => ({ metadata: { name: `n${i}` } }));

function paged(url: URL) {
  const limit = Number(url.searchParams.get('limit'));
  const start = Number(url.searchParams.get('continue') || 0);
  const next = start + limit < NODES.length ? String(start + limit) : undefined;
  return { status: 200, body: { items: NODES.slice(start, start + limit), metadata: next ? { continue: next } : {} } };
}

describe('KubeReader', () => {
  let servers: Server[] = [];
  afterEach(() => {
    servers.forEach((s) => s.close());
    servers = [];
  });

  test('lists every page with limit/continue, under the endpoint\'s path, with the bearer token', async () => {
    const api = await fakeApi((_req, url) => paged(url));
    servers.push(api.server);
    const reader = new KubeReader({ url: api.url }, { token: async () => 'k8s-aws-v1.abc', pageSize: 2 });
    const items = await reader.list<{ metadata: { name: string } }>('/api/v1/nodes');
    reader.close();
    expect(items.map((n) => n.metadata.name)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(api.seen).toEqual([
      'GET /k8s/demo/api/v1/nodes?limit=2 Bearer k8s-aws-v1.abc',
      'GET /k8s/demo/api/v1/nodes?limit=2&continue=2 Bearer k8s-aws-v1.abc',
      'GET /k8s/demo/api/v1/nodes?limit=2&continue=4 Bearer k8s-aws-v1.abc',
    ]);
    expect(api.seen.some((s) => s.includes('watch'))).toBe(false);
  });

  test('a selector narrows the list on the server: labelSelector and fieldSelector ride on every page', async () => {
    const api = await fakeApi((_req, url) => paged(url));
    servers.push(api.server);
    const reader = new KubeReader({ url: api.url }, { token: async () => 't', pageSize: 3 });
    await reader.list('/api/v1/nodes', { labelSelector: 'eks.amazonaws.com/nodegroup=general', fieldSelector: 'spec.unschedulable=true' });
    reader.close();
    expect(api.seen).toEqual([
      'GET /k8s/demo/api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dgeneral&fieldSelector=spec.unschedulable%3Dtrue&limit=3 Bearer t',
      'GET /k8s/demo/api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dgeneral&fieldSelector=spec.unschedulable%3Dtrue&limit=3&continue=3 Bearer t',
    ]);
  });

  test('an expired continue token (410) restarts the list once', async () => {
    let expired = false;
    const api = await fakeApi((_req, url) => {
      if (url.searchParams.get('continue') === '2' && !expired) {
        expired = true;
        return { status: 410, body: { kind: 'Status', message: 'continue token expired' } };
      }
      return paged(url);
    });
    servers.push(api.server);
    const reader = new KubeReader({ url: api.url }, { token: async () => 't', pageSize: 2 });
    expect(await reader.list('/api/v1/nodes')).toHaveLength(5);
    reader.close();
  });

  test.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [500, 'failed'],
  ])('%i answers are classified as %s, with the server\'s message', async (status, failure) => {
    const api = await fakeApi(() => ({ status, body: { kind: 'Status', message: 'nodes is forbidden: User "x" cannot list resource "nodes"' } }));
    servers.push(api.server);
    const reader = new KubeReader({ url: api.url }, { token: async () => 't' });
    const error = await reader.list('/api/v1/nodes').catch((e) => e);
    reader.close();
    expect(error).toBeInstanceOf(KubeReadError);
    expect(error).toMatchObject({ failure, status });
    expect(error.message).toContain('cannot list resource "nodes"');
  });

  test('no answer within the timeout reads as not reachable', async () => {
    const api = await fakeApi(() => 'hang');
    servers.push(api.server);
    const reader = new KubeReader({ url: api.url }, { token: async () => 't', timeoutMs: 200 });
    const error = await reader.list('/api/v1/nodes').catch((e) => e);
    reader.close();
    expect(error).toMatchObject({ failure: 'unreachable' });
    expect(error.message).toContain('ETIMEDOUT');
    api.server.closeAllConnections();
  });

  test('a closed port reads as not reachable', async () => {
    const reader = new KubeReader({ url: 'http://127.0.0.1:1/k8s/demo' }, { token: async () => 't' });
    const error = await reader.list('/api/v1/nodes').catch((e) => e);
    reader.close();
    expect(error).toMatchObject({ failure: 'unreachable' });
  });
});

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EksApi } from '../../src/aws/eks-api';
import { readDataPlane } from '../../src/kubernetes/read-data-plane';

/** A Kubernetes API with empty collections that records each request's path, query and bearer token. */
async function emptyApi(): Promise<{ server: Server; url: string; seen: Array<{ path: string; token: string }> }> {
  const seen: Array<{ path: string; token: string }> = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url!, token: req.headers.authorization ?? '' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('readDataPlane', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  test('reads every collection by default, and only the scope\'s, with its selectors, when given one', async () => {
    const k8s = await emptyApi();
    server = k8s.server;
    const api = new EksApi('demo', { region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
    try {
      expect(await readDataPlane(api, { endpoint: k8s.url }, { policy: 'best-effort' })).toEqual({ status: 'read', view: { nodes: [], pods: [], podDisruptionBudgets: [], workloads: [] } });
      expect(k8s.seen.map((r) => r.path.split('?')[0]).sort()).toEqual(['/api/v1/nodes', '/api/v1/pods', '/apis/apps/v1/daemonsets', '/apis/apps/v1/deployments', '/apis/policy/v1/poddisruptionbudgets']);
      k8s.seen.length = 0;
      await readDataPlane(api, { endpoint: k8s.url }, { policy: 'best-effort' }, { nodes: { labelSelector: 'eks.amazonaws.com/nodegroup=general' } });
      expect(k8s.seen.map((r) => r.path)).toEqual(['/api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dgeneral&limit=500']);
    } finally {
      api.destroy();
    }
  });

  test('one token serves the reads of ten minutes, across reads (a probe reads every few seconds), then a new one is signed', async () => {
    const k8s = await emptyApi();
    server = k8s.server;
    const api = new EksApi('demo', { region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
    let now = Date.UTC(2026, 11, 6, 9, 0, 0);
    const options = { policy: 'best-effort' as const, now: () => new Date(now) };
    const nodes = { nodes: {} };
    try {
      await readDataPlane(api, { endpoint: k8s.url }, options, nodes);
      now += 60_000;
      await readDataPlane(api, { endpoint: k8s.url }, options, nodes);
      now += 10 * 60_000;
      await readDataPlane(api, { endpoint: k8s.url }, options, nodes);
    } finally {
      api.destroy();
    }
    const [first, second, third] = k8s.seen.map((r) => r.token);
    expect(first).toMatch(/^Bearer k8s-aws-v1\./);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
  });
});

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKubernetesListener } from './kubernetes/https-listener';
import type { SimRequest } from './sim-http';
import { Simulator, type SimulatorOptions } from './simulator';

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default: the simulator checks no credentials. */
  host?: string;
  /** The HTTPS port of the clusters' Kubernetes API (0, the default, picks a free one); `false` serves none. */
  kubernetesPort?: number | false;
}

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:4566`: the endpoint for AWS_ENDPOINT_URL_EKS, AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL_EC2 and AWS_ENDPOINT_URL_STS. */
  url: string;
  /** The clusters' Kubernetes API over HTTPS (`<kubernetesUrl>/k8s/<cluster>`, as DescribeCluster says), if served. */
  kubernetesUrl?: string;
  simulator: Simulator;
  close(): Promise<void>;
}

/** Serves a Simulator over HTTP. Signatures are not verified, so any dummy credentials work. */
export async function startSimulator(options: SimulatorOptions & ServerOptions = {}): Promise<RunningSimulator> {
  const simulator = new Simulator(options);
  const server = createServer((req, res) => {
    toSimRequest(req)
      .then((request) => simulator.handle(request))
      .then((response) => {
        res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
        res.end(response.body);
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: error.message }));
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve, reject) => {
    // Builds are local processes: they end with the server rather than outlive it.
    simulator.codeBuild.stopAll();
    server.close((err) => (err ? reject(err) : resolve()));
    // SDK clients keep connections alive; closing must not wait for them.
    server.closeAllConnections();
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (options.kubernetesPort === false) return { url, simulator, close };
  const kubernetes = await startKubernetesListener((r) => simulator.handle(r), toSimRequest, host, options.kubernetesPort).catch(async (error) => {
    await close();
    throw error;
  });
  simulator.serveKubernetesAt({ baseUrl: kubernetes.baseUrl, caPem: kubernetes.caPem });
  return {
    url,
    kubernetesUrl: kubernetes.baseUrl,
    simulator,
    close: async () => {
      await Promise.all([close(), kubernetes.close()]);
    },
  };
}

async function toSimRequest(req: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://simulator');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { method: req.method ?? 'GET', path: url.pathname, query, headers, body: Buffer.concat(chunks).toString('utf8') };
}

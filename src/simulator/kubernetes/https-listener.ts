import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SimRequest, SimResponse } from '../sim-http';
import { KUBERNETES_PREFIX } from './kube-router';
import { DROP_CONNECTION, KubeError, statusResponse } from './kube-status';
import { createTlsMaterial } from './tls-material';

export interface KubernetesListener {
  /** e.g. `https://127.0.0.1:41238`; a cluster's API is `<baseUrl>/k8s/<cluster>`. */
  baseUrl: string;
  caPem: string;
  close(): Promise<void>;
}

type Handle = (request: SimRequest) => Promise<SimResponse>;
type ToRequest = (req: IncomingMessage) => Promise<SimRequest>;

/**
 * Serves the clusters' Kubernetes API over HTTPS with a certificate made at start (tls-material.ts) for loopback and
 * `host`. Only `/k8s/…` paths are answered here; the AWS APIs stay on the simulator's plain HTTP port.
 */
export async function startKubernetesListener(handle: Handle, toRequest: ToRequest, host: string, port = 0): Promise<KubernetesListener> {
  // A wildcard listen address is reached through loopback.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const tls = createTlsMaterial([...new Set(['127.0.0.1', '::1', 'localhost', reachable])]);
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    toRequest(req)
      .then((request) => (request.path.startsWith(KUBERNETES_PREFIX)
        ? handle(request)
        : statusResponse(new KubeError(404, 'NotFound', `the simulator serves each cluster's Kubernetes API under ${KUBERNETES_PREFIX}<cluster>/`))))
      .then((response) => {
        if (response.status === DROP_CONNECTION) {
          req.socket.destroy();
          return;
        }
        res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
        res.end(response.body);
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: error.message, code: 500 }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseUrl: `https://${reachable.includes(':') ? `[${reachable}]` : reachable}:${bound}`,
    caPem: tls.caPem,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

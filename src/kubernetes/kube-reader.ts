import * as http from 'node:http';
import * as https from 'node:https';
import { KubeReadError } from './kube-errors';

export interface KubeEndpoint {
  /** DescribeCluster's `endpoint`; a path after the host (the simulator serves each cluster under one) is kept. */
  readonly url: string;
  /** PEM certificate authority (DescribeCluster's `certificateAuthority.data`, base64-decoded). */
  readonly ca?: string;
}

export interface KubeReaderOptions {
  /** A fresh bearer token per call: tokens expire, and a long run reads again after each control-plane step. */
  readonly token: () => Promise<string>;
  /** Per request; a read that takes longer reports the endpoint as not reachable from this runner. */
  readonly timeoutMs?: number;
  /** Items per page (`limit`); the API server hands back a `continue` token for the next page. */
  readonly pageSize?: number;
}

/** A list's `labelSelector` and `fieldSelector`, as the Kubernetes API takes them (`eks.amazonaws.com/nodegroup=general`). */
export interface KubeSelector {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

interface KubeList {
  readonly items?: unknown[];
  readonly metadata?: { readonly continue?: string };
}

/**
 * List-only reads of a Kubernetes API over node's https: paginated with `limit`/`continue`, no watch, nothing left
 * open. @kubernetes/client-node would do the same in 1.9 MB of bundle and does not load on Node 20 (DESIGN.md §7).
 */
export class KubeReader {
  private readonly base: URL;
  private readonly agent: http.Agent;

  constructor(endpoint: KubeEndpoint, private readonly options: KubeReaderOptions) {
    this.base = new URL(endpoint.url);
    this.agent = this.base.protocol === 'https:'
      ? new https.Agent({ keepAlive: true, maxSockets: 2, ...(endpoint.ca ? { ca: endpoint.ca } : {}) })
      : new http.Agent({ keepAlive: true, maxSockets: 2 });
  }

  /**
   * Every item of a collection (`/api/v1/nodes`) the selectors match, page by page. An expired `continue` (410)
   * restarts the list once.
   */
  async list<T>(collection: string, selector: KubeSelector = {}): Promise<T[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pages<T>(collection, selector);
      } catch (error) {
        if (attempt > 0 || !(error instanceof KubeReadError) || error.status !== 410) throw error;
      }
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private async pages<T>(collection: string, selector: KubeSelector): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined;
    do {
      const query = new URLSearchParams({ ...selector, limit: String(this.options.pageSize ?? 500) });
      if (next) query.set('continue', next);
      const page = await this.get(`${collection}?${query}`) as KubeList;
      items.push(...(page.items ?? []) as T[]);
      next = page.metadata?.continue || undefined;
    } while (next);
    return items;
  }

  private async get(pathAndQuery: string): Promise<unknown> {
    const token = await this.options.token();
    const url = new URL(this.base.pathname.replace(/\/+$/, '') + pathAndQuery, this.base);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, {
        method: 'GET',
        agent: this.agent,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        timeout: timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(unreachable(url, e)));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            try {
              resolve(JSON.parse(body));
            } catch {
              reject(new KubeReadError('failed', `GET ${url.pathname} answered ${status} with a body that is not JSON`, status));
            }
          } else {
            reject(httpFailure(url, status, body));
          }
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => reject(e instanceof KubeReadError ? e : unreachable(url, e)));
      req.end();
    });
  }
}

function unreachable(url: URL, error: Error & { code?: string }): KubeReadError {
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(error.code ?? '');
  if (tls) return new KubeReadError('failed', `the Kubernetes API at ${url.host} presented a certificate the cluster's CA does not verify (${error.code})`);
  return new KubeReadError('unreachable', `${url.host} (${error.code ?? error.message})`);
}

/** The API server's Status message, when it sent one, is the most precise reason (it names the verb and resource). */
function httpFailure(url: URL, status: number, body: string): KubeReadError {
  let message = '';
  try {
    message = String((JSON.parse(body) as { message?: unknown }).message ?? '');
  } catch {
    message = body.slice(0, 200);
  }
  const what = `GET ${url.pathname} answered ${status}${message ? `: ${message}` : ''}`;
  if (status === 401) return new KubeReadError('unauthorized', what, status);
  if (status === 403) return new KubeReadError('forbidden', what, status);
  return new KubeReadError('failed', what, status);
}

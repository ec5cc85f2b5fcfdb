import type { Simulator } from './simulator';

/** The parts of the SDK's HTTP request the simulator reads (structural, so no SDK types are needed here). */
interface SdkHttpRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * An SDK `requestHandler` that hands requests straight to a Simulator, with no sockets: pass it as
 * `new EKSClient({ requestHandler: inProcessHandler(sim), ... })` (and to SSMClient) to run an upgrade
 * against a virtual clock at full speed.
 */
export function inProcessHandler(simulator: Simulator) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SdkHttpRequest) {
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(request.query ?? {})) if (v !== null) query[k] = v;
      const res = await simulator.handle({ method: request.method, path: request.path, query, headers: request.headers, body: bodyText(request.body) });
      return { response: { statusCode: res.status, headers: res.headers, body: new TextEncoder().encode(res.body) } };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
  };
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error('inProcessHandler: streaming request bodies are not supported');
}

import type { WireSample } from './conformance';
import { valueProblems } from './conformance';
import type { EksModel, ModelOperation } from './eks-model';

export interface WireRequest {
  method: string;
  path: string;
  query: [string, string][];
  body?: string;
}

export interface WireResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export type Transport = (request: WireRequest) => Promise<WireResponse>;

/** Plain HTTP (no SDK deserializer, which would drop unknown members and coerce types). */
export function httpTransport(baseUrl: string): Transport {
  return async (request) => {
    const url = new URL(request.path, baseUrl);
    for (const [k, v] of request.query) url.searchParams.append(k, v);
    const response = await fetch(url, {
      method: request.method,
      headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
      body: request.body,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
    return { status: response.status, headers, body: await response.text() };
  };
}

export interface CallResult {
  status: number;
  /** The error type for a failed call. */
  errorType?: string;
  body: any;
}

/**
 * Sends operations as the restJson1 protocol binds their input members (labels into the URI template,
 * httpQuery members into the query string, the rest into a JSON body), and keeps every exchange.
 */
export class WireClient {
  readonly samples: WireSample[] = [];

  constructor(readonly model: EksModel, private readonly transport: Transport) {}

  operation(name: string): ModelOperation {
    const op = this.model.operations.get(name);
    if (!op) throw new Error(`${name} is not an operation of the EKS model`);
    return op;
  }

  /** Refuses input the model does not allow, so every request the scenario sends is one an SDK could send. */
  async call(operation: string, given: Record<string, unknown>, label = operation): Promise<CallResult> {
    const op = this.operation(operation);
    const input = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const problems = inputProblems(op, input);
    if (problems.length) throw new Error(`the scenario's ${operation} input breaks the model: ${problems.join('; ')}`);
    return this.send(operation, serialize(op, input), label);
  }

  /** A request the scenario builds itself (malformed on purpose). */
  async send(operation: string, request: WireRequest, label: string): Promise<CallResult> {
    const response = await this.transport(request);
    this.samples.push({ operation, label, request, ...response });
    let body: any;
    try {
      body = response.body === '' ? {} : JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    const header = response.headers['x-amzn-errortype'];
    return { status: response.status, body, ...(header ? { errorType: header.split(':')[0] } : {}) };
  }
}

export function inputProblems(op: ModelOperation, input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const member = op.input.members[key];
    if (!member) problems.push(`${op.input.name} has no member ${key}`);
    else problems.push(...valueProblems(value, member.shape, `${op.input.name}.${key}`));
  }
  for (const key of op.input.required) if (!(key in input)) problems.push(`${op.input.name}.${key} is required`);
  return problems;
}

export function serialize(op: ModelOperation, input: Record<string, unknown>): WireRequest {
  const path = op.uri.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(input[name])));
  const query: [string, string][] = [];
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const binding = op.input.members[key].binding;
    if (binding.location === 'query') {
      for (const v of Array.isArray(value) ? value : [value]) query.push([binding.name, String(v)]);
    } else if (binding.location === 'body') {
      body[key] = value;
    } else if (binding.location === 'header') {
      throw new Error(`${op.name}.${key}: header-bound input is not sent by this client`);
    }
  }
  const hasBody = Object.values(op.input.members).some((m) => m.binding.location === 'body');
  return { method: op.method, path, query, ...(hasBody ? { body: JSON.stringify(body) } : {}) };
}

/** The URI labels of an operation, in template order. */
export function labelsOf(op: ModelOperation): string[] {
  return [...op.uri.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

import type { EksModel, Shape } from './eks-model';
import type { Transport } from './wire-client';
import type { Simulator } from '../../../src/simulator';
import { matchRoute } from '../../../src/simulator/routes';

/** A request member the simulator looked at while answering: `updateConfig.maxUnavailable`, `podIdentityAssociations[].roleArn`. */
export interface RequestRead {
  operation: string;
  location: 'body' | 'query';
  path: string;
}

/**
 * api-call.ts reads these query parameters on every cluster-scoped call to name the resource in the call log
 * and fault scopes; that is bookkeeping, not the operation reading its input.
 */
const BOOKKEEPING_QUERY_READS = new Set(['nodegroupName', 'addonName']);

/**
 * Serves requests with an in-process Simulator and records which request members it reads: the query
 * object it is handed, and the JSON body it parses (the one JSON.parse of the request body, wrapped while
 * `handle` runs up to its answer, which it reaches without awaiting when no latency fault fires).
 */
export function recordingTransport(simulator: Simulator, reads: RequestRead[]): Transport {
  return async (request) => {
    const operation = matchRoute(request.method, request.path)?.operation ?? 'Unknown';
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of request.query) query[k] = k in query ? [...([] as string[]).concat(query[k]), v] : v;
    const recordQuery = (path: string) => reads.push({ operation, location: 'query', path });
    const recordBody = (path: string) => reads.push({ operation, location: 'body', path });
    const parse = JSON.parse;
    let wrapped = false;
    JSON.parse = ((text: string, reviver?: any) => {
      const value = parse(text, reviver);
      if (wrapped || text !== request.body) return value;
      wrapped = true;
      return recording(value, '', recordBody);
    }) as typeof JSON.parse;
    let pending: ReturnType<Simulator['handle']>;
    try {
      pending = simulator.handle({ method: request.method, path: request.path, query: recording(query, '', recordQuery), body: request.body });
    } finally {
      JSON.parse = parse;
    }
    const response = await pending;
    return { status: response.status, headers: response.headers, body: response.body };
  };
}

const IGNORED_KEYS = new Set(['toJSON', 'then', 'length']);

function recording<T>(value: T, path: string, record: (path: string) => void): T {
  if (Array.isArray(value)) {
    return new Proxy(value, {
      get: (target, key, receiver) => {
        const v = Reflect.get(target, key, receiver);
        return typeof key === 'string' && /^\d+$/.test(key) ? recording(v, `${path}[]`, record) : v;
      },
    });
  }
  if (value === null || typeof value !== 'object') return value;
  const member = (key: string | symbol) => (typeof key === 'string' && !IGNORED_KEYS.has(key) && !(key in Object.prototype) ? key : undefined);
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  return new Proxy(value as object, {
    get: (target, key, receiver) => {
      const name = member(key);
      if (name !== undefined) record(at(name));
      const v = Reflect.get(target, key, receiver);
      return name === undefined ? v : recording(v, at(name), record);
    },
    has: (target, key) => {
      const name = member(key);
      if (name !== undefined) record(at(name));
      return Reflect.has(target, key);
    },
  }) as T;
}

/** Reads of members the operation's input does not define, or does not bind where the simulator looked. */
export function readProblems(model: EksModel, reads: RequestRead[]): string[] {
  const problems = new Set<string>();
  for (const read of reads) {
    const op = model.operations.get(read.operation);
    if (!op) continue;
    if (read.location === 'query') {
      const name = read.path.split(/[.[]/)[0];
      const bound = Object.values(op.input.members).some((m) => m.binding.location === 'query' && m.binding.name === name);
      if (!bound && !BOOKKEEPING_QUERY_READS.has(name)) {
        problems.add(`${op.name} reads query parameter ${name}; ${op.input.name} binds ${queryNames(model, op.name).join(', ') || 'none'}`);
      }
      continue;
    }
    const [first, ...rest] = read.path.split('.');
    const top = first.replace(/\[\]$/, '');
    const member = op.input.members[top];
    if (!member || member.binding.location !== 'body') {
      problems.add(`${op.name} reads body member ${read.path}; ${op.input.name} ${member ? `binds ${top} to the ${member.binding.location}` : `has no member ${top}`}`);
      continue;
    }
    const missing = missingPath(member.shape, [...(first.endsWith('[]') ? ['[]'] : []), ...rest.flatMap(splitList)]);
    if (missing) problems.add(`${op.name} reads body member ${read.path}; ${missing}`);
  }
  return [...problems];
}

const splitList = (segment: string) => (segment.endsWith('[]') ? [segment.slice(0, -2), '[]'] : [segment]);

function missingPath(shape: Shape, segments: string[]): string | undefined {
  if (segments.length === 0 || shape.kind === 'map' || shape.kind === 'document') return undefined;
  const [next, ...rest] = segments;
  if (next === '[]') return shape.kind === 'list' ? missingPath(shape.member, rest) : 'it is not a list in the model';
  if (shape.kind !== 'structure') return `the model's ${shape.kind} has no member ${next}`;
  const member = shape.members[next];
  return member ? missingPath(member.shape, rest) : `${shape.name} has no member ${next}`;
}

function queryNames(model: EksModel, operation: string): string[] {
  return Object.values(model.operations.get(operation)!.input.members).flatMap((m) => (m.binding.location === 'query' ? [m.binding.name] : []));
}

import type { EksModel, ModelOperation, Shape, StructureShape } from './eks-model';

/** One HTTP exchange with the simulator, as it went over the wire. */
export interface WireSample {
  operation: string;
  /** What the scenario meant to exercise, for the failure message. */
  label: string;
  request: { method: string; path: string; query: [string, string][]; body?: string };
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Errors any operation may meet, declared or not: the Common Errors page of the EKS API reference
 * (https://docs.aws.amazon.com/eks/latest/APIReference/CommonErrors.html) lists throttling and service
 * unavailability for every action. The simulator's throttle and 503 faults fire on any operation, so these
 * two are accepted everywhere; their status and members are still checked against the EKS model's shapes
 * of the same name (ThrottlingException 429 and ServiceUnavailableException 503; the Common Errors page
 * gives 400 for its generic ThrottlingException — the model wins, as the SDK deserializes by it).
 */
export const FRONT_END_ERRORS = ['ThrottlingException', 'ServiceUnavailableException'];

/** Every way a restJson1 response differs from the model: unknown, missing or mistyped members, values outside enums, error types and statuses. */
export function responseProblems(model: EksModel, sample: WireSample): string[] {
  const op = model.operations.get(sample.operation);
  if (!op) return [`${sample.operation} is not an operation of the EKS model`];
  const contentType = sample.headers['content-type'] ?? '';
  const problems: string[] = [];
  if (!contentType.startsWith('application/json')) problems.push(`content-type is "${contentType}", restJson1 answers application/json`);
  let body: unknown;
  try {
    body = sample.body === '' ? {} : JSON.parse(sample.body);
  } catch {
    return [...problems, `the body is not JSON: ${sample.body.slice(0, 80)}`];
  }
  if (sample.status < 300) {
    if (sample.status !== op.status) problems.push(`HTTP ${sample.status}, the model's http trait says ${op.status}`);
    problems.push(...valueProblems(body, op.output, op.output.name));
    return problems;
  }
  return [...problems, ...errorProblems(model, op, sample, body)];
}

function errorProblems(model: EksModel, op: ModelOperation, sample: WireSample, body: unknown): string[] {
  const header = sample.headers['x-amzn-errortype'];
  if (!header) return ['an error without an x-amzn-errortype header (restJson1 names the error type there)'];
  // restJson1: the type may carry a namespace (`ns#Name`) and a `:`-suffix (`Name:http://internal.amazon.com/...`).
  const type = header.split(':')[0].split('#').pop()!;
  const error = model.errors.get(type);
  if (!error) return [`error type ${type} is not an error shape of the EKS model`];
  const problems: string[] = [];
  if (!op.errors.includes(type) && !FRONT_END_ERRORS.includes(type)) {
    problems.push(`${op.name} does not declare ${type}; it declares ${op.errors.join(', ')}`);
  }
  if (sample.status !== error.status) problems.push(`HTTP ${sample.status} for ${type}, whose httpError trait is ${error.status}`);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [...problems, 'the error body is not a JSON object'];
  // `__type` / `code` are restJson1 protocol fields, not members; when present they must name the same type.
  const { __type: bodyType, code, ...members } = body as Record<string, unknown>;
  for (const [field, value] of Object.entries({ __type: bodyType, code })) {
    if (value !== undefined && String(value).split(':')[0].split('#').pop() !== type) problems.push(`body ${field} ${String(value)} disagrees with the header's ${type}`);
  }
  if (typeof members.message !== 'string' || members.message === '') problems.push(`${type} without a message`);
  problems.push(...valueProblems(members, error.shape, type));
  return problems;
}

/** Problems of a JSON value against a model shape, each prefixed with its JSON path. */
export function valueProblems(value: unknown, shape: Shape, path: string): string[] {
  if (value === null) return [`${path}: null (EKS omits absent members)`];
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') return [`${path}: ${typeName(value)}, the model says string`];
      if (shape.values && !shape.values.includes(value)) return [`${path}: "${value}" is not a ${shape.enumName} (${shape.values.join(', ')})`];
      return [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: ${typeName(value)}, the model says number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: ${typeName(value)}, the model says boolean`];
    case 'timestamp':
      // restJson1 bodies carry timestamps as epoch seconds unless a timestampFormat trait says otherwise (EKS has none).
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: ${typeName(value)}, a timestamp is epoch seconds (a number) in restJson1`];
    case 'blob':
      return typeof value === 'string' ? [] : [`${path}: ${typeName(value)}, a blob is a base64 string`];
    case 'document':
      return [];
    case 'list':
      if (!Array.isArray(value)) return [`${path}: ${typeName(value)}, the model says list`];
      return value.flatMap((item, i) => valueProblems(item, shape.member, `${path}[${i}]`));
    case 'map':
      if (!isObject(value)) return [`${path}: ${typeName(value)}, the model says map`];
      return Object.entries(value).flatMap(([k, v]) => valueProblems(v, shape.value, `${path}.${k}`));
    case 'structure':
      return structureProblems(value, shape, path);
  }
}

function structureProblems(value: unknown, shape: StructureShape, path: string): string[] {
  if (!isObject(value)) return [`${path}: ${typeName(value)}, the model says structure ${shape.name}`];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const member = shape.members[key];
    if (!member) problems.push(`${path}.${key}: ${shape.name} has no member ${key} (members: ${Object.keys(shape.members).join(', ')})`);
    else if (member.binding.location !== 'body') problems.push(`${path}.${key}: bound to the ${member.binding.location}, not the body`);
    else problems.push(...valueProblems(v, member.shape, `${path}.${key}`));
  }
  for (const key of shape.required) {
    if (shape.members[key].binding.location === 'body' && !(key in value)) problems.push(`${path}.${key}: required by ${shape.name}, missing`);
  }
  if (shape.union && Object.keys(value).length !== 1) problems.push(`${path}: union ${shape.name} needs exactly one member`);
  return problems;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40)})`);

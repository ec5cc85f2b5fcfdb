import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as eksSdk from '@aws-sdk/client-eks';
import * as ts from 'typescript';

/**
 * The EKS service model, read at test time from the installed @aws-sdk/client-eks (no copy, no network).
 * The package ships no Smithy JSON; the model is spread over three compiled forms:
 *
 * 1. Shapes, members, required members, HTTP bindings and error shapes: the package's compiled Smithy
 *    "static schemas", exported from its index (source: dist-es/schemas/schemas_0.js). Format, as
 *    @smithy/core/schema (NormalizedSchema, translateTraits) reads it:
 *      operation  [9, namespace, name, { http: [method, uri, status] }, () => input, () => output]
 *      structure  [3, namespace, name, traits, memberNames, memberSchemas, requiredCount?]
 *                 (the first `requiredCount` members are the required ones)
 *      error      [-3, namespace, name, { error: 'client' | 'server', httpError: status }, memberNames, memberSchemas]
 *      list       [1, namespace, name, traits, member]        map [2, namespace, name, traits, key, value]
 *      simple     0 string, 1 number, 2 boolean, 4–7 timestamp, 15 document, 21/42 blob,
 *                 64|x list of x, 128|x map of x; [0, namespace, name, traits, schema] wraps one with traits
 *      member     a schema, a function returning one, or [schema, traits]; traits are a bit field
 *                 (1 httpLabel, 2 idempotent, 4 idempotencyToken, 8 sensitive, 16 httpPayload, 32 httpResponseCode,
 *                 64 httpQueryParams) or an object ({ httpQuery: 'name' }, { httpHeader: 'name' }…).
 * 2. Enums: the schemas type enum members as plain strings. Which enum a member takes is in the type
 *    declarations dist-types/models/models_0.d.ts (`status?: UpdateStatus | undefined`), read here with the
 *    TypeScript parser; the values are the package's exported enum objects (dist-es/models/enums.js).
 * 3. The errors each operation declares: the `@throws {@link X}` lines of dist-types/commands/<Op>Command.d.ts.
 */

export type Shape =
  | { kind: 'string'; enumName?: string; values?: readonly string[] }
  | { kind: 'number' | 'boolean' | 'timestamp' | 'blob' | 'document' }
  | { kind: 'list'; member: Shape }
  | { kind: 'map'; value: Shape }
  | StructureShape;

export interface StructureShape {
  kind: 'structure';
  name: string;
  /** Smithy unions (exactly one member set). */
  union: boolean;
  members: Record<string, Member>;
  required: string[];
}

export interface Member {
  shape: Shape;
  /** Where the member travels in a restJson1 request or response. */
  binding: { location: 'label' } | { location: 'query'; name: string } | { location: 'header'; name: string } | { location: 'body' };
  idempotencyToken: boolean;
}

export interface ModelOperation {
  name: string;
  method: string;
  uri: string;
  status: number;
  input: StructureShape;
  output: StructureShape;
  /** The error shapes the operation declares. */
  errors: string[];
}

export interface ModelError {
  name: string;
  status: number;
  fault: 'client' | 'server';
  shape: StructureShape;
}

export interface EksModel {
  operations: Map<string, ModelOperation>;
  errors: Map<string, ModelError>;
  /** Every enum of the model, by name. */
  enums: Map<string, readonly string[]>;
}

type StaticSchema = unknown[];
const sdk = eksSdk as unknown as Record<string, unknown>;
const packageRoot = dirname(dirname(require.resolve('@aws-sdk/client-eks')));

let cached: EksModel | undefined;

export function loadEksModel(): EksModel {
  cached ??= readModel();
  return cached;
}

function readModel(): EksModel {
  const enums = readEnums();
  const memberEnums = readMemberEnums(enums);
  const structures = new Map<string, StructureShape>();

  const toShape = (ref: unknown, owner?: { struct: string; member: string }): Shape => {
    const schema = typeof ref === 'function' ? ref() : ref;
    if (typeof schema === 'number') return simpleShape(schema, owner);
    if (!Array.isArray(schema)) throw new Error(`unreadable schema ${String(schema)} (${owner?.struct}.${owner?.member})`);
    const [code] = schema as StaticSchema;
    if (code === 0) return toShape(schema[4], owner);
    if (code === 1) return { kind: 'list', member: toShape(schema[4], owner) };
    if (code === 2) return { kind: 'map', value: toShape(schema[5], owner) };
    if (code === 3 || code === -3 || code === 4) return toStructure(schema);
    throw new Error(`unknown schema kind ${String(code)} in ${String(schema[2])}`);
  };

  const simpleShape = (code: number, owner?: { struct: string; member: string }): Shape => {
    // 64|x is a list of x, 128|x a map of x (values below 256).
    if (bit(code, 64)) return { kind: 'list', member: simpleShape(code % 64, owner) };
    if (bit(code, 128)) return { kind: 'map', value: simpleShape(code % 64, owner) };
    if (code === 0) {
      const enumName = owner && memberEnums.get(`${owner.struct}.${owner.member}`);
      return enumName ? { kind: 'string', enumName, values: enums.get(enumName)! } : { kind: 'string' };
    }
    if (code === 1 || code === 17 || code === 19) return { kind: 'number' };
    if (code === 2) return { kind: 'boolean' };
    if (code >= 4 && code <= 7) return { kind: 'timestamp' };
    if (code === 15) return { kind: 'document' };
    if (code === 21 || code === 42) return { kind: 'blob' };
    throw new Error(`unknown simple schema ${code} (${owner?.struct}.${owner?.member})`);
  };

  const toStructure = (schema: StaticSchema): StructureShape => {
    const name = String(schema[2]);
    const known = structures.get(name);
    if (known) return known;
    const names = schema[4] as string[];
    const refs = schema[5] as unknown[];
    const shape: StructureShape = {
      kind: 'structure', name, union: schema[0] === 4, members: {}, required: names.slice(0, Number(schema[6] ?? 0)),
    };
    structures.set(name, shape); // before the members: shapes may be recursive
    names.forEach((member, i) => {
      const ref = refs[i];
      const [inner, traits] = Array.isArray(ref) && ref.length === 2 ? ref : [ref, 0];
      shape.members[member] = { shape: toShape(inner, { struct: name, member }), ...memberTraits(traits, `${name}.${member}`) };
    });
    return shape;
  };

  const operations = new Map<string, ModelOperation>();
  const errors = new Map<string, ModelError>();
  for (const value of Object.values(sdk)) {
    if (!Array.isArray(value) || value.length < 5) continue;
    if (value[0] === 9) {
      const name = String(value[2]);
      const [method, uri, status] = (value[3] as { http: [string, string, number] }).http;
      operations.set(name, {
        name,
        method,
        uri,
        status,
        input: toShape(value[4]) as StructureShape,
        output: toShape(value[5]) as StructureShape,
        errors: readDeclaredErrors(name),
      });
    } else if (value[0] === -3 && value[1] !== 'smithy.ts.sdk.synthetic.com.amazonaws.eks') {
      const traits = value[3] as { error: 'client' | 'server'; httpError: number };
      errors.set(String(value[2]), { name: String(value[2]), status: traits.httpError, fault: traits.error, shape: toStructure(value) });
    }
  }
  if (operations.size < 50 || errors.size < 10) {
    throw new Error(`@aws-sdk/client-eks exports ${operations.size} operation and ${errors.size} error schemas: has the schema format changed?`);
  }
  return { operations, errors, enums };
}

/** Whether a bit field has the bit of value `b` (a power of two) set. */
const bit = (field: number, b: number) => Math.floor(field / b) % 2 === 1;

function memberTraits(traits: unknown, where: string): Pick<Member, 'binding' | 'idempotencyToken'> {
  if (typeof traits === 'number') {
    if (bit(traits, 16) || bit(traits, 32) || bit(traits, 64)) {
      throw new Error(`${where}: httpPayload/httpResponseCode/httpQueryParams bindings are not read by this model reader`);
    }
    return { binding: bit(traits, 1) ? { location: 'label' } : { location: 'body' }, idempotencyToken: bit(traits, 4) };
  }
  const t = (traits ?? {}) as Record<string, unknown>;
  const binding: Member['binding'] = t.httpLabel ? { location: 'label' }
    : typeof t.httpQuery === 'string' ? { location: 'query', name: t.httpQuery }
      : typeof t.httpHeader === 'string' ? { location: 'header', name: t.httpHeader }
        : { location: 'body' };
  if (t.httpPayload || t.httpPrefixHeaders || t.httpQueryParams || t.jsonName || t.timestampFormat) {
    throw new Error(`${where}: trait ${JSON.stringify(t)} is not read by this model reader`);
  }
  return { binding, idempotencyToken: Boolean(t.idempotencyToken) };
}

/** The enum objects the package exports (`UpdateStatus = { IN_PROGRESS: 'InProgress', … }`), by the names models_0.d.ts declares. */
function readEnums(): Map<string, readonly string[]> {
  const source = parse('dist-types/models/enums.d.ts');
  const enums = new Map<string, readonly string[]>();
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const d of node.declarationList.declarations) {
      const name = d.name.getText(source);
      const values = sdk[name];
      if (!values || typeof values !== 'object') throw new Error(`enums.d.ts declares ${name}, but the package exports no such object`);
      enums.set(name, Object.values(values as Record<string, string>));
    }
  });
  return enums;
}

/** `Struct.member` → enum name, for members declared as `E`, `E[]` or `Record<string, E>` (each `| undefined`). */
function readMemberEnums(enums: Map<string, readonly string[]>): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ['dist-types/models/models_0.d.ts', 'dist-types/models/errors.d.ts']) {
    const source = parse(file);
    const enumIn = (type: ts.TypeNode): string | undefined => {
      if (ts.isUnionTypeNode(type)) return type.types.map(enumIn).find((e) => e !== undefined);
      if (ts.isArrayTypeNode(type)) return enumIn(type.elementType);
      if (ts.isTypeReferenceNode(type)) {
        const name = type.typeName.getText(source);
        if (enums.has(name)) return name;
        if (name === 'Record' && type.typeArguments?.length === 2) return enumIn(type.typeArguments[1]);
      }
      return undefined;
    };
    const visit = (node: ts.Node) => {
      if (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) {
        const owner = node.name!.getText(source);
        for (const m of node.members) {
          if ((ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) && m.type) {
            const e = enumIn(m.type);
            if (e) found.set(`${owner}.${m.name.getText(source)}`, e);
          }
        }
      }
      node.forEachChild(visit);
    };
    visit(source);
  }
  if (found.size < 50) throw new Error(`only ${found.size} enum-typed members found in the SDK's model declarations: has their format changed?`);
  return found;
}

function readDeclaredErrors(operation: string): string[] {
  const text = readFileSync(join(packageRoot, `dist-types/commands/${operation}Command.d.ts`), 'utf8');
  return [...text.matchAll(/@throws \{@link (\w+)\}/g)].map((m) => m[1]).filter((e) => e !== 'EKSServiceException');
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(packageRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as codeBuildSdk from '@aws-sdk/client-codebuild';
import * as ts from 'typescript';
import type { Shape, StructureShape } from './eks-model';

/**
 * The shapes of the CodeBuild operations the simulator serves, read at test time from the installed
 * @aws-sdk/client-codebuild in the same compiled forms eks-model.ts reads for EKS: the static schemas the package
 * exports (`<Name>$`), and, for which enum a string member takes, the type declarations in models_0.d.ts. CodeBuild
 * speaks awsJson1.1, so there are no HTTP bindings: every member travels in the body.
 */
const sdk = codeBuildSdk as unknown as Record<string, unknown>;
const packageRoot = dirname(dirname(require.resolve('@aws-sdk/client-codebuild')));

export interface CodeBuildModel {
  /** `StartBuildOutput`, `BatchGetBuildsOutput`, `StopBuildOutput`… by name. */
  structure(name: string): StructureShape;
  /** The error shapes, by name (`InvalidInputException`…). */
  error(name: string): StructureShape;
}

export function loadCodeBuildModel(): CodeBuildModel {
  const enums = readEnums();
  const memberEnums = readMemberEnums(enums);
  const structures = new Map<string, StructureShape>();
  const toShape = (ref: unknown, owner: string, member: string): Shape => {
    const schema = typeof ref === 'function' ? ref() : ref;
    if (typeof schema === 'number') return simple(schema, owner, member);
    const [code] = schema as unknown[];
    const s = schema as unknown[];
    if (code === 0) return toShape(s[4], owner, member);
    if (code === 1) return { kind: 'list', member: toShape(s[4], owner, member) };
    if (code === 2) return { kind: 'map', value: toShape(s[5], owner, member) };
    if (code === 3 || code === -3) return toStructure(s);
    throw new Error(`unknown schema kind ${String(code)} in ${owner}.${member}`);
  };
  const simple = (code: number, owner: string, member: string): Shape => {
    if (Math.floor(code / 64) % 2 === 1) return { kind: 'list', member: simple(code % 64, owner, member) };
    if (Math.floor(code / 128) % 2 === 1) return { kind: 'map', value: simple(code % 64, owner, member) };
    if (code === 0) {
      const enumName = memberEnums.get(`${owner}.${member}`);
      return enumName ? { kind: 'string', enumName, values: enums.get(enumName)! } : { kind: 'string' };
    }
    if (code === 1) return { kind: 'number' };
    if (code === 2) return { kind: 'boolean' };
    if (code >= 4 && code <= 7) return { kind: 'timestamp' };
    if (code === 15) return { kind: 'document' };
    if (code === 21) return { kind: 'blob' };
    throw new Error(`unknown simple schema ${code} (${owner}.${member})`);
  };
  const toStructure = (s: unknown[]): StructureShape => {
    const name = String(s[2]);
    const known = structures.get(name);
    if (known) return known;
    const names = s[4] as string[];
    const shape: StructureShape = { kind: 'structure', name, union: false, members: {}, required: names.slice(0, Number(s[6] ?? 0)) };
    structures.set(name, shape);
    names.forEach((member, i) => {
      const ref = (s[5] as unknown[])[i];
      const inner = Array.isArray(ref) && ref.length === 2 ? ref[0] : ref;
      shape.members[member] = { shape: toShape(inner, name, member), binding: { location: 'body' }, idempotencyToken: false };
    });
    return shape;
  };
  const schema = (name: string, kind: number) => {
    const s = sdk[`${name}$`];
    if (!Array.isArray(s) || s[0] !== kind) throw new Error(`@aws-sdk/client-codebuild exports no schema ${name}$: has the format changed?`);
    return toStructure(s);
  };
  return { structure: (name) => schema(name, 3), error: (name) => schema(name, -3) };
}

function readEnums(): Map<string, readonly string[]> {
  const enums = new Map<string, readonly string[]>();
  const source = parse('dist-types/models/enums.d.ts');
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const d of node.declarationList.declarations) {
      const name = d.name.getText(source);
      enums.set(name, Object.values(sdk[name] as Record<string, string>));
    }
  });
  return enums;
}

/** `Struct.member` → enum name, for members declared `E | undefined` or `E[] | undefined`. */
function readMemberEnums(enums: Map<string, readonly string[]>): Map<string, string> {
  const found = new Map<string, string>();
  const source = parse('dist-types/models/models_0.d.ts');
  const enumIn = (type: ts.TypeNode): string | undefined => {
    if (ts.isUnionTypeNode(type)) return type.types.map(enumIn).find((e) => e !== undefined);
    if (ts.isArrayTypeNode(type)) return enumIn(type.elementType);
    if (ts.isTypeReferenceNode(type) && enums.has(type.typeName.getText(source))) return type.typeName.getText(source);
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node)) {
      for (const m of node.members) {
        const e = ts.isPropertySignature(m) && m.type ? enumIn(m.type) : undefined;
        if (e) found.set(`${node.name.getText(source)}.${m.name!.getText(source)}`, e);
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  if (!found.has('Build.buildStatus')) throw new Error('Build.buildStatus is not typed StatusType in the SDK\'s declarations: has their format changed?');
  return found;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(packageRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

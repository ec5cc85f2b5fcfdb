import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { valueProblems } from './conformance';
import type { EksModel } from './eks-model';
import * as eksErrors from '../../../src/simulator/eks-errors';
import { EksError } from '../../../src/simulator/eks-errors';

/** Not an EKS model error: what the simulator answers for a path no operation serves (see eks-errors.ts). */
const OUTSIDE_THE_MODEL = new Set(['UnknownOperationException']);

export interface BuiltError {
  factory: string;
  error: EksError;
}

/**
 * Every EksError the simulator's error factories (the `xxxErrors` groups of eks-errors.ts) can build,
 * including refusals no scenario reaches. Arguments are placeholders chosen by each parameter's declared
 * type, read from the source with the TypeScript parser: ['x'] for a list, {} for EksErrorFields, else 'x'.
 */
export function builtErrors(): BuiltError[] {
  const placeholders = placeholderArguments();
  const built: BuiltError[] = [];
  for (const [group, factories] of Object.entries(eksErrors)) {
    if (!group.endsWith('Errors') || typeof factories !== 'object' || factories === null) continue;
    for (const [name, factory] of Object.entries(factories as Record<string, unknown>)) {
      if (typeof factory !== 'function') continue;
      const args = placeholders.get(`${group}.${name}`);
      if (!args) throw new Error(`${group}.${name}: no arrow function with typed parameters found in eks-errors.ts`);
      const error = (factory as (...a: unknown[]) => unknown)(...args);
      if (!(error instanceof EksError)) throw new Error(`${group}.${name} did not build an EksError from placeholder arguments`);
      built.push({ factory: `${group}.${name}`, error });
    }
  }
  return built;
}

/** `group.factory` → placeholder arguments, from the parameter types declared in eks-errors.ts. */
function placeholderArguments(): Map<string, unknown[]> {
  const file = join(__dirname, '../../../src/simulator/eks-errors.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Map<string, unknown[]>();
  const placeholder = (p: ts.ParameterDeclaration): unknown => {
    const type = p.type?.getText(source) ?? 'string';
    if (type.endsWith('[]')) return ['x'];
    if (type.includes('EksErrorFields')) return {};
    return 'x';
  };
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const d of node.declarationList.declarations) {
      if (!d.initializer || !ts.isObjectLiteralExpression(d.initializer)) continue;
      for (const prop of d.initializer.properties) {
        if (ts.isPropertyAssignment(prop) && ts.isArrowFunction(prop.initializer)) {
          found.set(`${d.name.getText(source)}.${prop.name.getText(source)}`, prop.initializer.parameters.map(placeholder));
        }
      }
    }
  });
  return found;
}

/** An error's HTTP status and members against the model's error shape of its type. */
export function builtErrorProblems(model: EksModel, { factory, error }: BuiltError): string[] {
  if (OUTSIDE_THE_MODEL.has(error.type)) return [];
  const shape = model.errors.get(error.type);
  if (!shape) return [`${factory}: ${error.type} is not an error shape of the EKS model`];
  // As the wire carries it: JSON drops undefined fields.
  const body = JSON.parse(JSON.stringify({ message: error.message, ...error.fields }));
  const problems = valueProblems(body, shape.shape, `${factory} (${error.type})`);
  if (error.status !== shape.status) problems.push(`${factory}: HTTP ${error.status} for ${error.type}, whose httpError trait is ${shape.status}`);
  return problems;
}

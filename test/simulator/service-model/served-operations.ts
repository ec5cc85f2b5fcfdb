import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EksModel, ModelOperation } from './eks-model';
import { labelsOf } from './wire-client';
import { matchRoute } from '../../../src/simulator/routes';

/** Model operations the simulator routes: their model URI (labels filled in) reaches a handler under the same name. */
export function servedOperations(model: EksModel): ModelOperation[] {
  return [...model.operations.values()].filter((op) => matchRoute(op.method, sampleUri(op))?.operation === op.name);
}

/**
 * Where the simulator's routing and the model's http traits disagree: a model URI answered by another
 * operation, labels under other names, or a route (read from the ROUTES table in src/simulator/routes.ts)
 * whose method, template or name is not the model's.
 */
export function routingProblems(model: EksModel): string[] {
  const problems: string[] = [];
  for (const op of model.operations.values()) {
    const route = matchRoute(op.method, sampleUri(op));
    if (!route) continue;
    if (route.operation !== op.name) {
      problems.push(`${op.method} ${op.uri} is ${op.name} in the model, the simulator routes it to ${route.operation}`);
      continue;
    }
    const expected = Object.fromEntries(labelsOf(op).map((l) => [l, sampleLabel(l)]));
    if (JSON.stringify(route.path) !== JSON.stringify(expected)) {
      problems.push(`${op.name}: path parameters ${JSON.stringify(route.path)}, the model's URI ${op.uri} binds ${JSON.stringify(expected)}`);
    }
  }
  for (const [method, template, operation] of routeTable()) {
    const op = model.operations.get(operation);
    if (!op) problems.push(`routes.ts serves ${operation}, which is not an operation of the EKS model`);
    else if (op.method !== method || op.uri !== template) problems.push(`routes.ts serves ${operation} as ${method} ${template}, the model says ${op.method} ${op.uri}`);
  }
  return problems;
}

/** The `[method, template, operation, handler]` rows of routes.ts, read as text so a route the model does not know is still seen. */
export function routeTable(): [string, string, string][] {
  const source = readFileSync(join(__dirname, '../../../src/simulator/routes.ts'), 'utf8');
  const rows = [...source.matchAll(/\[\s*'(GET|POST|PUT|DELETE|PATCH)',\s*'([^']+)',\s*'(\w+)'/g)].map((m) => [m[1], m[2], m[3]] as [string, string, string]);
  if (rows.length === 0) throw new Error('no route rows found in src/simulator/routes.ts: update the pattern in served-operations.ts');
  return rows;
}

const sampleLabel = (label: string) => `sample-${label}`;

function sampleUri(op: ModelOperation): string {
  return op.uri.replace(/\{(\w+)\}/g, (_, label: string) => sampleLabel(label));
}

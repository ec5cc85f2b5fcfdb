/**
 * schema/plan-v1.schema.json (`plan --json`) and schema/run-report-v1.schema.json (`apply --report`) are kept in step
 * with their TypeScript types: each object in a schema has exactly the properties of its interface (read with the
 * compiler, so a field added to a type and not to its schema fails here), and real outputs validate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as ts from 'typescript';
import { REPO_ROOT } from './repo-view';
import { planOnly } from '../../src/engine/upgrade';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { applyInProcess, demoSeed, demoSpec, steppedWorld } from '../reliability/harness';

const schemaOf = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'schema', name), 'utf8'));
const planSchema = schemaOf('plan-v1.schema.json');
const reportSchema = schemaOf('run-report-v1.schema.json');

/** The property names of each named interface in `file`, inherited ones included. */
function interfaceKeys(file: string, names: string[]): Record<string, string[]> {
  const path = join(REPO_ROOT, file);
  const program = ts.createProgram([path], { strict: true });
  const checker = program.getTypeChecker();
  const out: Record<string, string[]> = {};
  ts.forEachChild(program.getSourceFile(path)!, (node) => {
    if (ts.isInterfaceDeclaration(node) && names.includes(node.name.text)) {
      out[node.name.text] = checker.getTypeAtLocation(node).getProperties().map((p) => p.getName()).sort();
    }
  });
  return out;
}

const keys = (node: { properties?: object }) => Object.keys(node.properties ?? {}).sort();
const typeOfProperty = (file: string, iface: string, property: string): string[] => {
  const path = join(REPO_ROOT, file);
  const program = ts.createProgram([path], { strict: true });
  const checker = program.getTypeChecker();
  let found: string[] = [];
  ts.forEachChild(program.getSourceFile(path)!, (node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== iface) return;
    const prop = checker.getTypeAtLocation(node).getProperty(property)!;
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
    found = (type.isUnion() ? type.types : [type]).map((t) => (t.isStringLiteral() ? t.value : checker.typeToString(t))).sort();
  });
  return found;
};

describe('schema/plan-v1.schema.json follows src/engine/plan-types.ts and src/aws/live-state.ts', () => {
  const types = {
    ...interfaceKeys('src/engine/plan-types.ts', ['Plan', 'PlanPhase', 'Finding', 'ClusterVersionStep', 'NodegroupVersionStep', 'NodegroupConfigStep', 'AddonUpdateStep']),
    ...interfaceKeys('src/aws/live-state.ts', ['RunningUpdate', 'ResourceRef']),
  };
  test.each([
    ['Plan', 'plan'], ['PlanPhase', 'phase'], ['Finding', 'finding'], ['ClusterVersionStep', 'clusterVersionStep'], ['NodegroupVersionStep', 'nodegroupVersionStep'],
    ['NodegroupConfigStep', 'nodegroupConfigStep'], ['AddonUpdateStep', 'addonUpdateStep'], ['RunningUpdate', 'runningUpdate'], ['ResourceRef', 'resource'],
  ])('%s has the properties of $defs.%s', (type, def) => {
    expect(keys(planSchema.$defs[def])).toEqual(types[type]);
  });
});

describe('schema/run-report-v1.schema.json follows src/engine/run-report.ts', () => {
  const types = interfaceKeys('src/engine/run-report.ts', ['RunReport', 'StepRecord']);
  test('RunReport and StepRecord have the properties of the schema and its $defs.step', () => {
    expect(keys(reportSchema)).toEqual(types.RunReport);
    expect(keys(reportSchema.$defs.step)).toEqual(types.StepRecord);
  });
  test('the outcomes are the types\' own', () => {
    expect([...reportSchema.properties.outcome.enum].sort()).toEqual(typeOfProperty('src/engine/run-report.ts', 'RunReport', 'outcome'));
    expect([...reportSchema.$defs.step.properties.outcome.enum].sort()).toEqual(typeOfProperty('src/engine/run-report.ts', 'StepRecord', 'outcome'));
  });
});

describe('real outputs validate', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('date-time', true);

  test('plan --json of the demo targets', async () => {
    const w = steppedWorld(demoSeed());
    const api = w.api();
    try {
      const result = await planOnly({ spec: parseSpec(demoSpec('1.31')), api });
      const json = JSON.parse(JSON.stringify({ plan: result.plan, runningUpdates: result.state.runningUpdates }));
      expect(ajv.validate(planSchema, json) ? [] : ajv.errors).toEqual([]);
    } finally {
      api.destroy();
    }
  });

  test('the report of an apply, and of one refused', async () => {
    const w = steppedWorld(demoSeed());
    const done = await applyInProcess(w, demoSpec('1.30'));
    expect(done.end).toBe('converged');
    expect(ajv.validate(reportSchema, JSON.parse(JSON.stringify(done.report))) ? [] : ajv.errors).toEqual([]);
    const refused = await applyInProcess(w, demoSpec('1.30', { addons: [] }));
    expect(ajv.validate(reportSchema, JSON.parse(JSON.stringify({ ...refused.report, outcome: 'rejected', error: refused.error?.message }))) ? [] : ajv.errors).toEqual([]);
  });
});

import { readFileSync } from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { checkSpec, parseSpec } from '../../src/upgrade-spec/parse-spec';
import { SCHEMA_KEY, SPEC_KEYS, SPEC_VALUES } from '../../src/upgrade-spec/spec-keys';

const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema', 'upgrade-spec-v1.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));

/** A schema node with its `$ref` (to `#/$defs/…`) followed; sibling keywords such as a description are kept. */
function deref(node: any): any {
  if (node?.$ref === undefined) return node;
  const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
  if (name === undefined || schema.$defs[name] === undefined) throw new Error(`unresolvable $ref ${node.$ref}`);
  const { $ref: _ref, ...rest } = node;
  return { ...deref(schema.$defs[name]), ...rest };
}

/** Every object the schema describes, by the path the parser names it with, and its node. */
function objectsOf(node: any, at: string, into: Map<string, any> = new Map()): Map<string, any> {
  const n = deref(node);
  if (n.type === 'object') {
    into.set(at, n);
    for (const [key, child] of Object.entries<any>(n.properties ?? {})) objectsOf(child, at === 'spec' ? key : `${at}.${key}`, into);
  } else if (n.type === 'array') {
    objectsOf(n.items, `${at}[]`, into);
  }
  return into;
}

const objects = objectsOf(schema, 'spec');

/** The schema's `default` of each property of an object, where it has one that is not an object or a list. */
function defaultsOf(object: string): Record<string, unknown> {
  const props = objects.get(object).properties as Record<string, any>;
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, deref(v).default]).filter(([, d]) => d !== undefined && typeof d !== 'object'));
}

describe('schema/upgrade-spec-v1.schema.json', () => {
  test('is a draft 2020-12 schema with an $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^https:\/\/.*\/schema\/upgrade-spec-v1\.schema\.json$/);
  });

  test('describes the objects the parser checks, each with exactly the keys the parser accepts', () => {
    const fromSchema = Object.fromEntries([...objects].map(([at, n]) => [at, Object.keys(n.properties ?? {}).sort()]));
    const fromParser = Object.fromEntries(Object.entries(SPEC_KEYS).map(([at, keys]) => [at, [...keys].sort()]));
    expect(fromSchema).toEqual(fromParser);
  });

  test('refuses unknown keys in every object, and describes every field', () => {
    for (const [at, n] of objects) {
      expect([at, n.additionalProperties]).toEqual([at, false]);
      for (const [key, child] of Object.entries<any>(n.properties)) {
        expect([`${at}.${key}`, typeof deref(child).description]).toEqual([`${at}.${key}`, 'string']);
      }
    }
  });

  test('lists exactly the words the parser accepts in each field that takes one of a few', () => {
    for (const [field, words] of Object.entries(SPEC_VALUES)) {
      const dot = field.lastIndexOf('.');
      const property = deref(objects.get(field.slice(0, dot)).properties[field.slice(dot + 1)]);
      expect([field, property.enum]).toEqual([field, words]);
    }
  });

  test('accepts the "$schema" key editors read, as the parser does', () => {
    expect(SPEC_KEYS.spec).toContain(SCHEMA_KEY);
    expect(schema.properties[SCHEMA_KEY].type).toBe('string');
  });

  test('states the defaults the parser fills in', () => {
    const parsed = parseSpec({ specVersion: 1, clusterName: 'prod', controlPlane: { version: '1.31' }, addons: [{ name: 'vpc-cni' }], nodegroups: [{ name: 'general' }] });
    const cases: Array<[string, Record<string, unknown>]> = [
      ['controlPlane', parsed.controlPlane as any],
      ['addons[]', parsed.addons[0] as any],
      ['nodegroups[]', parsed.nodegroups[0] as any],
      ['policy', parsed.policy as any],
      ['policy.updateTimeoutMinutes', parsed.policy.updateTimeoutMinutes as any],
    ];
    for (const [object, values] of cases) {
      const defaults = defaultsOf(object);
      expect([object, Object.fromEntries(Object.keys(defaults).map((k) => [k, values[k]]))]).toEqual([object, defaults]);
    }
    // Each default-filled field of the parser has its default in the schema.
    expect(Object.keys(defaultsOf('controlPlane')).sort()).toEqual(['allowRollback', 'force', 'rollbackTimeoutMinutes']);
    expect(Object.keys(defaultsOf('policy')).sort()).toEqual(['dataPlane', 'evictions', 'insights', 'maxConcurrentNodegroups', 'maxKubeletSkew', 'skipLevelNodegroups']);
    expect(Object.keys(defaultsOf('policy.updateTimeoutMinutes')).sort()).toEqual(['addon', 'cluster', 'nodegroup']);
  });
});

const arn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const base = (): any => ({ specVersion: 1, clusterName: 'prod', controlPlane: { version: '1.31' } });
const full = (): any => ({
  $schema: './node_modules/cdktf-eks-upgrade/schema/upgrade-spec-v1.schema.json',
  specVersion: 1,
  clusterName: 'prod_eu-1',
  region: 'eu-west-1',
  assumeRole: { roleArn: arn('eks-upgrade'), externalId: 'prod:upgrades/1', sessionName: 'eks-upgrade@prod' },
  controlPlane: { version: '1.31', force: false, allowRollback: true, rollbackTimeoutMinutes: 120 },
  addons: [
    { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1', resolveConflicts: 'OVERWRITE', configurationValues: '{"env":{"WARM_IP_TARGET":"5"}}', serviceAccountRoleArn: arn('cni') },
    { name: 'eks-pod-identity-agent', version: 'clusterDefault', podIdentityAssociations: [{ serviceAccount: 'agent', roleArn: arn('agent') }] },
    { name: 'coredns', podIdentityAssociations: [] },
  ],
  nodegroups: [
    { name: 'al', version: 'cluster', releaseVersion: '1.31.3-20241213', force: true, updateConfig: { maxUnavailablePercentage: 25, updateStrategy: 'MINIMAL' } },
    { name: 'win', version: '1.31', releaseVersion: '1.31-2024.11.12', launchTemplate: { name: 'win-lt', version: '4' } },
    { name: 'br', version: '1.30', releaseVersion: '1.43.0-5a2b9c1d', launchTemplate: { id: 'lt-0123', version: 7 }, updateConfig: { maxUnavailable: 2 } },
    { name: 'latest', releaseVersion: 'latest', evictions: 'force' },
  ],
  policy: {
    insights: 'warn',
    maxConcurrentNodegroups: 10,
    maxKubeletSkew: 2,
    skipLevelNodegroups: true,
    updateTimeoutMinutes: { cluster: 60, nodegroup: 0.5, addon: 20 },
    dataPlane: 'required',
    evictions: 'warn',
  },
});

type Mutation = (s: any) => void;
/** Specs both the parser and the schema refuse: [case, mutation of full()]. Cross-field rules are the parser's alone. */
const invalid: Array<[string, Mutation]> = [
  ['unknown top-level key', (s) => { s.nodeGroups = []; }],
  ['unknown assumeRole key', (s) => { s.assumeRole.external_id = 'x'; }],
  ['assumeRole without roleArn', (s) => { delete s.assumeRole.roleArn; }],
  ['assumeRole externalId of one character', (s) => { s.assumeRole.externalId = 'x'; }],
  ['assumeRole sessionName with a colon', (s) => { s.assumeRole.sessionName = 'eks:prod'; }],
  ['unknown controlPlane key', (s) => { s.controlPlane.verison = '1.30'; }],
  ['unknown add-on key', (s) => { s.addons[0].versions = 'latest'; }],
  ['unknown association key', (s) => { s.addons[1].podIdentityAssociations[0].namespace = 'kube-system'; }],
  ['unknown node-group key', (s) => { s.nodegroups[0].amiType = 'AL2_x86_64'; }],
  ['unknown launchTemplate key', (s) => { s.nodegroups[1].launchTemplate.latest = true; }],
  ['unknown updateConfig key', (s) => { s.nodegroups[0].updateConfig.strategy = 'MINIMAL'; }],
  ['unknown policy key', (s) => { s.policy.insight = 'warn'; }],
  ['unknown timeout key', (s) => { s.policy.updateTimeoutMinutes.nodegroups = 3; }],
  ['$schema not text', (s) => { s.$schema = 1; }],
  ['specVersion 2', (s) => { s.specVersion = 2; }],
  ['no specVersion', (s) => { delete s.specVersion; }],
  ['no clusterName', (s) => { delete s.clusterName; }],
  ['clusterName with a dot', (s) => { s.clusterName = 'prod.eu'; }],
  ['region', (s) => { s.region = 'europe'; }],
  ['no controlPlane', (s) => { delete s.controlPlane; }],
  ['no control-plane version', (s) => { delete s.controlPlane.version; }],
  ['patch version', (s) => { s.controlPlane.version = '1.31.2'; }],
  ['leading v', (s) => { s.controlPlane.version = 'v1.31'; }],
  ['major 2', (s) => { s.controlPlane.version = '2.0'; }],
  ['leading zero', (s) => { s.controlPlane.version = '1.031'; }],
  ['force as text', (s) => { s.controlPlane.force = 'true'; }],
  ['rollback timeout', (s) => { s.controlPlane.rollbackTimeoutMinutes = 60; }],
  ['rollback timeout fraction', (s) => { s.controlPlane.rollbackTimeoutMinutes = 130.5; }],
  ['addons not a list', (s) => { s.addons = {}; }],
  ['add-on without name', (s) => { delete s.addons[0].name; }],
  ['add-on blank name', (s) => { s.addons[0].name = ' '; }],
  ['add-on version', (s) => { s.addons[0].version = '1.19'; }],
  ['resolveConflicts', (s) => { s.addons[0].resolveConflicts = 'FORCE'; }],
  ['configurationValues not text', (s) => { s.addons[0].configurationValues = { env: {} }; }],
  ['serviceAccountRoleArn', (s) => { s.addons[0].serviceAccountRoleArn = 'arn:aws:iam::1:role/x'; }],
  ['association without role', (s) => { delete s.addons[1].podIdentityAssociations[0].roleArn; }],
  ['association without service account', (s) => { delete s.addons[1].podIdentityAssociations[0].serviceAccount; }],
  ['node group without name', (s) => { delete s.nodegroups[0].name; }],
  ['node-group version', (s) => { s.nodegroups[0].version = 'latest'; }],
  ['release version', (s) => { s.nodegroups[0].releaseVersion = 'newest'; }],
  ['release version without date', (s) => { s.nodegroups[0].releaseVersion = '1.31.3'; }],
  ['launch template with id and name', (s) => { s.nodegroups[1].launchTemplate.id = 'lt-1'; }],
  ['launch template with neither', (s) => { delete s.nodegroups[1].launchTemplate.name; }],
  ['launch template without version', (s) => { delete s.nodegroups[1].launchTemplate.version; }],
  ['launch template version 0', (s) => { s.nodegroups[2].launchTemplate.version = 0; }],
  ['launch template version $Latest', (s) => { s.nodegroups[1].launchTemplate.version = '$Latest'; }],
  ['both maxUnavailable kinds', (s) => { s.nodegroups[0].updateConfig.maxUnavailable = 1; }],
  ['maxUnavailable 0', (s) => { s.nodegroups[2].updateConfig.maxUnavailable = 0; }],
  ['updateStrategy', (s) => { s.nodegroups[0].updateConfig.updateStrategy = 'FAST'; }],
  ['insights', (s) => { s.policy.insights = 'strict'; }],
  ['concurrency 0', (s) => { s.policy.maxConcurrentNodegroups = 0; }],
  ['kubelet skew 4', (s) => { s.policy.maxKubeletSkew = 4; }],
  ['skipLevelNodegroups as text', (s) => { s.policy.skipLevelNodegroups = 'yes'; }],
  ['timeout 0', (s) => { s.policy.updateTimeoutMinutes.cluster = 0; }],
  ['timeouts not an object', (s) => { s.policy.updateTimeoutMinutes = 30; }],
  ['dataPlane', (s) => { s.policy.dataPlane = 'optional'; }],
  ['policy evictions', (s) => { s.policy.evictions = 'skip'; }],
  ['node-group evictions', (s) => { s.nodegroups[3].evictions = 'FORCE'; }],
];

describe('schema and parser agree (ajv, draft 2020-12)', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  const schemaErrors = (spec: unknown) => (validate(spec) ? [] : validate.errors);

  test.each([
    ['the smallest spec', base()],
    ['a spec with every field', full()],
  ])('both accept %s', (_name, spec) => {
    expect(checkSpec(spec)).toEqual([]);
    expect(schemaErrors(spec)).toEqual([]);
  });

  test.each(invalid)('both refuse: %s', (_name, mutate) => {
    const spec = full();
    expect(checkSpec(spec)).toEqual([]);
    mutate(spec);
    expect(checkSpec(spec)).not.toEqual([]);
    expect(schemaErrors(spec)).not.toEqual([]);
  });
});

describe('docs/spec.md', () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'spec.md'), 'utf8');
  const specs = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).filter((text) => text.includes('"specVersion"'));

  test('its example specs are valid', () => {
    expect(specs.length).toBeGreaterThanOrEqual(3);
    for (const text of specs) {
      const spec = JSON.parse(text);
      expect([text, checkSpec(spec)]).toEqual([text, []]);
      expect([text, new Ajv2020({ strictRequired: false }).validate(schema, spec)]).toEqual([text, true]);
    }
  });

  test('documents every field of every object, and the exit code of a bad spec', () => {
    for (const [object, keys] of Object.entries(SPEC_KEYS)) {
      const heading = object === 'spec' ? '### Top level' : `### \`${object.replace(/\[\]/g, (_m, offset: number) => (object.indexOf('[]') === offset ? '[i]' : '[j]'))}\``;
      const start = doc.indexOf(`${heading}\n`);
      expect([heading, start >= 0]).toEqual([heading, true]);
      const section = doc.slice(start, doc.indexOf('\n### ', start + 1));
      for (const key of keys) expect([object, key, section.includes(`| \`${key}\` |`)]).toEqual([object, key, true]);
    }
    expect(doc).toMatch(/exit with code \*\*2\*\*/);
  });

  test('its sample of unknown-key problems is what the parser says', () => {
    const sample = /```\n(eks-upgrade: invalid upgrade spec:\n[\s\S]*?)```/.exec(doc)?.[1];
    const spec: any = { specVersion: 1, clusterName: 'prod', controlPlane: { verison: '1.31' }, nodeGroups: [{ name: 'general' }] };
    expect(sample).toBe(`eks-upgrade: ${(() => { try { parseSpec(spec); return ''; } catch (e) { return (e as Error).message; } })()}\n`);
  });
});

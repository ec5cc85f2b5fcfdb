import { checkSpec, parseSpec, SpecError } from '../../src/upgrade-spec/parse-spec';

const base = () => ({
  specVersion: 1,
  clusterName: 'prod',
  controlPlane: { version: '1.31' },
  addons: [{ name: 'vpc-cni', version: 'latest' }],
  nodegroups: [{ name: 'general', version: 'cluster' }],
});

type Mutation = (s: any) => void;
/** [case, mutation of a valid spec, the field reported, its message, the docs/eks-rules.md id when the refusal has one] */
const cases: Array<[string, Mutation, string, RegExp, string?]> = [
  ['patch version', (s) => { s.controlPlane.version = '1.31.2'; }, 'controlPlane.version', /form 1\.31/],
  ['leading v', (s) => { s.controlPlane.version = 'v1.31'; }, 'controlPlane.version', /no leading v/],
  ['major 2', (s) => { s.controlPlane.version = '2.0'; }, 'controlPlane.version', /not a Kubernetes minor/],
  ['missing version', (s) => { delete s.controlPlane.version; }, 'controlPlane.version', /is required/],
  ['unknown specVersion', (s) => { s.specVersion = 2; }, 'specVersion', /engine reads specVersion 1/],
  ['empty cluster name', (s) => { s.clusterName = ''; }, 'clusterName', /EKS cluster name/],
  ['bad region', (s) => { s.region = 'europe'; }, 'region', /region name/],
  ['duplicate node group', (s) => { s.nodegroups.push({ name: 'general' }); }, 'nodegroups[1]', /duplicates nodegroups\[0\]/],
  ['duplicate add-on', (s) => { s.addons.push({ name: 'vpc-cni' }); }, 'addons[1]', /duplicates addons\[0\]/],
  ['NG-NOT-ABOVE-CP: node group above control plane', (s) => { s.nodegroups[0].version = '1.32'; }, 'nodegroups[0].version', /above the control-plane target 1\.31/, 'NG-NOT-ABOVE-CP'],
  ['NG-LT-SAME: launch template id and name', (s) => { s.nodegroups[0].launchTemplate = { id: 'lt-1', name: 'x', version: 3 }; }, 'nodegroups[0].launchTemplate', /exactly one/, 'NG-LT-SAME'],
  ['launch template without version', (s) => { s.nodegroups[0].launchTemplate = { id: 'lt-1' }; }, 'nodegroups[0].launchTemplate.version', /is required/],
  ['both maxUnavailable kinds', (s) => { s.nodegroups[0].updateConfig = { maxUnavailable: 1, maxUnavailablePercentage: 10 }; }, 'nodegroups[0].updateConfig', /keep either/],
  ['maxUnavailablePercentage 0', (s) => { s.nodegroups[0].updateConfig = { maxUnavailablePercentage: 0 }; }, 'nodegroups[0].updateConfig.maxUnavailablePercentage', /1 to 100/],
  ['RELEASE-FORMAT: bad release version', (s) => { s.nodegroups[0].releaseVersion = 'newest'; }, 'nodegroups[0].releaseVersion',
    /"newest" is not an AMI release version: use "latest", an Amazon Linux release such as 1\.31\.3-20241213 .*, a Windows release such as 1\.31-2024\.11\.12 .* or a Bottlerocket release such as 1\.43\.0-5a2b9c1d/, 'RELEASE-FORMAT'],
  ['bad add-on version', (s) => { s.addons[0].version = '1.19'; }, 'addons[0].version', /clusterDefault/],
  ['ADDON-SETTINGS-CONTENT: configurationValues neither JSON nor YAML', (s) => { s.addons[0].configurationValues = 'replicas: [2'; }, 'addons[0].configurationValues',
    /^does not parse as JSON or YAML \(YAML: Flow sequence .* at line 1, column 13\); give a mapping, e\.g\. \{"env":\{"WARM_IP_TARGET":"5"\}\} or env: \{WARM_IP_TARGET: "5"\}$/, 'ADDON-SETTINGS-CONTENT'],
  ['ADDON-SETTINGS-CONTENT: configurationValues opening like JSON names both parsers', (s) => { s.addons[0].configurationValues = '{"env": {"A": "1"'; }, 'addons[0].configurationValues',
    /^does not parse as JSON or YAML \(JSON: .*; YAML: .*\)/, 'ADDON-SETTINGS-CONTENT'],
  ['ADDON-SETTINGS-CONTENT: configurationValues with a key twice', (s) => { s.addons[0].configurationValues = 'replicas: 1\nreplicas: 2'; }, 'addons[0].configurationValues',
    /YAML: Map keys must be unique at line 2, column 1/, 'ADDON-SETTINGS-CONTENT'],
  ['ADDON-SETTINGS-CONTENT: configurationValues a JSON array', (s) => { s.addons[0].configurationValues = '[1]'; }, 'addons[0].configurationValues',
    /^parses to a list: EKS expects a mapping of settings .*; use \{\} to reset the add-on to its default configuration$/, 'ADDON-SETTINGS-CONTENT'],
  ['ADDON-SETTINGS-CONTENT: configurationValues a YAML scalar', (s) => { s.addons[0].configurationValues = '3'; }, 'addons[0].configurationValues', /^parses to the number 3: EKS expects a mapping/, 'ADDON-SETTINGS-CONTENT'],
  ['ADDON-SETTINGS-CONTENT: configurationValues empty', (s) => { s.addons[0].configurationValues = ' '; }, 'addons[0].configurationValues', /^is empty: EKS expects a mapping/, 'ADDON-SETTINGS-CONTENT'],
  ['configurationValues not text', (s) => { s.addons[0].configurationValues = { replicas: 2 }; }, 'addons[0].configurationValues', /must be JSON or YAML text of a mapping/, 'ADDON-SETTINGS-CONTENT'],
  ['malformed role ARN', (s) => { s.addons[0].serviceAccountRoleArn = 'arn:aws:iam::1:role/x'; }, 'addons[0].serviceAccountRoleArn', /IAM role ARN/],
  ['resolveConflicts', (s) => { s.addons[0].resolveConflicts = 'FORCE'; }, 'addons[0].resolveConflicts', /OVERWRITE, NONE, PRESERVE/],
  ['updateStrategy', (s) => { s.nodegroups[0].updateConfig = { updateStrategy: 'FAST' }; }, 'nodegroups[0].updateConfig.updateStrategy', /^"FAST" is not one of DEFAULT, MINIMAL$/],
  ['negative timeout', (s) => { s.policy = { updateTimeoutMinutes: { cluster: -5 } }; }, 'policy.updateTimeoutMinutes.cluster', /positive number/],
  ['concurrency 0', (s) => { s.policy = { maxConcurrentNodegroups: 0 }; }, 'policy.maxConcurrentNodegroups', /1 to 100/],
  ['insights policy', (s) => { s.policy = { insights: 'strict' }; }, 'policy.insights', /fail, warn, ignore/],
  ['data-plane policy', (s) => { s.policy = { dataPlane: 'always' }; }, 'policy.dataPlane', /required, best-effort, off/],
  ['EVICTION-BUDGET: evictions policy', (s) => { s.policy = { evictions: 'delete' }; }, 'policy.evictions', /fail, warn, force/, 'EVICTION-BUDGET'],
  ['EVICTION-BUDGET: a node group\'s evictions', (s) => { s.nodegroups[0].evictions = true; }, 'nodegroups[0].evictions', /fail, warn, force/, 'EVICTION-BUDGET'],
  ['CP-ROLLBACK: rollback timeout', (s) => { s.controlPlane.rollbackTimeoutMinutes = 60; }, 'controlPlane.rollbackTimeoutMinutes', /120 to 10080/, 'CP-ROLLBACK'],
  ['not an object', (s) => { s.nodegroups = 'general'; }, 'nodegroups', /must be a list/],
  ['RELEASE-FORMAT: Amazon Linux release of another minor', (s) => { s.nodegroups[0].releaseVersion = '1.30.11-20250610'; }, 'nodegroups[0].releaseVersion',
    /AMI release of Kubernetes 1\.30, but the node group's target is 1\.31/, 'RELEASE-FORMAT'],
  ['RELEASE-FORMAT: Windows release of another minor', (s) => { s.nodegroups[0].releaseVersion = '1.30-2024.11.12'; }, 'nodegroups[0].releaseVersion',
    /^1\.30-2024\.11\.12 is an AMI release of Kubernetes 1\.30, but the node group's target is 1\.31; pick a 1\.31 release or "latest"$/, 'RELEASE-FORMAT'],
  ['KUBELET-SKEW: node group beyond the kubelet skew', (s) => { s.nodegroups[0].version = '1.27'; }, 'nodegroups[0].version', /1\.27 would lag the control-plane target 1\.31 by 4 minors; EKS allows 3/, 'KUBELET-SKEW'],
  ['assumeRole without roleArn', (s) => { s.assumeRole = { externalId: 'abc' }; }, 'assumeRole.roleArn', /^is required: the IAM role ARN the handler assumes/],
  ['assumeRole roleArn of a user', (s) => { s.assumeRole = { roleArn: 'arn:aws:iam::123456789012:user/ops' }; }, 'assumeRole.roleArn', /is not an IAM role ARN/],
  ['assumeRole externalId with a space', (s) => { s.assumeRole = { roleArn: 'arn:aws:iam::123456789012:role/up', externalId: 'a b' }; }, 'assumeRole.externalId', /2–1224 characters/],
  ['assumeRole sessionName too long', (s) => { s.assumeRole = { roleArn: 'arn:aws:iam::123456789012:role/up', sessionName: 'x'.repeat(65) }; }, 'assumeRole.sessionName', /2–64 characters/],
  ['assumeRole not an object', (s) => { s.assumeRole = 'arn:aws:iam::123456789012:role/up'; }, 'assumeRole', /must be an object/],
  ['assumeRole unknown key', (s) => { s.assumeRole = { roleArn: 'arn:aws:iam::123456789012:role/up', sesionName: 'x' }; }, 'assumeRole.sesionName', /did you mean "sessionName"/],
  ['skipLevelNodegroups not a boolean', (s) => { s.policy = { skipLevelNodegroups: 'yes' }; }, 'policy.skipLevelNodegroups', /^"yes" must be true or false$/],
];

describe('checkSpec', () => {
  // Rest parameters: jest passes a `done` callback in the place of a missing last column when a test takes more.
  test.each(cases)('%s', (...[, mutate, field, message, rule]) => {
    const spec = base();
    mutate(spec);
    const problems = checkSpec(spec);
    expect(problems).toContainEqual(rule === undefined ? { field, message: expect.stringMatching(message) } : { field, message: expect.stringMatching(message), rule });
  });

  // RELEASE-FORMAT: the union of the per-family forms, each checked against the node group's minor where it names one.
  test.each([
    ['an Amazon Linux release', '1.31.3-20241213'],
    ['a Windows release', '1.31-2024.11.12'],
    ['a Bottlerocket release (an OS version: no Kubernetes minor to check)', '1.43.0-5a2b9c1d'],
    ['a Bottlerocket release whose OS version reads like another minor', '1.30.0-6154605b'],
    ['latest', 'latest'],
  ])('RELEASE-FORMAT: %s is accepted', (_name, releaseVersion) => {
    const spec: any = base();
    spec.nodegroups[0].releaseVersion = releaseVersion;
    expect(checkSpec(spec)).toEqual([]);
  });

  test.each([
    ['an Amazon Linux release without its date', '1.31.3'],
    ['a Windows release with a hyphenated date', '1.31-2024-11-12'],
    ['a Windows release with a compact date', '1.31-20241112'],
    ['a Bottlerocket release with a short build id', '1.43.0-5a2b9c1'],
    ['a Bottlerocket release with an upper-case build id', '1.43.0-5A2B9C1D'],
    ['an AMI name', 'amazon-eks-node-1.31-v20241213'],
    ['a leading v', 'v1.31.3-20241213'],
    // Not refused here: 1.31.3-20241313 has the Bottlerocket form (its "date" reads as a build id), and the spec does not
    // know the AMI type. The engine's checkReleaseVersion, which does, refuses it for Amazon Linux.
  ])('RELEASE-FORMAT: %s is refused', (_name, releaseVersion) => {
    const spec: any = base();
    spec.nodegroups[0].releaseVersion = releaseVersion;
    expect(checkSpec(spec)).toEqual([{ field: 'nodegroups[0].releaseVersion', message: expect.stringContaining('is not an AMI release version'), rule: 'RELEASE-FORMAT' }]);
  });

  test.each([
    ['JSON', '{"env":{"WARM_IP_TARGET":"5"}}'],
    ['JSON indented with tabs (not YAML indentation)', '{\n\t"env": {\n\t\t"WARM_IP_TARGET": "5"\n\t}\n}'],
    ['YAML block style', 'env:\n  WARM_IP_TARGET: "5"\n'],
    ['YAML flow style', '{env: {WARM_IP_TARGET: "5"}}'],
    ['an empty mapping (reset to defaults)', '{}'],
  ])('ADDON-SETTINGS-CONTENT: configurationValues as %s is accepted', (_name, text) => {
    const spec: any = base();
    spec.addons[0].configurationValues = text;
    expect(checkSpec(spec)).toEqual([]);
  });

  test('a valid spec has no problems', () => {
    expect(checkSpec(base())).toEqual([]);
  });

  test('reports every problem at once', () => {
    const spec: any = base();
    spec.controlPlane.version = 'v1.31';
    spec.addons[0].configurationValues = 'nope';
    expect(checkSpec(spec).map((p) => p.field)).toEqual(['controlPlane.version', 'addons[0].configurationValues']);
  });

  test('skips values a caller marks unresolved (synth-time tokens)', () => {
    const spec: any = base();
    spec.nodegroups[0].launchTemplate = { id: '${TfToken[1]}', version: '${TfToken[2]}' };
    expect(checkSpec(spec, { isUnresolved: (v) => typeof v === 'string' && v.startsWith('${') })).toEqual([]);
    expect(checkSpec(spec).map((p) => p.field)).toEqual(['nodegroups[0].launchTemplate.version']);
  });
});

describe('checkSpec: unknown keys', () => {
  /** [case, mutation of a valid spec, the field reported, its message] */
  const unknown: Array<[string, Mutation, string, string]> = [
    ['top level, case', (s) => { s.nodeGroups = s.nodegroups; delete s.nodegroups; }, 'nodeGroups', 'unknown key "nodeGroups" in the spec: did you mean "nodegroups"?'],
    ['top level, snake case', (s) => { s.cluster_name = 'prod'; }, 'cluster_name', 'unknown key "cluster_name" in the spec: did you mean "clusterName"?'],
    ['controlPlane, swapped letters', (s) => { s.controlPlane.verison = '1.30'; }, 'controlPlane.verison', 'unknown key "verison" in controlPlane: did you mean "version"?'],
    ['addons[i]', (s) => { s.addons[0].resolve_conflicts = 'NONE'; }, 'addons[0].resolve_conflicts', 'unknown key "resolve_conflicts" in addons[0]: did you mean "resolveConflicts"?'],
    ['podIdentityAssociations[j]', (s) => { s.addons[0].podIdentityAssociations = [{ serviceAccount: 'a', roleArn: 'arn:aws:iam::123456789012:role/a' }, { serviceAccount: 'b', rolearn: 'arn:aws:iam::123456789012:role/b' }]; },
      'addons[0].podIdentityAssociations[1].rolearn', 'unknown key "rolearn" in addons[0].podIdentityAssociations[1]: did you mean "roleArn"?'],
    ['nodegroups[i]', (s) => { s.nodegroups[0].releaseVerison = 'latest'; }, 'nodegroups[0].releaseVerison', 'unknown key "releaseVerison" in nodegroups[0]: did you mean "releaseVersion"?'],
    ['launchTemplate', (s) => { s.nodegroups[0].launchTemplate = { id: 'lt-1', version: 2, latest: true }; }, 'nodegroups[0].launchTemplate.latest',
      'unknown key "latest" in nodegroups[0].launchTemplate: remove it; the keys there are id, name, version'],
    ['updateConfig', (s) => { s.nodegroups[0].updateConfig = { maxUnavailabe: 1 }; }, 'nodegroups[0].updateConfig.maxUnavailabe', 'unknown key "maxUnavailabe" in nodegroups[0].updateConfig: did you mean "maxUnavailable"?'],
    ['policy', (s) => { s.policy = { insight: 'warn' }; }, 'policy.insight', 'unknown key "insight" in policy: did you mean "insights"?'],
    ['updateTimeoutMinutes', (s) => { s.policy = { updateTimeoutMinutes: { nodegroups: 60 } }; }, 'policy.updateTimeoutMinutes.nodegroups',
      'unknown key "nodegroups" in policy.updateTimeoutMinutes: did you mean "nodegroup"?'],
    ['nothing near: lists the keys', (s) => { s.dryRun = true; }, 'dryRun',
      'unknown key "dryRun" in the spec: remove it; the keys there are $schema, specVersion, clusterName, region, assumeRole, controlPlane, addons, nodegroups, policy'],
    ['a key that is not a name', (s) => { s.controlPlane['max skew'] = 1; }, 'controlPlane["max skew"]', expect.stringMatching(/^unknown key "max skew" in controlPlane: remove it/) as any],
  ];
  test.each(unknown)('%s', (...[, mutate, field, message]) => {
    const spec = base();
    mutate(spec);
    // The unknown key comes first; a required key it was meant to be may follow.
    expect(checkSpec(spec)[0]).toEqual({ field, message });
  });

  test('a misspelt key is reported with the other problems at once', () => {
    const spec: any = base();
    spec.controlPlane = { verison: '1.31' };
    spec.nodeGroups = [{ name: 'general' }];
    spec.addons[0].version = '1.19';
    expect(checkSpec(spec).map((p) => p.field)).toEqual(['nodeGroups', 'controlPlane.verison', 'controlPlane.version', 'addons[0].version']);
    expect(() => parseSpec(spec)).toThrow(/nodeGroups: unknown key "nodeGroups" in the spec: did you mean "nodegroups"\?\n.*controlPlane\.verison: unknown key/);
  });

  test('a spec without specVersion names a misspelt one', () => {
    const spec: any = base();
    spec.specversion = spec.specVersion;
    delete spec.specVersion;
    expect(checkSpec(spec)).toEqual([
      { field: 'specVersion', message: 'is required: 1, the version of the spec format' },
      { field: 'specversion', message: 'unknown key "specversion" in the spec: did you mean "specVersion"?' },
    ]);
  });

  test('a "$schema" key (for editors) is accepted at the top level only, and must be text', () => {
    expect(checkSpec({ $schema: './node_modules/cdktf-eks-upgrade/schema/upgrade-spec-v1.schema.json', ...base() })).toEqual([]);
    expect(parseSpec({ $schema: 'x', ...base() })).not.toHaveProperty('$schema');
    expect(checkSpec({ $schema: 1, ...base() })).toEqual([{ field: '$schema', message: expect.stringMatching(/^1 must be text: the URL or path of the spec's JSON Schema/) }]);
    const nested: any = base();
    nested.controlPlane.$schema = 'x';
    expect(checkSpec(nested).map((p) => p.field)).toEqual(['controlPlane.$schema']);
  });

  test('Terraform nulls of known keys are not unknown keys', () => {
    const spec: any = base();
    spec.region = null;
    spec.nodegroups[0] = { name: 'general', releaseVersion: null, launchTemplate: null, updateConfig: { maxUnavailable: 1, maxUnavailablePercentage: null, updateStrategy: null } };
    expect(checkSpec(spec)).toEqual([]);
  });

  test('keys of objects are checked beside synth-time tokens', () => {
    const spec: any = base();
    spec.nodegroups[0].launchTemplate = { id: '${TfToken[1]}', version: '${TfToken[2]}', verison: 3 };
    expect(checkSpec(spec, { isUnresolved: (v) => typeof v === 'string' && v.startsWith('${') }).map((p) => p.field)).toEqual(['nodegroups[0].launchTemplate.verison']);
  });

  test('a pod identity association needs its role', () => {
    const spec: any = base();
    spec.addons[0].podIdentityAssociations = [{ serviceAccount: 'aws-node' }];
    expect(checkSpec(spec)).toEqual([{ field: 'addons[0].podIdentityAssociations[0].roleArn', message: expect.stringMatching(/^is required: the IAM role ARN/) }]);
  });
});

describe('parseSpec', () => {
  test('fills defaults and turns Terraform nulls into absent fields', () => {
    const spec = parseSpec({ ...base(), region: null, nodegroups: [{ name: 'gpu', releaseVersion: null, launchTemplate: { id: 'lt-1', name: null, version: 7 } }] });
    expect(spec.region).toBeUndefined();
    expect(spec.controlPlane).toEqual({ version: '1.31', force: false, allowRollback: false, rollbackTimeoutMinutes: 720 });
    expect(spec.nodegroups[0]).toEqual({ name: 'gpu', version: 'cluster', force: false, launchTemplate: { id: 'lt-1', version: '7' } });
    expect(spec.policy).toEqual({
      insights: 'fail', maxConcurrentNodegroups: 3, maxKubeletSkew: 3, skipLevelNodegroups: false, updateTimeoutMinutes: { cluster: 90, nodegroup: 180, addon: 30 }, dataPlane: 'best-effort', evictions: 'fail',
    });
  });

  test('EVICTION-BUDGET: a node group\'s evictions overrides the policy\'s and is absent when not given', () => {
    const spec = parseSpec({ ...base(), policy: { evictions: 'warn' }, nodegroups: [{ name: 'a', evictions: 'force' }, { name: 'b', evictions: null }] });
    expect(spec.policy.evictions).toBe('warn');
    expect(spec.nodegroups.map((n) => n.evictions)).toEqual(['force', undefined]);
  });

  test('MNG-MATCH-CP: skip-level node-group upgrades are opt-in (policy.skipLevelNodegroups, default false)', () => {
    expect(parseSpec(base()).policy.skipLevelNodegroups).toBe(false);
    expect(parseSpec({ ...base(), policy: { skipLevelNodegroups: null } }).policy.skipLevelNodegroups).toBe(false);
    expect(parseSpec({ ...base(), policy: { skipLevelNodegroups: true } }).policy.skipLevelNodegroups).toBe(true);
    expect(parseSpec({ ...base(), policy: { skipLevelNodegroups: false } }).policy.skipLevelNodegroups).toBe(false);
  });

  test('throws one SpecError naming every field', () => {
    expect(() => parseSpec({ specVersion: 1, clusterName: 'x', controlPlane: { version: '1.31.0' }, nodegroups: [{ name: 'a', version: 'latest' }] }))
      .toThrow(SpecError);
    expect(() => parseSpec('{}')).toThrow(/spec: must be a JSON object/);
  });
});

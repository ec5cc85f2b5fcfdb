import { checkSpec, parseSpec, SpecError } from '../../src/spec/parse-spec';

const base = () => ({
  specVersion: 1,
  clusterName: 'prod',
  controlPlane: { version: '1.31' },
  addons: [{ name: 'vpc-cni', version: 'latest' }],
  nodegroups: [{ name: 'general', version: 'cluster' }],
});

type Mutation = (s: any) => void;
const cases: Array<[string, Mutation, string, RegExp]> = [
  ['patch version', (s) => { s.controlPlane.version = '1.31.2'; }, 'controlPlane.version', /form 1\.31/],
  ['leading v', (s) => { s.controlPlane.version = 'v1.31'; }, 'controlPlane.version', /no leading v/],
  ['major 2', (s) => { s.controlPlane.version = '2.0'; }, 'controlPlane.version', /not a Kubernetes minor/],
  ['missing version', (s) => { delete s.controlPlane.version; }, 'controlPlane.version', /is required/],
  ['unknown specVersion', (s) => { s.specVersion = 2; }, 'specVersion', /engine reads specVersion 1/],
  ['empty cluster name', (s) => { s.clusterName = ''; }, 'clusterName', /EKS cluster name/],
  ['bad region', (s) => { s.region = 'europe'; }, 'region', /region name/],
  ['duplicate node group', (s) => { s.nodegroups.push({ name: 'general' }); }, 'nodegroups[1]', /duplicates nodegroups\[0\]/],
  ['duplicate add-on', (s) => { s.addons.push({ name: 'vpc-cni' }); }, 'addons[1]', /duplicates addons\[0\]/],
  ['node group above control plane', (s) => { s.nodegroups[0].version = '1.32'; }, 'nodegroups[0].version', /above the control-plane target 1\.31/],
  ['launch template id and name', (s) => { s.nodegroups[0].launchTemplate = { id: 'lt-1', name: 'x', version: 3 }; }, 'nodegroups[0].launchTemplate', /exactly one/],
  ['launch template without version', (s) => { s.nodegroups[0].launchTemplate = { id: 'lt-1' }; }, 'nodegroups[0].launchTemplate.version', /is required/],
  ['both maxUnavailable kinds', (s) => { s.nodegroups[0].updateConfig = { maxUnavailable: 1, maxUnavailablePercentage: 10 }; }, 'nodegroups[0].updateConfig', /keep either/],
  ['maxUnavailablePercentage 0', (s) => { s.nodegroups[0].updateConfig = { maxUnavailablePercentage: 0 }; }, 'nodegroups[0].updateConfig.maxUnavailablePercentage', /1 to 100/],
  ['bad release version', (s) => { s.nodegroups[0].releaseVersion = 'newest'; }, 'nodegroups[0].releaseVersion', /"latest"/],
  ['bad add-on version', (s) => { s.addons[0].version = '1.19'; }, 'addons[0].version', /clusterDefault/],
  ['configurationValues not JSON', (s) => { s.addons[0].configurationValues = 'replicas: 2'; }, 'addons[0].configurationValues', /JSON object/],
  ['configurationValues a JSON array', (s) => { s.addons[0].configurationValues = '[1]'; }, 'addons[0].configurationValues', /JSON object/],
  ['malformed role ARN', (s) => { s.addons[0].serviceAccountRoleArn = 'arn:aws:iam::1:role/x'; }, 'addons[0].serviceAccountRoleArn', /IAM role ARN/],
  ['resolveConflicts', (s) => { s.addons[0].resolveConflicts = 'FORCE'; }, 'addons[0].resolveConflicts', /OVERWRITE, NONE, PRESERVE/],
  ['negative timeout', (s) => { s.policy = { updateTimeoutMinutes: { cluster: -5 } }; }, 'policy.updateTimeoutMinutes.cluster', /positive number/],
  ['concurrency 0', (s) => { s.policy = { maxConcurrentNodegroups: 0 }; }, 'policy.maxConcurrentNodegroups', /1 to 100/],
  ['insights policy', (s) => { s.policy = { insights: 'strict' }; }, 'policy.insights', /fail, warn, ignore/],
  ['rollback timeout', (s) => { s.controlPlane.rollbackTimeoutMinutes = 60; }, 'controlPlane.rollbackTimeoutMinutes', /120 to 10080/],
  ['not an object', (s) => { s.nodegroups = 'general'; }, 'nodegroups', /must be a list/],
  ['release of another minor', (s) => { s.nodegroups[0].releaseVersion = '1.30.11-20250610'; }, 'nodegroups[0].releaseVersion', /AMI release of Kubernetes 1\.30, but the node group's target is 1\.31/],
  ['node group beyond the kubelet skew', (s) => { s.nodegroups[0].version = '1.27'; }, 'nodegroups[0].version', /1\.27 would lag the control-plane target 1\.31 by 4 minors; EKS allows 3/],
];

describe('checkSpec', () => {
  test.each(cases)('%s', (_name, mutate, field, message) => {
    const spec = base();
    mutate(spec);
    const problems = checkSpec(spec);
    expect(problems).toContainEqual({ field, message: expect.stringMatching(message) });
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

describe('parseSpec', () => {
  test('fills defaults and turns Terraform nulls into absent fields', () => {
    const spec = parseSpec({ ...base(), region: null, nodegroups: [{ name: 'gpu', releaseVersion: null, launchTemplate: { id: 'lt-1', name: null, version: 7 } }] });
    expect(spec.region).toBeUndefined();
    expect(spec.controlPlane).toEqual({ version: '1.31', force: false, allowRollback: false, rollbackTimeoutMinutes: 720 });
    expect(spec.nodegroups[0]).toEqual({ name: 'gpu', version: 'cluster', force: false, launchTemplate: { id: 'lt-1', version: '7' } });
    expect(spec.policy).toEqual({ insights: 'fail', maxConcurrentNodegroups: 3, maxKubeletSkew: 3, updateTimeoutMinutes: { cluster: 90, nodegroup: 180, addon: 30 } });
  });

  test('throws one SpecError naming every field', () => {
    expect(() => parseSpec({ specVersion: 1, clusterName: 'x', controlPlane: { version: '1.31.0' }, nodegroups: [{ name: 'a', version: 'latest' }] }))
      .toThrow(SpecError);
    expect(() => parseSpec('{}')).toThrow(/spec: must be a JSON object/);
  });
});

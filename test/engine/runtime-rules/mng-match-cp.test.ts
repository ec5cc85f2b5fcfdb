import { LiveNodegroup } from '../../../src/aws/live-state';
import { ClusterVersionStep } from '../../../src/engine/plan-types';
import { catchUpStep, parseNodegroupsMustMatch } from '../../../src/engine/runtime-rules/mng-match-cp';
import { UpdateFailedError } from '../../../src/errors/run-errors';
import { parseSpec } from '../../../src/upgrade-spec/parse-spec';

const refusal = (names: string, name = 'InvalidParameterException') =>
  Object.assign(new Error(`Nodegroups ${names} must be updated to match cluster version 1.30 before updating cluster version`), { name });

describe('MNG-MATCH-CP: parsing EKS\'s refusal', () => {
  test.each([
    ['eks-stg-gp', ['eks-stg-gp']],
    ['general, batch', ['general', 'batch']],
    ['general,batch', ['general', 'batch']],
    ['general batch', ['general', 'batch']],
    ['general, batch and gpu_1', ['general', 'batch', 'gpu_1']],
    ['[general, batch]', ['general', 'batch']],
    ['"general", \'batch\'', ['general', 'batch']],
    ['general, general', ['general']],
  ])('MNG-MATCH-CP: "%s" names %j', (names, expected) => {
    expect(parseNodegroupsMustMatch(refusal(names))).toEqual({ nodegroups: expected, version: '1.30' });
  });

  test('MNG-MATCH-CP: the same message as InvalidRequestException is recognised; other errors are not', () => {
    expect(parseNodegroupsMustMatch(refusal('a', 'InvalidRequestException'))?.nodegroups).toEqual(['a']);
    expect(parseNodegroupsMustMatch(refusal('a', 'ResourceInUseException'))).toBeUndefined();
    expect(parseNodegroupsMustMatch(Object.assign(new Error('Unsupported Kubernetes minor version update from 1.29 to 1.31'), { name: 'InvalidParameterException' }))).toBeUndefined();
    expect(parseNodegroupsMustMatch(undefined)).toBeUndefined();
  });
});

describe('MNG-MATCH-CP: the catch-up step', () => {
  const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.31' }, nodegroups: [{ name: 'general', force: true }, { name: 'custom', launchTemplate: { name: 'lt', version: 2 } }] });
  const cp: ClusterVersionStep = { action: 'cluster-version', resource: { kind: 'cluster', name: 'demo' }, from: '1.30', to: '1.31', force: false, reason: 'target' };
  const live = (name: string, amiType = 'AL2023_x86_64_STANDARD'): LiveNodegroup => ({ name, status: 'ACTIVE', version: '1.29', amiType, desiredSize: 2 });
  const must = { nodegroups: ['general'], version: '1.30' };

  test('MNG-MATCH-CP: a targeted node group moves to the named version with its spec force; an untargeted one without force', () => {
    expect(catchUpStep(cp, must, live('general'), spec)).toMatchObject({ action: 'nodegroup-version', version: '1.30', force: true, rule: 'MNG-MATCH-CP', from: { version: '1.29' } });
    expect(catchUpStep(cp, must, live('batch'), spec)).toMatchObject({ version: '1.30', force: false });
  });

  test('MNG-MATCH-CP: a targeted custom-AMI node group is refused, naming its launchTemplate.version field', () => {
    expect(() => catchUpStep(cp, must, live('custom', 'CUSTOM'), spec)).toThrow(UpdateFailedError);
    expect(() => catchUpStep(cp, must, live('custom', 'CUSTOM'), spec)).toThrow(/node group 'custom' .*NG-CUSTOM-AMI.*set nodegroups\[1\]\.launchTemplate\.version to a launch template version whose AMI is built for Kubernetes 1\.30/);
  });
});

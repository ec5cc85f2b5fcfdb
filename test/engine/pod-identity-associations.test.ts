import { samePodIdentityAssociations } from '../../src/engine/pod-identity-associations';

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const cni = { serviceAccount: 'aws-node', roleArn: role('cni') };
const ebs = { serviceAccount: 'ebs-csi-controller-sa', roleArn: role('ebs') };

describe('samePodIdentityAssociations', () => {
  test.each([
    ['none and none', [], []],
    ['the same one', [cni], [{ ...cni }]],
    ['the same two in another order', [cni, ebs], [ebs, cni]],
  ])('ADDON-SETTINGS-CONTENT: %s are the same', (_name, want, have) => {
    expect(samePodIdentityAssociations(want, have)).toBe(true);
    expect(samePodIdentityAssociations(have, want)).toBe(true);
  });

  test.each([
    ['one wanted, none there', [cni], []],
    ['none wanted, one there (an empty list removes them)', [], [cni]],
    ['another role for the same service account (same count)', [cni], [{ ...cni, roleArn: role('other') }]],
    ['the role on another service account (same count)', [cni], [{ ...cni, serviceAccount: 'other' }]],
    ['roles swapped between two service accounts', [cni, ebs], [{ ...cni, roleArn: ebs.roleArn }, { ...ebs, roleArn: cni.roleArn }]],
    ['one twice against two different', [cni, cni], [cni, ebs]],
  ])('ADDON-SETTINGS-CONTENT: %s differ', (_name, want, have) => {
    expect(samePodIdentityAssociations(want, have)).toBe(false);
    expect(samePodIdentityAssociations(have, want)).toBe(false);
  });
});

import { TerraformVariable, Testing } from 'cdktf';
import { errorOf } from './helpers';
import { ReleaseVersion } from '../../src';

describe('ReleaseVersion', () => {
  test('latest is resolved by the handler', () => {
    expect(ReleaseVersion.latest().value).toBe('latest');
  });

  // RELEASE-FORMAT: the forms the spec parser accepts, one per AMI family.
  test.each([
    ['Amazon Linux', '1.31.3-20241213'],
    ['Windows', '1.31-2024.11.12'],
    ['Bottlerocket', '1.43.0-5a2b9c1d'],
  ])('RELEASE-FORMAT: an exact %s release is passed as it is', (_family, release) => {
    expect(ReleaseVersion.of(release).value).toBe(release);
  });

  test.each([
    'v1.31.3-20241213',
    '1.31.3',
    '1.31-2024-11-12',
    '1.31-20241112',
    '1.43.0-5a2b9c1',
    'amazon-eks-node-1.31-v20241213',
    '',
  ])('RELEASE-FORMAT: %j is refused at once, naming the forms', (release) => {
    expect(errorOf(() => ReleaseVersion.of(release))).toBe(
      `ReleaseVersion.of: '${release}' is not an AMI release version: use an Amazon Linux release such as 1.31.3-20241213 (<Kubernetes version>-<YYYYMMDD>), `
      + 'a Windows release such as 1.31-2024.11.12 (<Kubernetes minor>-<YYYY.MM.DD>) or a Bottlerocket release such as 1.43.0-5a2b9c1d (the Bottlerocket OS version and build), '
      + 'or ReleaseVersion.latest()',
    );
  });

  test('a value only Terraform knows is left to the handler', () => {
    Testing.synthScope((scope) => {
      const token = new TerraformVariable(scope, 'release', { type: 'string' }).stringValue;
      expect(ReleaseVersion.of(token).value).toBe(token);
    });
  });
});

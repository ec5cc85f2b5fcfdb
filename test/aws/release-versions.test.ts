import {
  checkReleaseVersion, compareReleaseVersions, isAmazonLinux2, releaseVersionParameter,
} from '../../src/aws/release-versions';
import { AL2_LAST_MINOR } from '../../src/upgrade-spec/amazon-linux-2';

describe('release versions per AMI type', () => {
  // RELEASE-FORMAT: the SSM parameter holding the newest release, per AMI type of the API reference.
  test.each([
    ['AL2_x86_64', '1.31', '/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/release_version'],
    ['AL2_ARM_64', '1.31', '/aws/service/eks/optimized-ami/1.31/amazon-linux-2-arm64/recommended/release_version'],
    ['AL2_x86_64_GPU', '1.32', '/aws/service/eks/optimized-ami/1.32/amazon-linux-2-gpu/recommended/release_version'],
    ['AL2023_x86_64_STANDARD', '1.33', '/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/release_version'],
    ['AL2023_ARM_64_STANDARD', '1.33', '/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/arm64/standard/recommended/release_version'],
    ['AL2023_x86_64_NVIDIA', '1.33', '/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/nvidia/recommended/release_version'],
    ['AL2023_ARM_64_NVIDIA', '1.33', '/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/arm64/nvidia/recommended/release_version'],
    ['AL2023_x86_64_NEURON', '1.33', '/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/neuron/recommended/release_version'],
    ['BOTTLEROCKET_x86_64', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33/x86_64/latest/image_version'],
    ['BOTTLEROCKET_ARM_64', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33/arm64/latest/image_version'],
    ['BOTTLEROCKET_x86_64_NVIDIA', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33-nvidia/x86_64/latest/image_version'],
    ['BOTTLEROCKET_ARM_64_NVIDIA', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33-nvidia/arm64/latest/image_version'],
    ['BOTTLEROCKET_x86_64_FIPS', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33-fips/x86_64/latest/image_version'],
    ['BOTTLEROCKET_ARM_64_FIPS', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33-fips/arm64/latest/image_version'],
    ['BOTTLEROCKET_x86_64_NVIDIA_FIPS', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33-nvidia-fips/x86_64/latest/image_version'],
    ['BOTTLEROCKET_ARM_64_NVIDIA_FIPS', '1.33', '/aws/service/bottlerocket/aws-k8s-1.33-nvidia-fips/arm64/latest/image_version'],
  ])('RELEASE-FORMAT: %s on %s reads %s', (amiType, version, parameter) => {
    expect(releaseVersionParameter(amiType, version)).toBe(parameter);
  });

  test.each([
    ['WINDOWS_CORE_2022_x86_64', '1.31'],
    ['WINDOWS_FULL_2019_x86_64', '1.31'],
    ['WINDOWS_CORE_2025_x86_64', '1.33'],
    ['CUSTOM', '1.31'],
    ['SOMETHING_NEW', '1.31'],
  ])('RELEASE-FORMAT: %s has no public release parameter', (amiType, version) => {
    expect(releaseVersionParameter(amiType, version)).toBeUndefined();
  });

  test.each(['AL2_x86_64', 'AL2_ARM_64', 'AL2_x86_64_GPU'])('AL2-ENDS-1-32: %s has a release parameter up to 1.32 and none after', (amiType) => {
    expect(AL2_LAST_MINOR).toBe('1.32');
    expect(releaseVersionParameter(amiType, '1.32')).toBeDefined();
    expect(releaseVersionParameter(amiType, '1.33')).toBeUndefined();
    expect(releaseVersionParameter(amiType, '1.34')).toBeUndefined();
  });

  test.each([
    ['AL2_x86_64', true], ['AL2_ARM_64', true], ['AL2_x86_64_GPU', true],
    ['AL2023_x86_64_STANDARD', false], ['AL2023_ARM_64_NVIDIA', false], ['BOTTLEROCKET_x86_64', false], ['CUSTOM', false], ['WINDOWS_CORE_2022_x86_64', false],
  ])('AL2-ENDS-1-32: isAmazonLinux2(%s) is %s', (amiType, expected) => {
    expect(isAmazonLinux2(amiType)).toBe(expected);
  });
});

describe('checkReleaseVersion', () => {
  test.each([
    ['AL2023_x86_64_STANDARD', '1.31.3-20241213', '1.31'],
    ['AL2_x86_64', '1.32.0-20250101', '1.32'],
    ['WINDOWS_CORE_2022_x86_64', '1.31-2024.11.12', '1.31'],
    ['WINDOWS_FULL_2025_x86_64', '1.33-2025.05.17', '1.33'],
    // A Bottlerocket release is an OS version: 1.30.0 is not Kubernetes 1.30, so it fits a 1.33 node group.
    ['BOTTLEROCKET_x86_64', '1.30.0-6154605b', '1.33'],
    ['BOTTLEROCKET_ARM_64_NVIDIA_FIPS', '1.43.0-5a2b9c1d', '1.31'],
    ['AL2023_x86_64_STANDARD', 'latest', '1.33'],
    ['WINDOWS_CORE_2022_x86_64', 'latest', '1.31'],
    ['SOMETHING_NEW', '1.31.3-20241213', '1.31'],
  ])('RELEASE-FORMAT: %s takes %s on %s', (amiType, release, version) => {
    expect(checkReleaseVersion(amiType, release, version)).toBeUndefined();
  });

  test.each([
    ['an Amazon Linux release of another minor', 'AL2023_x86_64_STANDARD', '1.30.11-20250610', '1.31',
      '1.30.11-20250610 is a release for Kubernetes 1.30, but the node group\'s version is 1.31: Amazon Linux releases read 1.31.<patch>-<YYYYMMDD>, e.g. 1.31.3-20241213, or use "latest"'],
    ['an Amazon Linux release with an impossible date', 'AL2023_x86_64_STANDARD', '1.31.3-20241313', '1.31',
      '1.31.3-20241313 is not a release of AL2023_x86_64_STANDARD: Amazon Linux releases read 1.31.<patch>-<YYYYMMDD>, e.g. 1.31.3-20241213'],
    ['a Windows release on Amazon Linux', 'AL2023_ARM_64_STANDARD', '1.31-2024.11.12', '1.31',
      '1.31-2024.11.12 is not a release of AL2023_ARM_64_STANDARD: Amazon Linux releases read 1.31.<patch>-<YYYYMMDD>, e.g. 1.31.3-20241213'],
    ['an Amazon Linux release on Windows', 'WINDOWS_CORE_2022_x86_64', '1.31.3-20241213', '1.31',
      '1.31.3-20241213 is not a release of WINDOWS_CORE_2022_x86_64: Windows releases read 1.31-<YYYY.MM.DD>, e.g. 1.31-2024.11.12'],
    ['a Windows release of another minor', 'WINDOWS_FULL_2022_x86_64', '1.30-2024.11.12', '1.31',
      '1.30-2024.11.12 is a release for Kubernetes 1.30, but the node group\'s version is 1.31: Windows releases read 1.31-<YYYY.MM.DD>, e.g. 1.31-2024.11.12, or use "latest"'],
    ['a Windows release with a hyphenated date', 'WINDOWS_CORE_2019_x86_64', '1.31-2024-11-12', '1.31',
      '1.31-2024-11-12 is not a release of WINDOWS_CORE_2019_x86_64: Windows releases read 1.31-<YYYY.MM.DD>, e.g. 1.31-2024.11.12'],
    ['an Amazon Linux release on Bottlerocket', 'BOTTLEROCKET_x86_64_FIPS', '1.31-2024.11.12', '1.31',
      '1.31-2024.11.12 is not a release of BOTTLEROCKET_x86_64_FIPS: Bottlerocket releases are the Bottlerocket OS version and build, e.g. 1.43.0-5a2b9c1d, with no Kubernetes minor in them'],
    ['a release on a custom AMI (NG-CUSTOM-AMI)', 'CUSTOM', '1.31.3-20241213', '1.31',
      '1.31.3-20241213 cannot be used: a node group with a custom AMI (amiType CUSTOM) takes no release version; roll its AMI with a launch template version instead'],
    ['AL2-ENDS-1-32: Amazon Linux 2 on 1.33', 'AL2_x86_64', 'latest', '1.33',
      'EKS publishes no Amazon Linux 2 AMI (AL2_x86_64) for Kubernetes 1.33: the last is 1.32; move the node group to AL2023 or Bottlerocket'],
    ['AL2-ENDS-1-32: Amazon Linux 2 GPU on 1.34', 'AL2_x86_64_GPU', '1.34.0-20250601', '1.34',
      'EKS publishes no Amazon Linux 2 AMI (AL2_x86_64_GPU) for Kubernetes 1.34: the last is 1.32; move the node group to AL2023 or Bottlerocket'],
    ['an unknown form on an unknown AMI type', 'SOMETHING_NEW', 'v1', '1.31',
      'v1 is not an AMI release version: use "latest", an Amazon Linux release such as 1.31.3-20241213 (<Kubernetes version>-<YYYYMMDD>), '
      + 'a Windows release such as 1.31-2024.11.12 (<Kubernetes minor>-<YYYY.MM.DD>) or a Bottlerocket release such as 1.43.0-5a2b9c1d (the Bottlerocket OS version and build)'],
  ])('RELEASE-FORMAT: %s is refused, naming the expected form', (_name, amiType, release, version, message) => {
    expect(checkReleaseVersion(amiType, release, version)).toBe(message);
  });
});

describe('compareReleaseVersions', () => {
  test.each([
    ['1.31.3-20241213', '1.31.4-20250101'],
    ['1.31.3-20241213', '1.31.3-20250101'],
    ['1.31-2024.11.12', '1.31-2024.12.13'],
    ['1.31-2024.12.13', '1.31-2025.01.01'],
    ['1.42.0-21e1a4c8', '1.43.0-5a2b9c1d'],
    // The build id is a commit, not an order: a later OS version wins whatever its build id reads as.
    ['1.43.0-99999999', '1.44.0-00000000'],
  ])('%s is older than %s', (older, newer) => {
    expect(compareReleaseVersions(older, newer)).toBeLessThan(0);
    expect(compareReleaseVersions(newer, older)).toBeGreaterThan(0);
  });

  test('builds of the same Bottlerocket OS version are equal in order', () => {
    expect(compareReleaseVersions('1.43.0-5a2b9c1d', '1.43.0-6154605b')).toBe(0);
  });
});

import { AddonVersion } from '../../src';

describe('AddonVersion', () => {
  test.each([
    [AddonVersion.latest(), 'latest'],
    [AddonVersion.clusterDefault(), 'clusterDefault'],
    [AddonVersion.of('v1.19.0-eksbuild.1'), 'v1.19.0-eksbuild.1'],
  ])('%# renders %s', (version, value) => {
    expect(version.value).toBe(value);
  });
});

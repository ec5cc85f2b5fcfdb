import { releaseKubernetesMinor } from '../../src/upgrade-spec/release-version-format';

describe('releaseKubernetesMinor', () => {
  test.each([
    ['1.31.3-20241213', '1.31'],
    ['1.29.15-20250610', '1.29'],
    ['1.31-2024.11.12', '1.31'],
    ['1.33-2025.05.17', '1.33'],
    ['1.43.0-5a2b9c1d', undefined],
    ['1.30.0-6154605b', undefined],
    ['latest', undefined],
  ])('RELEASE-FORMAT: %s is built for %s', (release, minor) => {
    expect(releaseKubernetesMinor(release)).toBe(minor);
  });
});

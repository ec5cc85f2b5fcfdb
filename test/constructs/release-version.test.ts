import { ReleaseVersion } from '../../src';

describe('ReleaseVersion', () => {
  test('latest is resolved by the handler', () => {
    expect(ReleaseVersion.latest().value).toBe('latest');
  });

  test('an exact release is passed as it is', () => {
    expect(ReleaseVersion.of('1.31.0-20241024').value).toBe('1.31.0-20241024');
  });
});

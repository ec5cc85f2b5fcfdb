import { InvalidParameterException, UpdateNodegroupVersionCommand } from '@aws-sdk/client-eks';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { expectServiceError, oneNodegroupSeed, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

async function nodegroupOf(amiType: string) {
  f = await startFixture({ seed: oneNodegroupSeed(amiType, '1.31') });
}
const updateNg = (extra: object) => f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'ng', ...extra }));

/** RELEASE-FORMAT: release versions and their SSM parameters per AMI family. */
describe('RELEASE-FORMAT', () => {
  test.each([
    ['AL2023_x86_64_STANDARD', '1.31.3-20241213', true],
    ['AL2023_x86_64_STANDARD', '1.31-2024.11.12', false],
    ['AL2023_x86_64_STANDARD', '1.30.3-20241213', false],
    ['WINDOWS_CORE_2019_x86_64', '1.31-2024.11.12', true],
    ['WINDOWS_FULL_2022_x86_64', '1.31-2024.11.12', true],
    ['WINDOWS_CORE_2022_x86_64', '1.31.3-20241213', false],
    ['WINDOWS_FULL_2019_x86_64', '1.30-2024.11.12', false],
    ['BOTTLEROCKET_x86_64', '1.43.0-5a2b9c1d', true],
    ['BOTTLEROCKET_ARM_64_FIPS', '1.43.0-5a2b9c1d', true],
    ['BOTTLEROCKET_x86_64_NVIDIA', '1.31.3-20241213', false],
  ])('%s takes release %s: %s', async (amiType, releaseVersion, accepted) => {
    await nodegroupOf(amiType);
    const call = updateNg({ releaseVersion });
    if (accepted) expect((await call).update!.params).toContainEqual({ type: 'ReleaseVersion', value: releaseVersion });
    else await expectServiceError(call, InvalidParameterException, `Requested release version ${releaseVersion} is not valid for kubernetes version 1.31.`, 400);
  });

  test.each([
    ['BOTTLEROCKET_x86_64_FIPS', '/aws/service/bottlerocket/aws-k8s-1.31-fips/x86_64/latest/image_version'],
    ['BOTTLEROCKET_ARM_64_FIPS', '/aws/service/bottlerocket/aws-k8s-1.31-fips/arm64/latest/image_version'],
    ['BOTTLEROCKET_x86_64_NVIDIA', '/aws/service/bottlerocket/aws-k8s-1.31-nvidia/x86_64/latest/image_version'],
    ['AL2023_x86_64_NEURON', '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/neuron/recommended/release_version'],
  ])('without a releaseVersion, %s gets the release SSM publishes under %s', async (amiType, parameter) => {
    await nodegroupOf(amiType);
    const published = (await f.ssm.send(new GetParameterCommand({ Name: parameter }))).Parameter!.Value!;
    expect((await updateNg({})).update!.params).toContainEqual({ type: 'ReleaseVersion', value: published });
  });

  test('without a releaseVersion a Windows node group gets the latest Windows release for its version', async () => {
    await nodegroupOf('WINDOWS_CORE_2022_x86_64');
    const release = (await updateNg({})).update!.params!.find((p) => p.type === 'ReleaseVersion')!.value!;
    expect(release).toMatch(/^1\.31-\d{4}\.\d{2}\.\d{2}$/);
  });
});

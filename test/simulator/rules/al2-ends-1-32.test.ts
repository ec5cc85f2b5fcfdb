import { InvalidParameterException, UpdateNodegroupVersionCommand } from '@aws-sdk/client-eks';
import { GetParameterCommand, ParameterNotFound } from '@aws-sdk/client-ssm';
import { expectServiceError, oneNodegroupSeed, rejection, startFixture, type Fixture } from '../sim-fixture';

let f: Fixture;
afterEach(() => f.close());

/** AL2-ENDS-1-32: no EKS-optimized Amazon Linux 2 AMI (nor its SSM parameters) for Kubernetes 1.33 and later. */
describe('AL2-ENDS-1-32', () => {
  test.each([
    ['amazon-linux-2', '1.32', true],
    ['amazon-linux-2-arm64', '1.32', true],
    ['amazon-linux-2-gpu', '1.33', false],
    ['amazon-linux-2', '1.33', false],
    ['amazon-linux-2023/x86_64/standard', '1.33', true],
  ])('SSM publishes %s for %s: %s', async (family, version, published) => {
    f = await startFixture();
    const get = f.ssm.send(new GetParameterCommand({ Name: `/aws/service/eks/optimized-ami/${version}/${family}/recommended/release_version` }));
    if (published) expect((await get).Parameter!.Value).toMatch(new RegExp(`^${version.replace('.', '\\.')}\\.`));
    else expect(await rejection(get)).toBeInstanceOf(ParameterNotFound);
  });

  test.each([
    ['AL2_x86_64', '1.32', true],
    ['AL2_ARM_64', '1.33', false],
    ['AL2_x86_64_GPU', '1.33', false],
    ['AL2023_x86_64_STANDARD', '1.33', true],
  ])('UpdateNodegroupVersion of an %s node group to %s accepted: %s', async (amiType, version, accepted) => {
    f = await startFixture({ seed: oneNodegroupSeed(amiType, version, '1.32') });
    const call = f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'ng', version }));
    if (accepted) expect((await call).update!.status).toBe('InProgress');
    else await expectServiceError(call, InvalidParameterException, `AMI Type ${amiType} is only supported for kubernetes versions 1.32 or earlier`, 400);
  });
});

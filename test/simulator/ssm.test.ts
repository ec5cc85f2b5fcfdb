import { GetParameterCommand, ParameterNotFound } from '@aws-sdk/client-ssm';
import { rejection, startFixture, type Fixture } from './sim-fixture';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const get = async (name: string) => (await f.ssm.send(new GetParameterCommand({ Name: name }))).Parameter!;

test.each([
  ['/aws/service/eks/optimized-ami/1.29/amazon-linux-2023/x86_64/standard/recommended/release_version', '1.29.15-20250610'],
  ['/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/arm64/standard/recommended/release_version', '1.33.0-20250610'],
  ['/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/release_version', '1.31.7-20250610'],
  ['/aws/service/eks/optimized-ami/1.30/amazon-linux-2-arm64/recommended/release_version', '1.30.11-20250610'],
  ['/aws/service/eks/optimized-ami/1.32/amazon-linux-2-gpu/recommended/release_version', '1.32.3-20250610'],
  ['/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_version', '1.40.0-1dc6f4ad'],
  ['/aws/service/bottlerocket/aws-k8s-1.29/arm64/latest/image_version', '1.40.0-1dc6f4ad'],
])('GetParameter %s', async (name, value) => {
  expect(await get(name)).toMatchObject({ Name: name, Value: value, Type: 'String', Version: 1, ARN: `arn:aws:ssm:us-east-1::parameter${name}` });
});

test('an unknown parameter is ParameterNotFound', async () => {
  const e = await rejection(get('/aws/service/eks/optimized-ami/1.40/amazon-linux-2023/x86_64/standard/recommended/release_version'));
  expect(e).toBeInstanceOf(ParameterNotFound);
  expect(e.$metadata.httpStatusCode).toBe(400);
});

test('SSM calls are logged under the parameter', async () => {
  await get('/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/release_version');
  expect(f.running.simulator.calls()).toEqual([expect.objectContaining({
    operation: 'GetParameter', resource: 'parameter/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/release_version', status: 200,
  })]);
});

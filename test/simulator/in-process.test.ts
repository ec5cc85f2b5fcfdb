import { DescribeClusterCommand, EKSClient, ResourceNotFoundException, UpdateClusterVersionCommand } from '@aws-sdk/client-eks';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readySeed, rejection } from './sim-fixture';
import { inProcessHandler, Simulator, VirtualClock } from '../../src/simulator';

test('the SDK talks to a Simulator in process through inProcessHandler', async () => {
  const clock = new VirtualClock();
  const sim = new Simulator({ clock, seed: readySeed() });
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1, requestHandler: inProcessHandler(sim) };
  const eks = new EKSClient(config);
  const ssm = new SSMClient(config);
  await eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }));
  clock.advance(600_000);
  expect((await eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster).toMatchObject({ version: '1.30', status: 'ACTIVE' });
  expect(await rejection(eks.send(new DescribeClusterCommand({ name: 'nope' })))).toBeInstanceOf(ResourceNotFoundException);
  const p = await ssm.send(new GetParameterCommand({ Name: '/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/release_version' }));
  expect(p.Parameter!.Value).toBe('1.30.11-20250610');
  expect(sim.calls().map((c) => c.operation)).toEqual(['UpdateClusterVersion', 'DescribeCluster', 'DescribeCluster', 'GetParameter']);
});

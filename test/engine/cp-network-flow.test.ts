/**
 * CP-NETWORK end to end: the state reader reads the cluster's resourcesVpcConfig from the simulator's DescribeCluster
 * and its subnets and security groups through EC2's query API (Ec2NetworkReader), which the simulator serves on the
 * same endpoint (test/simulator/aws-cli.test.ts reads them through the AWS CLI too).
 */
import { EksApi } from '../../src/aws/eks-api';
import { scaledClock, systemClock } from '../../src/engine/clock';
import { PlanError } from '../../src/engine/planner';
import { newReport, planOnly, runUpgrade } from '../../src/engine/upgrade';
import { defaultSeed, RunningSimulator, SimSeed, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

let sim: RunningSimulator;
afterEach(async () => sim.close());

function seedWithVpc(free: number[]): SimSeed {
  const seed = defaultSeed();
  seed.vpcs = [{ vpcId: 'vpc-0a', subnets: free.map((n, i) => ({ subnetId: `subnet-0${i}`, availableIpAddressCount: n })), securityGroups: [{ groupId: 'sg-0a' }] }];
  seed.clusters[0].resourcesVpcConfig = { subnetIds: free.map((_, i) => `subnet-0${i}`), securityGroupIds: ['sg-0a', 'sg-0gone'] };
  return seed;
}

test('CP-NETWORK: a subnet with too few free addresses, and a missing security group, are refused at plan, each named; nothing changes', async () => {
  const seed = seedWithVpc([3, 1]);
  sim = await startSimulator({ timeScale: 2000, seed });
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url, ec2: sim.url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, network: 'ec2' });
  const spec = parseSpec(demoSpecJson('1.30'));
  try {
    const run = runUpgrade({ spec, api, clock: scaledClock(systemClock, 2000), sink: () => {} }, newReport(spec));
    await expect(run).rejects.toThrow(PlanError);
    await expect(run).rejects.toThrow(/\[CP-NETWORK\] controlPlane\.version: the cluster's subnets have 4 free IP address\(es\) in all \(subnet-00 has 3, subnet-01 has 1\)/);
    await expect(run).rejects.toThrow(/\[CP-NETWORK\] controlPlane\.version: security group sg-0gone of the cluster does not exist/);
    expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
    // EC2 failed the groups' call for the one unknown id; each id alone then said which.
    expect(api.callCounts()).toMatchObject({ DescribeSubnets: 1, DescribeSecurityGroups: 4 });
  } finally {
    api.destroy();
  }
});

test('CP-NETWORK: enough free addresses plan as before; without a reader the plan says it did not check', async () => {
  sim = await startSimulator({ timeScale: 2000 });
  const spec = parseSpec(demoSpecJson('1.30'));
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const { text } = await planOnly({ spec, api });
    expect(text).toMatch(/note: the control plane's subnets and security groups were not checked: this run was given no EC2 reader$/m);
  } finally {
    api.destroy();
  }
});

/**
 * CP-NETWORK end to end: the state reader reads the cluster's resourcesVpcConfig from the simulator's DescribeCluster
 * and asks a NetworkReader for its subnets and security groups. This build has no EC2 client, so the reader here
 * answers from the simulator's seeded VPCs (the same data its EC2 DescribeSubnets serves; test/simulator/aws-cli.test.ts
 * reads them through the AWS CLI).
 */
import { NetworkReader } from '../../src/aws/cluster-network';
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

/** Answers as EC2 would for the seed's VPCs. */
function seededReader(seed: SimSeed): NetworkReader {
  const subnets = (seed.vpcs ?? []).flatMap((v) => v.subnets);
  const groups = (seed.vpcs ?? []).flatMap((v) => v.securityGroups.map((g) => g.groupId));
  return {
    subnets: async (ids) => ({
      found: subnets.filter((s) => ids.includes(s.subnetId)).map((s) => ({ id: s.subnetId, availableIpAddressCount: s.availableIpAddressCount })),
      missing: ids.filter((id) => !subnets.some((s) => s.subnetId === id)),
    }),
    // The cluster security group EKS creates (clusterSecurityGroupId) exists.
    securityGroups: async (ids) => ({ found: ids.filter((id) => groups.includes(id) || !id.includes('gone')), missing: ids.filter((id) => id.includes('gone')) }),
  };
}

test('CP-NETWORK: a subnet with too few free addresses, and a missing security group, are refused at plan, each named; nothing changes', async () => {
  const seed = seedWithVpc([3, 1]);
  sim = await startSimulator({ timeScale: 2000, seed });
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, network: seededReader(seed) });
  const spec = parseSpec(demoSpecJson('1.30'));
  try {
    const run = runUpgrade({ spec, api, clock: scaledClock(systemClock, 2000), sink: () => {} }, newReport(spec));
    await expect(run).rejects.toThrow(PlanError);
    await expect(run).rejects.toThrow(/\[CP-NETWORK\] controlPlane\.version: the cluster's subnets have 4 free IP address\(es\) in all \(subnet-00 has 3, subnet-01 has 1\)/);
    await expect(run).rejects.toThrow(/\[CP-NETWORK\] controlPlane\.version: security group sg-0gone of the cluster does not exist/);
    expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
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
    expect(text).toMatch(/note: the control plane's subnets and security groups were not checked: this build has no EC2 client/);
  } finally {
    api.destroy();
  }
});

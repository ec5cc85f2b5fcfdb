/**
 * CP-NETWORK through the bundled `eks-upgrade` command against the simulator: the CLI reads the cluster's subnets and
 * security groups through EC2's query API at AWS_ENDPOINT_URL_EC2 (the simulator's one endpoint), so a subnet short of
 * free addresses is refused before any change; an EC2 endpoint that does not answer is said, not silently skipped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run, simulatorEnv } from '../../scripts/rehearsal';
import { defaultSeed, RunningSimulator, startSimulator } from '../../src/simulator';

let sim: RunningSimulator;
let dir: string;
let specPath: string;
beforeAll(async () => {
  const seed = defaultSeed();
  seed.vpcs = [{
    vpcId: 'vpc-0a',
    subnets: [{ subnetId: 'subnet-0small', availableIpAddressCount: 2 }, { subnetId: 'subnet-0tiny', availableIpAddressCount: 1 }],
    securityGroups: [{ groupId: 'sg-0a' }],
  }];
  seed.clusters[0].resourcesVpcConfig = { subnetIds: ['subnet-0small', 'subnet-0tiny'], securityGroupIds: ['sg-0a'] };
  sim = await startSimulator({ timeScale: 3000, seed });
  dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-cp-network-'));
  specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({
    specVersion: 1,
    clusterName: 'demo',
    controlPlane: { version: '1.30' },
    addons: [{ name: 'vpc-cni' }, { name: 'coredns', version: 'clusterDefault' }, { name: 'kube-proxy' }],
    nodegroups: [{ name: 'general' }],
  }));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sim.simulator.clearCalls());

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [HANDLER, ...args], { cwd: dir, env: simulatorEnv(sim.url, env) });

test.each(['plan', 'apply'])('%s: subnets with 3 free addresses in all are refused, each named, exit 2, no mutating call', async (command) => {
  const r = await cli([command, '--spec', specPath]);
  expect(r.code).toBe(2);
  expect(r.output).toContain("[CP-NETWORK] controlPlane.version: the cluster's subnets have 3 free IP address(es) in all (subnet-0small has 2, subnet-0tiny has 1)");
  expect(r.output).not.toMatch(/were not checked/);
  const calls = sim.simulator.calls();
  expect(calls.filter((c) => c.operation === 'DescribeSubnets' || c.operation === 'DescribeSecurityGroups').map((c) => `${c.operation} ${c.status}`).sort())
    .toEqual(['DescribeSecurityGroups 200', 'DescribeSubnets 200']);
  expect(calls.filter((c) => c.mutating)).toEqual([]);
});

test('plan: an EC2 endpoint that does not answer is said in one note, naming it and its variable; the plan goes on', async () => {
  const r = await cli(['plan', '--spec', specPath], { AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:9' });
  expect(r.code).toBe(0);
  expect(r.output).toContain("note: the control plane's subnets and security groups were not checked: EC2 at http://127.0.0.1:9 did not answer (connection refused); start the simulator there or fix AWS_ENDPOINT_URL_EC2");
  expect(r.output).not.toMatch(/CP-NETWORK/);
  expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
});

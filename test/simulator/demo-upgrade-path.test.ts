import {
  DescribeClusterCommand, DescribeNodegroupCommand, UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { startFixture, type Fixture } from './sim-fixture';
import { countCalls } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

/** The order of EKS calls the add-on catalog's doc comment names: every step accepted, no `force`. */
test('the demo seed reaches 1.33 by the documented order of EKS calls, with no request refused', async () => {
  const addon = (addonName: string, addonVersion: string) => f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName, addonVersion }));
  const controlPlane = async (version: string) => {
    await f.eks.send(new UpdateClusterVersionCommand({ name: 'demo', version }));
    f.advance(600);
  };
  const nodegroups = async (ltVersion: number) => {
    await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general' }));
    await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'custom', launchTemplate: { name: 'demo-custom-lt', version: String(ltVersion) } }));
    f.advance(420);
  };

  await addon('vpc-cni', 'v1.17.1-eksbuild.1');
  f.advance(120);
  await controlPlane('1.30');
  await addon('kube-proxy', 'v1.30.9-eksbuild.3');
  await nodegroups(2);
  await addon('vpc-cni', 'v1.18.3-eksbuild.2');
  f.advance(120);
  await controlPlane('1.31');
  await nodegroups(3);
  await addon('coredns', 'v1.11.4-eksbuild.2');
  await addon('vpc-cni', 'v1.19.2-eksbuild.1');
  f.advance(120);
  await controlPlane('1.32');
  await nodegroups(4);
  await controlPlane('1.33');
  await nodegroups(5);

  expect((await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.version).toBe('1.33');
  for (const name of ['general', 'custom']) {
    expect((await f.eks.send(new DescribeNodegroupCommand({ clusterName: 'demo', nodegroupName: name }))).nodegroup!.version).toBe('1.33');
  }
  const calls = f.running.simulator.calls();
  expect(calls.filter((c) => c.status !== 200)).toEqual([]);
  expect(countCalls(calls, { createdUpdate: true })).toBe(17);
});

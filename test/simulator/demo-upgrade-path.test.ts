import {
  DescribeClusterCommand, DescribeNodegroupCommand, InvalidParameterException, UpdateAddonCommand, UpdateClusterVersionCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, startFixture, type Fixture } from './sim-fixture';
import { countCalls } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const addon = (clusterName: string, addonName: string, addonVersion: string) =>
  f.eks.send(new UpdateAddonCommand({ clusterName, addonName, addonVersion }));
const controlPlane = async (name: string, version: string) => {
  await f.eks.send(new UpdateClusterVersionCommand({ name, version }));
  f.advance(600);
};
const nodegroupOf = async (clusterName: string, nodegroupName: string) =>
  (await f.eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup!;

/**
 * The order of EKS calls the add-on catalog's doc comment names: every step accepted, no `force`. `batch` rolls a new
 * version of its launch template with each minor; its AMI is EKS's, so it follows the control plane with the rest.
 */
test('the demo seed reaches 1.33 by the documented order of EKS calls, with no request refused', async () => {
  // `version` is sent: without it EKS keeps a node group's Kubernetes version (UpdateNodegroupVersion reference).
  const nodegroups = async (ltVersion: number) => {
    const version = `1.${28 + ltVersion}`;
    await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general', version }));
    await f.eks.send(new UpdateNodegroupVersionCommand({
      clusterName: 'demo', nodegroupName: 'batch', version, launchTemplate: { name: 'demo-batch-lt', version: String(ltVersion) },
    }));
    f.advance(420);
  };

  await addon('demo', 'vpc-cni', 'v1.17.1-eksbuild.1');
  f.advance(120);
  await controlPlane('demo', '1.30');
  await addon('demo', 'kube-proxy', 'v1.30.9-eksbuild.3');
  await nodegroups(2);
  await addon('demo', 'vpc-cni', 'v1.18.3-eksbuild.2');
  f.advance(120);
  await controlPlane('demo', '1.31');
  await nodegroups(3);
  await addon('demo', 'coredns', 'v1.11.4-eksbuild.2');
  await addon('demo', 'vpc-cni', 'v1.19.2-eksbuild.1');
  f.advance(120);
  await controlPlane('demo', '1.32');
  await nodegroups(4);
  await controlPlane('demo', '1.33');
  await nodegroups(5);

  expect((await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!.version).toBe('1.33');
  expect(await nodegroupOf('demo', 'general')).toMatchObject({ version: '1.33', releaseVersion: '1.33.0-20250610' });
  expect(await nodegroupOf('demo', 'batch')).toMatchObject({
    version: '1.33', releaseVersion: '1.33.0-20250610', launchTemplate: { name: 'demo-batch-lt', id: 'lt-0a1b2c3d4e5f60718', version: '5' },
  });
  const calls = f.running.simulator.calls();
  expect(calls.filter((c) => c.status !== 200)).toEqual([]);
  expect(countCalls(calls, { createdUpdate: true })).toBe(17);
});

/**
 * MNG-MATCH-CP on `legacy`: its custom-AMI node group moves only with a new launch template version (API Reference,
 * UpdateNodegroupVersion: "update your custom AMI, specify the new ID in a new version of the launch template, and then
 * update the node group to the new version of the launch template"), so after one control-plane step the next waits
 * for that roll. EKS's message: "Nodegroups <names> must be updated to match cluster version <v> before updating
 * cluster version".
 */
// CUSTOM-AMI-SKEW: EKS lets the control plane move ahead of a custom-AMI node group within the kubelet skew (the
// refusal beyond it: test/simulator/rules/mng-match-cp.test.ts), and its launch template can roll afterwards.
test('on legacy the control plane moves ahead of the custom-AMI node group within the kubelet skew, its launch template rolled after', async () => {
  await controlPlane('legacy', '1.30');
  await addon('legacy', 'vpc-cni', 'v1.18.3-eksbuild.2'); // v1.17.1 stops at 1.30: no readiness ERROR may stand for 1.31
  await f.eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'legacy', nodegroupName: 'al2', version: '1.30' }));
  f.advance(420);
  expect(await nodegroupOf('legacy', 'al2')).toMatchObject({ version: '1.30', releaseVersion: '1.30.11-20250610' });

  expect((await f.eks.send(new UpdateClusterVersionCommand({ name: 'legacy', version: '1.31' }))).update!.type).toBe('VersionUpdate');
  expect(await nodegroupOf('legacy', 'custom')).toMatchObject({ version: '1.29', launchTemplate: { version: '1' } });
  f.advance(900);

  await f.eks.send(new UpdateNodegroupVersionCommand({
    clusterName: 'legacy', nodegroupName: 'custom', launchTemplate: { name: 'demo-custom-lt', version: '2' },
  }));
  f.advance(300); // 2 nodes at 50 % unavailable: 60 s + 2 × 120 s
  expect(await nodegroupOf('legacy', 'custom')).toMatchObject({ version: '1.31', launchTemplate: { id: 'lt-0123456789abcdef0', version: '2' } });
});

import {
  DescribeNodegroupCommand, DescribeUpdateCommand, InvalidParameterException, ListNodegroupsCommand, paginateListNodegroups,
  ResourceInUseException, ResourceNotFoundException, UpdateClusterVersionCommand, UpdateNodegroupConfigCommand, UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { expectServiceError, readySeed, startFixture, type Fixture } from './sim-fixture';
import { defaultSeed } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture({ seed: readySeed() }); });
afterEach(() => f.close());

// `demo` holds `general` (no launch template) and `batch` (a launch template, EKS's AMI); `legacy` holds `custom` (a
// launch template with a custom AMI) beside `al2`.
const nodegroup = async (name: string, clusterName = 'demo') => (await f.eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName: name }))).nodegroup!;
const updateVersion = (name: string, extra: object = {}, clusterName = 'demo') =>
  f.eks.send(new UpdateNodegroupVersionCommand({ clusterName, nodegroupName: name, ...extra }));
const updateCustom = (extra: object) => updateVersion('custom', extra, 'legacy');
const describeUpdate = async (nodegroupName: string, updateId: string) =>
  (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', nodegroupName, updateId }))).update!;

async function upgradeCluster(version: string, name = 'demo') {
  await f.eks.send(new UpdateClusterVersionCommand({ name, version }));
  f.advance(600);
}

describe('ListNodegroups / DescribeNodegroup', () => {
  test('lists and paginates the node groups', async () => {
    expect((await f.eks.send(new ListNodegroupsCommand({ clusterName: 'demo' }))).nodegroups).toEqual(['general', 'batch']);
    const pages = [];
    for await (const page of paginateListNodegroups({ client: f.eks, pageSize: 1 }, { clusterName: 'demo' })) pages.push(page.nodegroups);
    expect(pages).toEqual([['general'], ['batch']]);
    expect((await f.eks.send(new ListNodegroupsCommand({ clusterName: 'legacy' }))).nodegroups).toEqual(['custom', 'al2']);
  });

  test('describes an EKS-optimized node group, one through a launch template, and a custom-AMI one', async () => {
    expect(await nodegroup('general')).toMatchObject({
      nodegroupName: 'general',
      clusterName: 'demo',
      version: '1.29',
      releaseVersion: '1.29.10-20241213',
      status: 'ACTIVE',
      amiType: 'AL2023_x86_64_STANDARD',
      scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 },
      updateConfig: { maxUnavailable: 1, updateStrategy: 'DEFAULT' },
      instanceTypes: ['m6i.large'],
    });
    const batch = await nodegroup('batch');
    expect(batch).toMatchObject({
      version: '1.29',
      releaseVersion: '1.29.10-20241213',
      amiType: 'AL2023_ARM_64_STANDARD',
      launchTemplate: { name: 'demo-batch-lt', id: 'lt-0a1b2c3d4e5f60718', version: '1' },
    });
    expect(batch.instanceTypes).toBeUndefined(); // the launch template holds them
    const custom = await nodegroup('custom', 'legacy');
    expect(custom).toMatchObject({
      clusterName: 'legacy', version: '1.29', amiType: 'CUSTOM', launchTemplate: { name: 'demo-custom-lt', id: 'lt-0123456789abcdef0', version: '1' },
    });
    expect(custom.releaseVersion).toBeUndefined();
    expect(custom.nodegroupArn).toMatch(/^arn:aws:eks:us-east-1:111122223333:nodegroup\/legacy\/custom\/[0-9a-f-]{36}$/);
  });

  test('an unknown node group is ResourceNotFoundException', async () => {
    const e = await expectServiceError(nodegroup('nope'), ResourceNotFoundException, 'No node group found for name: nope.', 404);
    expect(e.nodegroupName).toBe('nope');
  });
});

describe('UpdateNodegroupVersion', () => {
  test('without version or releaseVersion: the control plane version and the recommended AMI release (SSM)', async () => {
    const u = (await updateVersion('general')).update!;
    expect(u).toMatchObject({
      type: 'VersionUpdate',
      status: 'InProgress',
      params: [
        { type: 'Version', value: '1.29' }, { type: 'ReleaseVersion', value: '1.29.15-20250610' },
      ],
    });
    expect((await nodegroup('general')).status).toBe('UPDATING');
    // 60 s + ceil(3 nodes / maxUnavailable 1) × 120 s.
    f.advance(419);
    expect((await describeUpdate('general', u.id!)).status).toBe('InProgress');
    expect((await nodegroup('general')).releaseVersion).toBe('1.29.10-20241213');
    f.advance(1);
    expect((await describeUpdate('general', u.id!)).status).toBe('Successful');
    expect(await nodegroup('general')).toMatchObject({ status: 'ACTIVE', version: '1.29', releaseVersion: '1.29.15-20250610' });
  });

  test('follows the control plane to the next minor', async () => {
    await upgradeCluster('1.30');
    await updateVersion('general', { version: '1.30' });
    f.advance(420);
    expect(await nodegroup('general')).toMatchObject({ version: '1.30', releaseVersion: '1.30.11-20250610' });
  });

  test('takes an explicit releaseVersion for the target version, and refuses one for another version', async () => {
    await updateVersion('general', { releaseVersion: '1.29.12-20250301' });
    f.advance(420);
    expect((await nodegroup('general')).releaseVersion).toBe('1.29.12-20250301');
    await expectServiceError(updateVersion('general', { releaseVersion: '1.31.7-20250610' }), InvalidParameterException,
      'Requested release version 1.31.7-20250610 is not valid for kubernetes version 1.29.', 400);
  });

  test('may not exceed the control plane version, nor go back once the cluster can no longer roll back', async () => {
    await expectServiceError(updateVersion('general', { version: '1.30' }), InvalidParameterException,
      'Requested Nodegroup version 1.30 is invalid. Nodegroup version cannot be greater than cluster version 1.29.', 400);
    await upgradeCluster('1.30');
    await updateVersion('general', { version: '1.30' });
    f.advance(7 * 24 * 3600 + 1);
    await expectServiceError(updateVersion('general', { version: '1.29' }), InvalidParameterException,
      'Requested Nodegroup version 1.29 is invalid. Nodegroup cannot be downgraded from 1.30.', 400);
  });

  test('custom AMIs (NG-CUSTOM-AMI): neither version nor releaseVersion may be sent', async () => {
    await expectServiceError(updateCustom({ version: '1.29' }), InvalidParameterException,
      'You cannot specify the field kubernetesVersion when using custom AMIs.', 400);
    await expectServiceError(updateCustom({ releaseVersion: '1.29.15-20250610' }), InvalidParameterException,
      'You cannot specify the field releaseVersion when using custom AMIs.', 400);
    await expectServiceError(updateCustom({ version: '1.29', launchTemplate: { name: 'demo-custom-lt', version: '2' } }), InvalidParameterException,
      'You cannot specify the field kubernetesVersion when using custom AMIs.', 400);
  });

  test('a launch template with EKS\'s AMI takes version and releaseVersion beside a new template version', async () => {
    const u = (await updateVersion('batch', { version: '1.29', releaseVersion: '1.29.12-20250301', launchTemplate: { name: 'demo-batch-lt', version: '2' } })).update!;
    expect(u.params).toEqual([
      { type: 'Version', value: '1.29' }, { type: 'ReleaseVersion', value: '1.29.12-20250301' },
      { type: 'LaunchTemplateName', value: 'demo-batch-lt' }, { type: 'LaunchTemplateVersion', value: '2' },
    ]);
    f.advance(300);
    expect(await nodegroup('batch')).toMatchObject({ version: '1.29', releaseVersion: '1.29.12-20250301', launchTemplate: { version: '2' } });
  });

  test('a new launch template version without `version` keeps a managed-AMI node group on its Kubernetes version, with its recommended release', async () => {
    // UpdateNodegroupVersion reference: "If no version is specified, then the Kubernetes version of the node group does not change."
    await upgradeCluster('1.30');
    const u = (await updateVersion('batch', { launchTemplate: { name: 'demo-batch-lt', version: '2' } })).update!;
    expect(u.params).toEqual([
      { type: 'Version', value: '1.29' }, { type: 'ReleaseVersion', value: '1.29.15-20250610' },
      { type: 'LaunchTemplateName', value: 'demo-batch-lt' }, { type: 'LaunchTemplateVersion', value: '2' },
    ]);
    // 2 nodes at 50 % unavailable: one at a time, 60 s + 2 × 120 s.
    f.advance(299);
    expect(await nodegroup('batch')).toMatchObject({ version: '1.29', releaseVersion: '1.29.10-20241213', launchTemplate: { version: '1' } });
    f.advance(1);
    expect(await nodegroup('batch')).toMatchObject({
      version: '1.29', releaseVersion: '1.29.15-20250610', launchTemplate: { version: '2', name: 'demo-batch-lt', id: 'lt-0a1b2c3d4e5f60718' },
    });
  });

  test('with `version`, a launch template roll takes a managed-AMI node group onto the control plane version and its recommended release', async () => {
    await upgradeCluster('1.30');
    const u = (await updateVersion('batch', { version: '1.30', launchTemplate: { name: 'demo-batch-lt', version: '2' } })).update!;
    expect(u.params).toEqual([
      { type: 'Version', value: '1.30' }, { type: 'ReleaseVersion', value: '1.30.11-20250610' },
      { type: 'LaunchTemplateName', value: 'demo-batch-lt' }, { type: 'LaunchTemplateVersion', value: '2' },
    ]);
    f.advance(300);
    expect(await nodegroup('batch')).toMatchObject({ version: '1.30', releaseVersion: '1.30.11-20250610', launchTemplate: { version: '2' } });
  });

  test('a new launch template version rolls a custom-AMI node group onto the control plane version', async () => {
    await upgradeCluster('1.30', 'legacy');
    const u = (await updateCustom({ launchTemplate: { name: 'demo-custom-lt', version: '2' } })).update!;
    expect(u.params).toEqual([
      { type: 'Version', value: '1.30' }, { type: 'LaunchTemplateName', value: 'demo-custom-lt' }, { type: 'LaunchTemplateVersion', value: '2' },
    ]);
    // 2 nodes at 50 % unavailable: one at a time, 60 s + 2 × 120 s.
    f.advance(299);
    expect(await nodegroup('custom', 'legacy')).toMatchObject({ version: '1.29', launchTemplate: { version: '1' } });
    f.advance(1);
    const custom = await nodegroup('custom', 'legacy');
    expect(custom).toMatchObject({ version: '1.30', launchTemplate: { version: '2', name: 'demo-custom-lt', id: 'lt-0123456789abcdef0' } });
    expect(custom.releaseVersion).toBeUndefined();
  });

  test('a custom-AMI node group without a new launch template version keeps its Kubernetes version (MNG-MATCH-CP cannot be met that way)', async () => {
    await upgradeCluster('1.30', 'legacy');
    await updateCustom({});
    f.advance(300);
    expect(await nodegroup('custom', 'legacy')).toMatchObject({ version: '1.29', launchTemplate: { version: '1' } });
  });

  test('launch template (NG-LT-SAME): id or name, never both; only the template the node group was created with', async () => {
    await expectServiceError(updateVersion('batch', { launchTemplate: { id: 'lt-0a1b2c3d4e5f60718', name: 'demo-batch-lt', version: '2' } }),
      InvalidParameterException, 'Either provide launch template ID or launch template name in the request.', 400);
    await expectServiceError(updateVersion('batch', { launchTemplate: { id: 'lt-0fffffffffffffff0', version: '2' } }), InvalidParameterException,
      'Launch template lt-0fffffffffffffff0 does not match launch template lt-0a1b2c3d4e5f60718 that nodegroup batch was created with.', 400);
    await expectServiceError(updateVersion('batch', { launchTemplate: { name: 'demo-custom-lt', version: '2' } }), InvalidParameterException,
      'Launch template demo-custom-lt does not match launch template demo-batch-lt that nodegroup batch was created with.', 400);
    await expectServiceError(updateVersion('general', { launchTemplate: { name: 'demo-batch-lt', version: '2' } }), InvalidParameterException,
      'Nodegroup general was not created with a launch template, so an update cannot specify one.', 400);
    await expectServiceError(updateCustom({ launchTemplate: { id: 'lt-0a1b2c3d4e5f60718', version: '2' } }), InvalidParameterException,
      'Launch template lt-0a1b2c3d4e5f60718 does not match launch template lt-0123456789abcdef0 that nodegroup custom was created with.', 400);
    expect((await updateVersion('batch', { launchTemplate: { id: 'lt-0a1b2c3d4e5f60718', version: '3' } })).update!.status).toBe('InProgress');
    expect((await updateCustom({ launchTemplate: { id: 'lt-0123456789abcdef0', version: '3' } })).update!.status).toBe('InProgress');
  });

  test('a node group that is not ACTIVE cannot be updated', async () => {
    await updateVersion('general');
    await expectServiceError(updateVersion('general'), ResourceInUseException, 'Nodegroup cannot be updated as it is currently not in Active State', 409);
    await expectServiceError(f.eks.send(new UpdateNodegroupConfigCommand({ clusterName: 'demo', nodegroupName: 'general', updateConfig: { maxUnavailable: 2 } })),
      ResourceInUseException, 'Nodegroup cannot be updated as it is currently not in Active State', 409);
    const seed = defaultSeed();
    seed.clusters[0].nodegroups!.find((n) => n.name === 'batch')!.status = 'DEGRADED';
    f.running.simulator.seed(seed);
    await expectServiceError(updateVersion('batch', { launchTemplate: { name: 'demo-batch-lt', version: '2' } }),
      ResourceInUseException, 'Nodegroup cannot be updated as it is currently not in Active State', 409);
  });
});

describe('UpdateNodegroupConfig', () => {
  const updateConfig = (name: string, config: object) =>
    f.eks.send(new UpdateNodegroupConfigCommand({ clusterName: 'demo', nodegroupName: name, updateConfig: config }));

  test('changes updateConfig after a 30 s ConfigUpdate; later version updates roll that many nodes at once', async () => {
    const u = (await updateConfig('general', { maxUnavailable: 2, updateStrategy: 'MINIMAL' })).update!;
    expect(u).toMatchObject({ type: 'ConfigUpdate', params: [{ type: 'MaxUnavailable', value: '2' }, { type: 'UpdateStrategy', value: 'MINIMAL' }] });
    f.advance(29);
    expect((await nodegroup('general')).updateConfig).toEqual({ maxUnavailable: 1, updateStrategy: 'DEFAULT' });
    f.advance(1);
    expect((await nodegroup('general')).updateConfig).toEqual({ maxUnavailable: 2, updateStrategy: 'MINIMAL' });
    const v = (await updateVersion('general')).update!;
    f.advance(299); // 60 s + ceil(3 / 2) × 120 s
    expect((await describeUpdate('general', v.id!)).status).toBe('InProgress');
    f.advance(1);
    expect((await describeUpdate('general', v.id!)).status).toBe('Successful');
  });

  test('maxUnavailablePercentage replaces maxUnavailable', async () => {
    await updateConfig('general', { maxUnavailablePercentage: 100 });
    f.advance(30);
    expect((await nodegroup('general')).updateConfig).toEqual({ maxUnavailablePercentage: 100, updateStrategy: 'DEFAULT' });
    const v = (await updateVersion('general')).update!;
    f.advance(180); // all 3 nodes in one batch
    expect((await describeUpdate('general', v.id!)).status).toBe('Successful');
  });

  test('maxUnavailable and maxUnavailablePercentage are exclusive, and within 1–100', async () => {
    await expectServiceError(updateConfig('general', { maxUnavailable: 1, maxUnavailablePercentage: 10 }), InvalidParameterException,
      'Only one of maxUnavailable and maxUnavailablePercentage can be specified in updateConfig.', 400);
    await expectServiceError(updateConfig('general', { maxUnavailable: 0 }), InvalidParameterException, 'updateConfig.maxUnavailable must be between 1 and 100.', 400);
  });
});

import {
  DescribeAddonCommand, DescribeAddonVersionsCommand, DescribeUpdateCommand, InvalidParameterException, ListAddonsCommand,
  paginateDescribeAddonVersions, ResourceInUseException, ResourceNotFoundException, UpdateAddonCommand, type AddonInfo,
} from '@aws-sdk/client-eks';
import { expectServiceError, startFixture, type Fixture } from './sim-fixture';
import { defaultSeed } from '../../src/simulator';

let f: Fixture;
beforeEach(async () => { f = await startFixture(); });
afterEach(() => f.close());

const addon = async (name: string) => (await f.eks.send(new DescribeAddonCommand({ clusterName: 'demo', addonName: name }))).addon!;
const updateAddon = (name: string, extra: object = {}) => f.eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: name, ...extra }));

describe('ListAddons / DescribeAddon', () => {
  test('lists the installed add-ons and describes one', async () => {
    expect((await f.eks.send(new ListAddonsCommand({ clusterName: 'demo' }))).addons).toEqual(['vpc-cni', 'coredns', 'kube-proxy']);
    const a = await addon('vpc-cni');
    expect(a).toMatchObject({ addonName: 'vpc-cni', clusterName: 'demo', status: 'ACTIVE', addonVersion: 'v1.16.0-eksbuild.1', health: { issues: [] } });
    expect(a.podIdentityAssociations).toHaveLength(1);
    expect(a.podIdentityAssociations![0]).toMatch(/^arn:aws:eks:us-east-1:111122223333:podidentityassociation\/demo\/a-[0-9a-f]{17}$/);
  });

  test('an unknown add-on is ResourceNotFoundException in EKS wording', async () => {
    const e = await expectServiceError(addon('nope'), ResourceNotFoundException, 'No addon: nope found in cluster: demo', 404);
    expect(e).toMatchObject({ clusterName: 'demo', addonName: 'nope' });
  });
});

describe('UpdateAddon', () => {
  test('an AddonUpdate of 120 s: UPDATING meanwhile, the new version after', async () => {
    const u = (await updateAddon('vpc-cni', { addonVersion: 'v1.17.1-eksbuild.1', resolveConflicts: 'OVERWRITE' })).update!;
    expect(u).toMatchObject({
      type: 'AddonUpdate',
      status: 'InProgress',
      params: [
        { type: 'AddonVersion', value: 'v1.17.1-eksbuild.1' }, { type: 'ResolveConflicts', value: 'OVERWRITE' },
      ],
    });
    expect(await addon('vpc-cni')).toMatchObject({ status: 'UPDATING', addonVersion: 'v1.16.0-eksbuild.1' });
    f.advance(120);
    expect(await addon('vpc-cni')).toMatchObject({ status: 'ACTIVE', addonVersion: 'v1.17.1-eksbuild.1' });
    const done = (await f.eks.send(new DescribeUpdateCommand({ name: 'demo', addonName: 'vpc-cni', updateId: u.id }))).update!;
    expect(done.status).toBe('Successful');
  });

  test('an add-on that is UPDATING rejects another update', async () => {
    await updateAddon('vpc-cni', { addonVersion: 'v1.17.1-eksbuild.1' });
    const e = await expectServiceError(updateAddon('vpc-cni', { addonVersion: 'v1.16.0-eksbuild.1' }), ResourceInUseException,
      'Addon vpc-cni cannot be updated as it is currently in UPDATING state', 409);
    expect(e.addonName).toBe('vpc-cni');
  });

  test('the version must be listed for the cluster\'s Kubernetes version', async () => {
    // v1.12.1 runs on 1.30–1.33; the cluster is on 1.29.
    await expectServiceError(updateAddon('coredns', { addonVersion: 'v1.12.1-eksbuild.2' }), InvalidParameterException,
      'Addon version specified is not supported', 400);
    await expectServiceError(updateAddon('coredns', { addonVersion: 'v9.9.9-eksbuild.1' }), InvalidParameterException,
      'Addon version specified is not supported', 400);
  });

  test('podIdentityAssociations: omitted leaves them, [] removes all, a list replaces them', async () => {
    await updateAddon('vpc-cni', { addonVersion: 'v1.17.1-eksbuild.1' });
    f.advance(120);
    expect((await addon('vpc-cni')).podIdentityAssociations).toHaveLength(1);
    await updateAddon('vpc-cni', { podIdentityAssociations: [] });
    f.advance(120);
    expect((await addon('vpc-cni')).podIdentityAssociations).toEqual([]);
    const roleArn = 'arn:aws:iam::111122223333:role/coredns';
    const u = (await updateAddon('coredns', { podIdentityAssociations: [{ serviceAccount: 'coredns', roleArn }] })).update!;
    expect(u.params).toContainEqual({ type: 'PodIdentityAssociations', value: JSON.stringify([{ serviceAccount: 'coredns', roleArn }]) });
    f.advance(120);
    expect((await addon('coredns')).podIdentityAssociations).toHaveLength(1);
  });

  test('configurationValues and serviceAccountRoleArn take effect with the update; the version stays when omitted', async () => {
    const roleArn = 'arn:aws:iam::111122223333:role/cni';
    await updateAddon('vpc-cni', { configurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}', serviceAccountRoleArn: roleArn });
    f.advance(120);
    expect(await addon('vpc-cni')).toMatchObject({
      addonVersion: 'v1.16.0-eksbuild.1', configurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}', serviceAccountRoleArn: roleArn,
    });
  });

  test('resolveConflicts must be OVERWRITE, NONE or PRESERVE', async () => {
    await expectServiceError(updateAddon('vpc-cni', { resolveConflicts: 'SOMETIMES' }), InvalidParameterException,
      'Invalid value SOMETIMES for resolveConflicts: must be one of OVERWRITE, NONE, PRESERVE', 400);
  });
});

describe('DescribeAddonVersions', () => {
  const versions = async (input: object) => (await f.eks.send(new DescribeAddonVersionsCommand(input))).addons!;

  test('for a Kubernetes version: only versions that run on it, each with that compatibility and its default flag', async () => {
    const [coredns] = await versions({ kubernetesVersion: '1.30', addonName: 'coredns' });
    expect(coredns).toMatchObject({ addonName: 'coredns', type: 'networking', publisher: 'eks', owner: 'aws' });
    expect(coredns.addonVersions!.map((v) => v.addonVersion)).toEqual(['v1.12.1-eksbuild.2', 'v1.11.4-eksbuild.2', 'v1.11.3-eksbuild.1', 'v1.11.1-eksbuild.4']);
    for (const v of coredns.addonVersions!) expect(v.compatibilities!.map((c) => c.clusterVersion)).toEqual(['1.30']);
    expect(coredns.addonVersions!.filter((v) => v.compatibilities![0].defaultVersion).map((v) => v.addonVersion)).toEqual(['v1.11.3-eksbuild.1']);
  });

  test('filters by type, publisher and owner', async () => {
    expect((await versions({ types: ['storage'] })).map((a) => a.addonName)).toEqual(['aws-ebs-csi-driver']);
    expect((await versions({ publishers: ['kubecost'] })).map((a) => a.addonName)).toEqual(['kubecost_kubecost']);
    expect((await versions({ owners: ['aws'], types: ['networking', 'storage'] })).map((a) => a.addonName))
      .toEqual(['vpc-cni', 'coredns', 'kube-proxy', 'aws-ebs-csi-driver']);
  });

  test('paginates by add-on', async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeAddonVersions({ client: f.eks, pageSize: 2 }, { kubernetesVersion: '1.31' })) {
      pages.push(page.addons!.map((a) => a.addonName!));
    }
    expect(pages).toEqual([['vpc-cni', 'coredns'], ['kube-proxy', 'aws-ebs-csi-driver'], ['kubecost_kubecost']]);
  });

  test('the default catalog: one default per add-on and Kubernetes version; the installed add-ons must move on the way to 1.33', async () => {
    const all = await versions({});
    const runsOn = (info: AddonInfo, version: string, k8s: string) =>
      info.addonVersions!.some((v) => v.addonVersion === version && v.compatibilities!.some((c) => c.clusterVersion === k8s));
    const info = (name: string) => all.find((a) => a.addonName === name)!;
    expect(runsOn(info('vpc-cni'), 'v1.16.0-eksbuild.1', '1.30')).toBe(false);
    expect(runsOn(info('coredns'), 'v1.11.1-eksbuild.4', '1.31')).toBe(true);
    expect(runsOn(info('coredns'), 'v1.11.1-eksbuild.4', '1.32')).toBe(false);
    expect(runsOn(info('kube-proxy'), 'v1.29.0-eksbuild.1', '1.30')).toBe(false);
    for (const name of ['vpc-cni', 'coredns', 'kube-proxy']) {
      for (const k8s of ['1.29', '1.30', '1.31', '1.32', '1.33']) {
        const defaults = info(name).addonVersions!.filter((v) => v.compatibilities!.some((c) => c.clusterVersion === k8s && c.defaultVersion));
        expect(defaults).toHaveLength(1);
      }
    }
    expect(defaultSeed().clusters[0].addons!.map((a) => a.version)).toEqual(['v1.16.0-eksbuild.1', 'v1.11.1-eksbuild.4', 'v1.29.0-eksbuild.1']);
  });
});

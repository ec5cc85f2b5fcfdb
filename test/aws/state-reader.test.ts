import {
  DescribeAddonCommand, DescribeAddonVersionsCommand, DescribeClusterCommand, DescribeNodegroupCommand, DescribePodIdentityAssociationCommand,
  DescribeUpdateCommand, EKSClient, ListAddonsCommand, ListNodegroupsCommand, ListUpdatesCommand,
} from '@aws-sdk/client-eks';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { EksApi } from '../../src/aws/eks-api';
import { associationIdOf, readLiveState } from '../../src/aws/state-reader';
import { formatPlan } from '../../src/engine/plan-format';
import { InputError } from '../../src/errors/run-errors';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const eks = mockClient(EKSClient);
const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' }, nodegroups: [{ name: 'general' }], addons: [{ name: 'vpc-cni' }] });
const arn = (id: string) => `arn:aws:eks:us-east-1:111122223333:podidentityassociation/demo/${id}`;
const versions = (name: string, list: Array<[string, string[]]>) => ({
  addons: [{
    addonName: name,
    addonVersions: list.map(([v, k]) => ({ addonVersion: v, compatibilities: k.map((clusterVersion) => ({ clusterVersion, defaultVersion: false })) })),
  }],
});

beforeEach(() => {
  eks.reset();
  eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'demo', status: 'ACTIVE', version: '1.29' } });
  eks.on(ListNodegroupsCommand).resolves({ nodegroups: ['general'] });
  eks.on(DescribeNodegroupCommand).resolves({ nodegroup: { nodegroupName: 'general', status: 'ACTIVE', version: '1.29', amiType: 'AL2023_x86_64_STANDARD', scalingConfig: { desiredSize: 3 } } });
  eks.on(ListAddonsCommand).resolves({ addons: ['vpc-cni', 'kube-proxy'] });
  eks.on(DescribeAddonCommand, { addonName: 'vpc-cni' }).resolves({ addon: { addonName: 'vpc-cni', status: 'ACTIVE', addonVersion: 'v1.18.0-eksbuild.1', podIdentityAssociations: [arn('a-0123456789abcdef0'), arn('a-gone')] } });
  eks.on(DescribeAddonCommand, { addonName: 'kube-proxy' }).resolves({ addon: { addonName: 'kube-proxy', status: 'ACTIVE', addonVersion: 'v1.29.0-eksbuild.1' } });
  eks.on(DescribeAddonVersionsCommand, { addonName: 'vpc-cni' }).resolves(versions('vpc-cni', [['v1.18.0-eksbuild.1', ['1.29', '1.30']]]));
  eks.on(DescribeAddonVersionsCommand, { addonName: 'kube-proxy' }).resolves(versions('kube-proxy', [['v1.30.0-eksbuild.3', ['1.30']], ['v1.29.0-eksbuild.1', ['1.29']]]));
  eks.on(DescribePodIdentityAssociationCommand, { associationId: 'a-0123456789abcdef0' })
    .resolves({ association: { associationId: 'a-0123456789abcdef0', serviceAccount: 'aws-node', namespace: 'kube-system', roleArn: 'arn:aws:iam::111122223333:role/cni' } });
  eks.on(DescribePodIdentityAssociationCommand, { associationId: 'a-gone' })
    .rejects(Object.assign(new Error('No association found'), { name: 'ResourceNotFoundException' }));
  eks.on(ListUpdatesCommand).resolves({ updateIds: [] });
});

const read = () => readLiveState(new EksApi('demo', { region: 'us-east-1' }), spec);

describe('readLiveState', () => {
  test('UNTARGETED-COMPATIBLE: every installed add-on is read with its catalog; the untargeted ones as LiveAddon records', async () => {
    const state = await read();
    expect(Object.keys(state.addons)).toEqual(['vpc-cni']);
    expect(state.untargetedAddons).toEqual({ 'kube-proxy': { name: 'kube-proxy', status: 'ACTIVE', version: 'v1.29.0-eksbuild.1', configurationValues: undefined, serviceAccountRoleArn: undefined, podIdentityAssociations: [] } });
    expect(Object.keys(state.addonCatalog).sort()).toEqual(['kube-proxy', 'vpc-cni']);
    expect(state.addonCatalog['kube-proxy'].map((v) => v.version)).toEqual(['v1.30.0-eksbuild.3', 'v1.29.0-eksbuild.1']);
    expect(eks.commandCalls(DescribeAddonVersionsCommand).map((c) => c.args[0].input.addonName).sort()).toEqual(['kube-proxy', 'vpc-cni']);
  });

  test('ADDON-SETTINGS-CONTENT: pod identity associations are read by content from their ARNs; one deleted in between is left out', async () => {
    const state = await read();
    expect(state.addons['vpc-cni'].podIdentityAssociations).toEqual([{ serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::111122223333:role/cni' }]);
    expect(eks.commandCalls(DescribePodIdentityAssociationCommand).map((c) => c.args[0].input)).toEqual([
      { clusterName: 'demo', associationId: 'a-0123456789abcdef0' },
      { clusterName: 'demo', associationId: 'a-gone' },
    ]);
    expect(associationIdOf(arn('a-1'))).toBe('a-1');
  });

  const autoMode = () => eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'demo', status: 'ACTIVE', version: '1.29', computeConfig: { enabled: true } } });
  const clusterHistoryReads = () => eks.commandCalls(ListUpdatesCommand).filter((c) => c.args[0].input.nodegroupName === undefined && c.args[0].input.addonName === undefined);

  test('ROLLBACK-AUTO-MODE: a rollback running while the cluster reads ACTIVE is found from the update history', async () => {
    autoMode();
    eks.on(ListUpdatesCommand, { name: 'demo' }).resolves({ updateIds: ['u-old', 'rb-1'] });
    eks.on(DescribeUpdateCommand, { updateId: 'u-old' }).resolves({ update: { id: 'u-old', status: 'Successful', type: 'VersionUpdate' } });
    eks.on(DescribeUpdateCommand, { updateId: 'rb-1' }).resolves({ update: { id: 'rb-1', status: 'InProgress', type: 'VersionRollback' } });
    const state = await read();
    expect(state.cluster.status).toBe('ACTIVE');
    expect(state.runningUpdates).toEqual([{ resource: { kind: 'cluster', name: 'demo' }, updateId: 'rb-1', type: 'VersionRollback' }]);
    // plan never says converged over it.
    const text = formatPlan({ clusterName: 'demo', phases: [], warnings: [], findings: [], controlPlaneTargets: [] }, '1.29', '1.29', state.runningUpdates);
    expect(text).not.toMatch(/every target is met/);
    expect(text).toMatch(/no changes planned yet: 1 update\(s\) still running; apply waits for them/);
  });

  test('ROLLBACK-AUTO-MODE: with no update running the cluster history is still read, and finds nothing', async () => {
    autoMode();
    eks.on(ListUpdatesCommand, { name: 'demo' }).resolves({ updateIds: ['u-old'] });
    eks.on(DescribeUpdateCommand).resolves({ update: { id: 'u-old', status: 'Successful', type: 'VersionUpdate' } });
    const state = await read();
    expect(state.runningUpdates).toEqual([]);
    expect(clusterHistoryReads()).toHaveLength(1);
  });

  test('without Auto Mode an ACTIVE cluster runs no update (a rollback would read UPDATING): its history is not read', async () => {
    eks.on(ListUpdatesCommand, { name: 'demo' }).resolves({ updateIds: ['u-old'] });
    const state = await read();
    expect(state.runningUpdates).toEqual([]);
    expect(clusterHistoryReads()).toHaveLength(0);
    expect(eks.commandCalls(DescribeUpdateCommand)).toHaveLength(0);
  });

  test('an add-on the spec names that is not installed is refused, naming the field and what is installed', async () => {
    eks.on(ListAddonsCommand).resolves({ addons: ['kube-proxy'] });
    await expect(read()).rejects.toThrow(InputError);
    await expect(read()).rejects.toThrow(/addons\[0\]\.name: add-on 'vpc-cni' is not installed on cluster demo \(installed: kube-proxy\)/);
  });

  test('node groups on one AMI type and version read their `latest` release parameter once', async () => {
    const ssm = mockClient(SSMClient);
    try {
      ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '1.30.8-20250101' } });
      eks.on(ListNodegroupsCommand).resolves({ nodegroups: ['general', 'batch'] });
      const twoGroups = parseSpec({
        specVersion: 1,
        clusterName: 'demo',
        controlPlane: { version: '1.30' },
        addons: [],
        nodegroups: [{ name: 'general', releaseVersion: 'latest' }, { name: 'batch', releaseVersion: 'latest' }],
      });
      const state = await readLiveState(new EksApi('demo', { region: 'us-east-1' }), twoGroups);
      expect(state.latestReleaseVersions).toEqual({ general: '1.30.8-20250101', batch: '1.30.8-20250101' });
      expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    } finally {
      ssm.restore();
    }
  });
});

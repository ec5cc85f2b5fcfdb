import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { DataResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { onlyResource, resourcesOf, synth, runnerSpec } from './helpers';
import {
  AddonVersion, ClusterUpgrade, KubernetesVersion, NodeAmi, NodeLaunchTemplate, ReleaseVersion,
} from '../../src';

const ROLE = 'arn:aws:iam::123456789012:role/eks';

function cluster(scope: Construct, name = 'prod'): EksCluster {
  return new EksCluster(scope, 'Cluster', {
    name, roleArn: ROLE, version: '1.30', vpcConfig: { subnetIds: ['subnet-1'] },
  });
}

function nodegroup(scope: Construct, id: string, clusterName: string, name: string, extra: Partial<ConstructorParameters<typeof EksNodeGroup>[2]> = {}): EksNodeGroup {
  return new EksNodeGroup(scope, id, {
    clusterName,
    nodeGroupName: name,
    nodeRoleArn: ROLE,
    subnetIds: ['subnet-1'],
    scalingConfig: { desiredSize: 2, maxSize: 3, minSize: 1 },
    ...extra,
  });
}

describe('adoption', () => {
  test('adoption: adopted cluster, node groups and add-ons stop managing version fields; the runner waits for them', () => {
    const out = synth((scope) => {
      const eks = cluster(scope);
      const lt = new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
      const general = nodegroup(scope, 'General', eks.name, 'general', { version: '1.30', releaseVersion: '1.30.4-20241024' });
      const custom = nodegroup(scope, 'Custom', eks.name, 'custom', { launchTemplate: { id: lt.launchTemplateId, version: Token.asString(lt.latestVersion) } });
      const cni = new EksAddon(scope, 'Cni', { clusterName: eks.name, addonName: 'vpc-cni', addonVersion: 'v1.18.0-eksbuild.1', configurationValues: '{}' });
      const coredns = new EksAddon(scope, 'Coredns', { clusterName: eks.name, addonName: 'coredns' });
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: KubernetesVersion.of('1.31'),
        cluster: eks,
        nodegroups: [
          { name: 'general', releaseVersion: ReleaseVersion.latest(), nodegroup: general },
          { name: 'custom', launchTemplate: lt.forNodegroup(), nodegroup: custom },
        ],
        addons: [
          { name: 'vpc-cni', configuration: { env: { WARM_IP_TARGET: '5' } }, serviceAccountRoleArn: ROLE, addon: cni },
          { name: 'coredns', version: AddonVersion.clusterDefault(), podIdentityAssociations: [], addon: coredns },
        ],
      });
    });
    expect(out).toMatchSnapshot();

    expect(resourcesOf(out, 'aws_eks_cluster').Cluster.lifecycle).toEqual({ ignore_changes: ['version'] });
    const groups = resourcesOf(out, 'aws_eks_node_group');
    expect(groups.General.lifecycle).toEqual({ ignore_changes: ['version', 'release_version'] });
    expect(groups.Custom.lifecycle).toEqual({ ignore_changes: ['version', 'release_version', 'launch_template[0].version'] });
    const addons = resourcesOf(out, 'aws_eks_addon');
    expect(addons.Cni.lifecycle).toEqual({ ignore_changes: ['addon_version', 'configuration_values', 'service_account_role_arn'] });
    expect(addons.Coredns.lifecycle).toEqual({ ignore_changes: ['addon_version', 'pod_identity_association'] });
    expect(out).toHaveResourceWithProperties(DataResource, {
      depends_on: [
        'aws_eks_cluster.Cluster',
        'aws_eks_node_group.General',
        'aws_eks_node_group.Custom',
        'aws_eks_addon.Cni',
        'aws_eks_addon.Coredns',
      ],
    });
  });

  test('targets added later are adopted too', () => {
    const out = synth((scope) => {
      const ng = nodegroup(scope, 'Late', 'prod', 'late');
      const upgrade = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
      upgrade.addNodegroup({ name: 'late', nodegroup: ng });
    });
    expect(resourcesOf(out, 'aws_eks_node_group').Late.lifecycle).toEqual({ ignore_changes: ['version', 'release_version'] });
    expect(onlyResource(out, 'terraform_data').depends_on).toEqual(['aws_eks_node_group.Late']);
  });

  test('an existing lifecycle is kept: its other settings and ignore_changes entries stay, "all" stays "all"', () => {
    const out = synth((scope) => {
      const a = nodegroup(scope, 'A', 'prod', 'a', { lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size', 'version'] } });
      const b = nodegroup(scope, 'B', 'prod', 'b', { lifecycle: { ignoreChanges: 'all' } });
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: KubernetesVersion.of('1.31'),
        nodegroups: [{ name: 'a', nodegroup: a }, { name: 'b', nodegroup: b }],
      });
    });
    const groups = resourcesOf(out, 'aws_eks_node_group');
    expect(groups.A.lifecycle).toEqual({
      create_before_destroy: true,
      ignore_changes: ['scaling_config[0].desired_size', 'version', 'release_version'],
    });
    expect(groups.B.lifecycle).toEqual({ ignore_changes: 'all' });
  });

  test('a resource whose name is only known to Terraform is adopted when the target uses the same reference', () => {
    const out = synth((scope) => {
      const eks = cluster(scope);
      const ng = new EksNodeGroup(scope, 'Generated', {
        clusterName: eks.name,
        nodeGroupNamePrefix: 'gen-',
        nodeRoleArn: ROLE,
        subnetIds: ['subnet-1'],
        scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
      });
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: eks.name,
        version: KubernetesVersion.of('1.31'),
        cluster: eks,
        nodegroups: [{ name: ng.nodeGroupName, nodegroup: ng }],
      });
    });
    const input = runnerSpec(out);
    expect(input.clusterName).toBe('${aws_eks_cluster.Cluster.name}');
    expect(input.nodegroups[0].name).toBe('${aws_eks_node_group.Generated.node_group_name}');
  });
});

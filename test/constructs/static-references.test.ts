import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { onlyResource, synth } from './helpers';
import { nonStaticReferences } from './static-references';
import {
  ClusterUpgrade, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs, UpgradeRunner,
} from '../../src';

const ROLE = 'arn:aws:iam::123456789012:role/eks';

/** A cluster managed by provider resources, every part adopted, with a launch template that follows an AMI. */
function adoptedCluster(scope: Construct, runner?: UpgradeRunner): void {
  new AwsProvider(scope, 'Aws', { region: 'us-east-1' });
  new AwsProvider(scope, 'West', { region: 'us-west-2', alias: 'west' });
  const cluster = new EksCluster(scope, 'Cluster', { name: 'prod', roleArn: ROLE, version: '1.30', vpcConfig: { subnetIds: ['subnet-1'] } });
  const lt = new NodeLaunchTemplate(scope, 'Lt', {
    ami: NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.30'), os: NodeOs.AL2023 }),
    launchTemplate: { userData: 'x' },
  });
  const ng = new EksNodeGroup(scope, 'Custom', {
    clusterName: cluster.name,
    nodeGroupName: 'custom',
    nodeRoleArn: ROLE,
    subnetIds: ['subnet-1'],
    scalingConfig: { desiredSize: 1, maxSize: 2, minSize: 1 },
    launchTemplate: { id: lt.launchTemplateId, version: Token.asString(lt.latestVersion) },
  });
  const addon = new EksAddon(scope, 'Cni', { clusterName: cluster.name, addonName: 'vpc-cni' });
  new ClusterUpgrade(scope, 'Prod', {
    clusterName: 'prod',
    version: KubernetesVersion.of('1.31'),
    cluster,
    nodegroups: [{ name: 'custom', launchTemplate: lt.forNodegroup(), nodegroup: ng }],
    addons: [{ name: 'vpc-cni', addon }],
    runner,
  });
}

describe('static references', () => {
  test('the check itself: an interpolated depends_on, provider or ignore_changes entry is caught', () => {
    const bad = JSON.stringify({
      resource: {
        terraform_data: { r: { depends_on: ['${aws_eks_cluster.main}'], provider: '${aws.west}' } },
        aws_eks_cluster: { main: { lifecycle: { ignore_changes: ['${version}'], replace_triggered_by: ['terraform_data.r'] } } },
      },
      output: { o: { value: 1, depends_on: ['${aws_eks_cluster.main}', 'aws_eks_cluster.main'] } },
    });
    expect(nonStaticReferences(bad)).toEqual([
      'terraform_data.r: depends_on: "${aws_eks_cluster.main}"',
      'terraform_data.r: provider: "${aws.west}"',
      'aws_eks_cluster.main: lifecycle.ignore_changes: "${version}"',
      'output.o: depends_on: "${aws_eks_cluster.main}"',
    ]);
  });

  test('adoption with the local runner: depends_on holds bare references', () => {
    const out = synth((scope) => adoptedCluster(scope));
    expect(nonStaticReferences(out)).toEqual([]);
    expect(onlyResource(out, 'terraform_data').depends_on).toEqual(['aws_eks_cluster.Cluster', 'aws_eks_node_group.Custom', 'aws_eks_addon.Cni']);
  });

  test('adoption with the Lambda runner: the invocation depends on the adopted resources by bare reference', () => {
    const out = synth((scope) => adoptedCluster(scope, UpgradeRunner.lambda()));
    expect(nonStaticReferences(out)).toEqual([]);
    const invocation = Object.values<any>(JSON.parse(out).resource.aws_lambda_invocation)[0];
    expect(invocation.depends_on).toEqual(expect.arrayContaining(['aws_eks_cluster.Cluster', 'aws_eks_node_group.Custom', 'aws_eks_addon.Cni']));
  });

  test('adopting the same resource twice adds it to depends_on once', () => {
    const out = synth((scope) => {
      const ng = new EksNodeGroup(scope, 'Late', {
        clusterName: 'prod', nodeGroupName: 'late', nodeRoleArn: ROLE, subnetIds: ['s'], scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
      });
      const upgrade = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
      upgrade.addNodegroup({ name: 'late', nodegroup: ng });
      new ClusterUpgrade(scope, 'Other', {
        clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.local({ assumeRoleArn: ROLE }),
      }).addNodegroup({ name: 'late', nodegroup: ng });
    });
    expect(nonStaticReferences(out)).toEqual([]);
    for (const runner of Object.values<any>(JSON.parse(out).resource.terraform_data)) expect(runner.depends_on).toEqual(['aws_eks_node_group.Late']);
  });
});

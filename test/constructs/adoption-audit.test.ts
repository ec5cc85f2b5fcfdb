import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup, EksNodeGroupConfig } from '@cdktf/provider-aws/lib/eks-node-group';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { errorOf, resourcesOf, synth } from './helpers';
import { ClusterUpgrade, KubernetesVersion } from '../../src';

const ROLE = 'arn:aws:iam::123456789012:role/eks';

function cluster(scope: Construct, name = 'prod', id = 'Cluster'): EksCluster {
  return new EksCluster(scope, id, { name, roleArn: ROLE, version: '1.29', vpcConfig: { subnetIds: ['subnet-1'] } });
}

function nodegroup(scope: Construct, id: string, clusterName: string, extra: Partial<EksNodeGroupConfig> = {}): EksNodeGroup {
  return new EksNodeGroup(scope, id, {
    clusterName,
    nodeGroupName: id.toLowerCase(),
    nodeRoleArn: ROLE,
    subnetIds: ['subnet-1'],
    scalingConfig: { desiredSize: 1, maxSize: 2, minSize: 1 },
    ...extra,
  });
}

const upgrade = (scope: Construct, props: Partial<ConstructorParameters<typeof ClusterUpgrade>[2]> = {}) =>
  new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), ...props });

describe('adoption audit at synth', () => {
  test('an aws_eks_cluster of the upgraded name left unadopted is refused, naming it and the cluster prop', () => {
    const message = errorOf(() => synth((scope) => {
      cluster(scope);
      upgrade(scope);
    }));
    expect(message).toMatch(/^stack\/Cluster: the aws_eks_cluster named 'prod' is the cluster stack\/Prod upgrades, but is not adopted: Terraform would set the version back/);
    expect(message).toMatch(/Adopt it: cluster: <this EksCluster> in the props of stack\/Prod/);
  });

  test('a targeted node group left unadopted is refused, naming nodegroups[i].nodegroup', () => {
    const message = errorOf(() => synth((scope) => {
      const eks = cluster(scope);
      nodegroup(scope, 'General', eks.name);
      upgrade(scope, { cluster: eks, nodegroups: [{ name: 'general' }] });
    }));
    expect(message).toBe("stack/General: the aws_eks_node_group 'general' is what nodegroups[0] of stack/Prod targets, but is not adopted: Terraform would set the version back after every upgrade, and EKS refuses that (\"Unsupported Kubernetes minor version update\"). Adopt it: set nodegroups[0].nodegroup to this EksNodeGroup");
  });

  test('a targeted add-on left unadopted is refused, naming addons[i].addon', () => {
    const message = errorOf(() => synth((scope) => {
      const eks = cluster(scope);
      new EksAddon(scope, 'Cni', { clusterName: eks.name, addonName: 'vpc-cni', addonVersion: 'v1.18.0-eksbuild.1' });
      upgrade(scope, { cluster: eks, addons: [{ name: 'vpc-cni' }] });
    }));
    expect(message).toMatch(/^stack\/Cni: the aws_eks_addon 'vpc-cni' is what addons\[0\] of stack\/Prod targets, but is not adopted: .* set addons\[0\]\.addon to this EksAddon$/);
  });

  test('an untargeted node group of the cluster that pins a version is refused; one that pins none is left alone', () => {
    const message = errorOf(() => synth((scope) => {
      const eks = cluster(scope);
      nodegroup(scope, 'Pinned', eks.name, { version: '1.29' });
      nodegroup(scope, 'Free', eks.name);
      upgrade(scope, { cluster: eks });
    }));
    expect(message).toMatch(/^stack\/Pinned: the aws_eks_node_group 'pinned' belongs to the cluster stack\/Prod upgrades and sets version, but is not adopted: every managed node group moves with the control plane/);
    expect(message).toMatch(/addNodegroup\(\{ name, nodegroup \}\) on stack\/Prod, or remove version from it$/);
    expect(message).not.toMatch(/stack\/Free/);
  });

  test('resources of other clusters, and an untargeted add-on, are left alone', () => {
    const out = synth((scope) => {
      const other = cluster(scope, 'staging', 'Staging');
      nodegroup(scope, 'General', other.name, { version: '1.29' });
      const eks = cluster(scope);
      new EksAddon(scope, 'Cni', { clusterName: eks.name, addonName: 'vpc-cni', addonVersion: 'v1.18.0-eksbuild.1' });
      upgrade(scope, { cluster: eks });
    });
    expect(Object.keys(resourcesOf(out, 'aws_eks_cluster')).sort()).toEqual(['Cluster', 'Staging']);
  });

  test('a lifecycle set after the ClusterUpgrade that drops ignore_changes is refused, naming the resource and the fields', () => {
    const message = errorOf(() => synth((scope) => {
      const eks = cluster(scope);
      const ng = nodegroup(scope, 'General', eks.name);
      upgrade(scope, { cluster: eks, nodegroups: [{ name: 'general', nodegroup: ng }] });
      ng.lifecycle = { createBeforeDestroy: true };
    }));
    expect(message).toBe("stack/General: lifecycle.ignore_changes lacks 'version', 'release_version', which adoption by stack/Prod (nodegroups[0].nodegroup) added: the lifecycle was replaced after the ClusterUpgrade was created, and Terraform would undo the upgrade. Keep those entries: set lifecycle before creating the ClusterUpgrade, or extend it ({ ...resource.lifecycle, ignoreChanges: [...] })");
  });

  test('an override that removes ignore_changes is refused too; extending the lifecycle is accepted', () => {
    expect(errorOf(() => synth((scope) => {
      const eks = cluster(scope);
      upgrade(scope, { cluster: eks });
      eks.addOverride('lifecycle.ignore_changes', undefined);
    }))).toMatch(/^stack\/Cluster: lifecycle.ignore_changes lacks 'version', which adoption by stack\/Prod \(cluster\) added/);
    const out = synth((scope) => {
      const eks = cluster(scope);
      upgrade(scope, { cluster: eks });
      eks.lifecycle = { ...eks.lifecycle, preventDestroy: true };
    });
    expect(resourcesOf(out, 'aws_eks_cluster').Cluster.lifecycle).toEqual({ ignore_changes: ['version'], prevent_destroy: true });
  });

  test('names known only to Terraform: the same expression on both sides matches; different expressions are not compared', () => {
    expect(errorOf(() => synth((scope) => {
      const name = new TerraformVariable(scope, 'name', { type: 'string' });
      new EksCluster(scope, 'Cluster', { name: name.stringValue, roleArn: ROLE, vpcConfig: { subnetIds: ['s'] } });
      upgrade(scope, { clusterName: name.stringValue });
    }))).toMatch(/^stack\/Cluster: the aws_eks_cluster named '\$\{var.name\}' is the cluster stack\/Prod upgrades, but is not adopted/);
    // A node group whose cluster_name refers to the adopted cluster belongs to it.
    expect(errorOf(() => synth((scope) => {
      const eks = cluster(scope);
      nodegroup(scope, 'General', eks.name);
      upgrade(scope, { cluster: eks, nodegroups: [{ name: 'general' }] });
    }))).toMatch(/nodegroups\[0\]\.nodegroup/);
    synth((scope) => {
      const name = new TerraformVariable(scope, 'name', { type: 'string' });
      new EksCluster(scope, 'Cluster', { name: name.stringValue, roleArn: ROLE, vpcConfig: { subnetIds: ['s'] } });
      upgrade(scope);
    });
  });

  test('app.synth() refuses an unadopted cluster as Testing.synth does; a cluster in another stack is not this stack\'s', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'one');
    cluster(stack);
    upgrade(stack);
    expect(() => app.synth()).toThrow(/one\/Cluster: the aws_eks_cluster named 'prod' is the cluster one\/Prod upgrades, but is not adopted/);
    const other = new App({ outdir: Testing.app().outdir });
    cluster(new TerraformStack(other, 'clusters'));
    upgrade(new TerraformStack(other, 'upgrades'));
    expect(() => Testing.synth(other.node.findChild('upgrades') as TerraformStack)).not.toThrow();
  });
});

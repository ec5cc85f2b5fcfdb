import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { ClusterUpgrade, KubernetesVersion, ReleaseVersion } from '../src';

export const NODEGROUPS_PER_CLUSTER = 10;

/** `clusters` ClusterUpgrade constructs of 10 node-group targets each, in one stack. */
export function upgradeApp(outdir: string, clusters: number): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  for (let c = 0; c < clusters; c++) {
    new ClusterUpgrade(stack, `Cluster${c}`, {
      clusterName: `cluster-${c}`,
      region: 'eu-west-1',
      version: KubernetesVersion.of('1.31'),
      nodegroups: Array.from({ length: NODEGROUPS_PER_CLUSTER }, (_, i) => ({ name: `ng-${i}`, releaseVersion: ReleaseVersion.latest() })),
    });
  }
  return app;
}

/** The same node groups as raw provider-aws `EksNodeGroup` resources (with the provider they need). */
export function rawApp(outdir: string, clusters: number): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  for (let c = 0; c < clusters; c++) {
    for (let i = 0; i < NODEGROUPS_PER_CLUSTER; i++) {
      new EksNodeGroup(stack, `Cluster${c}Ng${i}`, {
        clusterName: `cluster-${c}`,
        nodeGroupName: `ng-${i}`,
        nodeRoleArn: 'arn:aws:iam::111122223333:role/eks-nodes',
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
        version: '1.31',
      });
    }
  }
  return app;
}

/**
 * The simulator's `demo` cluster as an existing app manages it: an EksCluster, two EksNodeGroups and three EksAddons,
 * each imported (`importFrom`) with the arguments the simulator describes, so that Terraform finds nothing to change,
 * and a ClusterUpgrade that adopts them all.
 */
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { simulatedAwsProvider } from './aws-provider-mirror';
import { AddonVersion, ClusterUpgrade, KubernetesVersion, ReleaseVersion, UpgradeRunner } from '../../src';

/** What the simulator's DescribeCluster and DescribeNodegroup report for `demo` (see src/simulator). */
const ACCOUNT_ROLE = (name: string) => `arn:aws:iam::111122223333:role/${name}`;
const SUBNETS = ['subnet-3076099f2ebe4ff0a', 'subnet-a0ff4ebe2f9906703'];

export interface AdoptedDemoOptions {
  /** The simulator's URL. */
  readonly endpoint: string;
  /** The control-plane target of the ClusterUpgrade. */
  readonly version: string;
  /** The handler's time scale (the simulator's). */
  readonly timeScale: string;
}

/** Synthesizes the adopting app into `outdir`; returns the stack's directory. */
export function synthAdoptedDemo(outdir: string, options: AdoptedDemoOptions): string {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'adopted');
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  simulatedAwsProvider(stack, options.endpoint);

  const cluster = new EksCluster(stack, 'Cluster', {
    name: 'demo',
    // The version the cluster was created at: once adopted, dead configuration (docs/adoption.md).
    version: '1.29',
    roleArn: ACCOUNT_ROLE('demo-cluster-role'),
    bootstrapSelfManagedAddons: false,
    vpcConfig: { subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: true },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: true },
    computeConfig: { enabled: true, nodePools: ['general-purpose', 'system'], nodeRoleArn: ACCOUNT_ROLE('demo-auto-node-role') },
    kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
    storageConfig: { blockStorage: { enabled: true } },
    tags: { env: 'demo' },
  });
  cluster.importFrom('demo');
  const nodegroup = (id: string, name: string, config: Partial<ConstructorParameters<typeof EksNodeGroup>[2]>) => {
    const ng = new EksNodeGroup(stack, id, {
      clusterName: cluster.name,
      nodeGroupName: name,
      nodeRoleArn: ACCOUNT_ROLE('demo-node-role'),
      subnetIds: SUBNETS,
      version: '1.29',
      labels: { role: name },
      ...config,
    } as ConstructorParameters<typeof EksNodeGroup>[2]);
    ng.importFrom(`demo:${name}`);
    return ng;
  };
  const general = nodegroup('General', 'general', {
    amiType: 'AL2023_x86_64_STANDARD',
    instanceTypes: ['m6i.large'],
    scalingConfig: { desiredSize: 3, maxSize: 6, minSize: 3 },
    updateConfig: { maxUnavailable: 1 },
  });
  const batch = nodegroup('Batch', 'batch', {
    amiType: 'AL2023_ARM_64_STANDARD',
    launchTemplate: { name: 'demo-batch-lt', version: '1' },
    scalingConfig: { desiredSize: 2, maxSize: 4, minSize: 2 },
    updateConfig: { maxUnavailablePercentage: 50 },
  });
  const addon = (id: string, name: string, version: string, extra: Partial<ConstructorParameters<typeof EksAddon>[2]> = {}) => {
    const a = new EksAddon(stack, id, { clusterName: cluster.name, addonName: name, addonVersion: version, ...extra });
    a.importFrom(`demo:${name}`);
    return a;
  };
  const vpcCni = addon('VpcCni', 'vpc-cni', 'v1.16.0-eksbuild.1', {
    podIdentityAssociation: [{ serviceAccount: 'aws-node', roleArn: ACCOUNT_ROLE('demo-vpc-cni') }],
  });
  const coredns = addon('Coredns', 'coredns', 'v1.11.1-eksbuild.4');
  const kubeProxy = addon('KubeProxy', 'kube-proxy', 'v1.29.0-eksbuild.1');

  new ClusterUpgrade(stack, 'Demo', {
    clusterName: 'demo',
    region: 'us-east-1',
    version: KubernetesVersion.of(options.version),
    cluster,
    nodegroups: [
      { name: 'general', releaseVersion: ReleaseVersion.latest(), nodegroup: general },
      { name: 'batch', nodegroup: batch },
    ],
    addons: [
      { name: 'vpc-cni', version: AddonVersion.latest(), addon: vpcCni },
      { name: 'coredns', version: AddonVersion.clusterDefault(), addon: coredns },
      { name: 'kube-proxy', version: AddonVersion.latest(), addon: kubeProxy },
    ],
    runner: UpgradeRunner.local({
      environment: { EKS_UPGRADE_TIME_SCALE: options.timeScale },
      passEnvironment: ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_EC2', 'AWS_REGION'],
    }),
  });
  app.synth();
  return `${outdir}/stacks/adopted`;
}

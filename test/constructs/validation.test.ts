import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { errorOf } from './helpers';
import {
  AddonVersion, ClusterUpgrade, ClusterUpgradeProps, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs,
  ReleaseVersion, UpgradeRunner,
} from '../../src';

const ROLE = 'arn:aws:iam::123456789012:role/eks';
const k131 = KubernetesVersion.of('1.31');

/** A ClusterUpgrade at `stack/Prod`, with `props` over a valid minimal target. */
function upgrade(props: Partial<ClusterUpgradeProps> = {}, then?: (u: ClusterUpgrade, scope: Construct) => void) {
  return (scope: Construct) => {
    const u = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: k131, ...props });
    then?.(u, scope);
  };
}

function template(scope: Construct, ami: NodeAmi): NodeLaunchTemplate {
  return new NodeLaunchTemplate(scope, 'Lt', { ami, launchTemplate: { userData: 'x' } });
}

function nodegroupResource(scope: Construct, clusterName: string, name: string): EksNodeGroup {
  return new EksNodeGroup(scope, 'Ng', {
    clusterName,
    nodeGroupName: name,
    nodeRoleArn: ROLE,
    subnetIds: ['subnet-1'],
    scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
  });
}

/** [case, app, the full text of the error] */
const cases: Array<[string, (scope: Construct) => void, string]> = [
  ['version with a leading v', () => KubernetesVersion.of('v1.31'),
    "'v1.31' is not a Kubernetes minor version: use 1.31, not v1.31 / 1.31.2 (no leading v)"],
  ['version with a patch level', () => KubernetesVersion.of('1.31.2'),
    "'1.31.2' is not a Kubernetes minor version: use 1.31, not v1.31 / 1.31.2 (no patch level: EKS manages patches itself)"],
  ['version that is not 1.x', () => KubernetesVersion.of('latest'),
    "'latest' is not a Kubernetes minor version: use the form 1.31, not v1.31 / 1.31.2"],
  ['empty cluster name', upgrade({ clusterName: '' }),
    'stack/Prod: clusterName: "" is not an EKS cluster name: 1–100 letters, digits, \'-\' or \'_\', starting with a letter or digit'],
  ['malformed region', upgrade({ region: 'Ireland' }),
    'stack/Prod: region: "Ireland" is not an AWS region name such as eu-west-1'],
  ['rollback timeout outside 120–10080', upgrade({ allowRollback: true, rollbackTimeoutMinutes: 60 }),
    'stack/Prod: rollbackTimeoutMinutes: 60 is outside what EKS accepts: a whole number of minutes from 120 to 10080'],
  ['duplicate node-group names', upgrade({ nodegroups: [{ name: 'general' }, { name: 'general' }] }),
    "stack/Prod: nodegroups[1]: duplicates nodegroups[0] ('general'): each name may appear once; merge the two"],
  ['duplicate node-group name via addNodegroup', upgrade({ nodegroups: [{ name: 'general' }] }, (u) => u.addNodegroup({ name: 'general' })),
    "stack/Prod: nodegroups[1]: duplicates nodegroups[0] ('general'): each name may appear once; merge the two"],
  ['duplicate add-on name via addAddon', upgrade({ addons: [{ name: 'vpc-cni' }] }, (u) => u.addAddon({ name: 'vpc-cni', version: AddonVersion.clusterDefault() })),
    "stack/Prod: addons[1]: duplicates addons[0] ('vpc-cni'): each name may appear once; merge the two"],
  ['launch template with both id and name', upgrade({ nodegroups: [{ name: 'a' }, { name: 'b', launchTemplate: { id: 'lt-0123', name: 'tmpl', version: '3' } }] }),
    'stack/Prod: nodegroups[1].launchTemplate: names both id and name: EKS accepts exactly one ("Either provide launch template ID or launch template name in the request."); drop one'],
  ['launch template with neither id nor name', upgrade({ nodegroups: [{ name: 'a', launchTemplate: { version: '3' } }] }),
    "stack/Prod: nodegroups[0].launchTemplate: needs an id or a name of the node group's launch template"],
  ['launch template version that is not a number', upgrade({ nodegroups: [{ name: 'a', launchTemplate: { id: 'lt-0123', version: '$Latest' } }] }),
    'stack/Prod: nodegroups[0].launchTemplate.version: "$Latest" is not a launch template version number (1, 2, …)'],
  ['both maxUnavailable and maxUnavailablePercentage', upgrade({ nodegroups: [{ name: 'a', updateConfig: { maxUnavailable: 2, maxUnavailablePercentage: 20 } }] }),
    'stack/Prod: nodegroups[0].updateConfig: sets both maxUnavailable and maxUnavailablePercentage: EKS accepts one; keep either'],
  ['maxUnavailable outside 1–100', upgrade({ nodegroups: [{ name: 'a', updateConfig: { maxUnavailable: 0 } }] }),
    'stack/Prod: nodegroups[0].updateConfig.maxUnavailable: 0 must be a whole number of nodes from 1 to 100'],
  ['node group ahead of the control plane', upgrade({ nodegroups: [{ name: 'a', version: KubernetesVersion.of('1.32') }] }),
    'stack/Prod: nodegroups[0].version: 1.32 is above the control-plane target 1.31: EKS never runs node groups ahead of the control plane; lower it or use "cluster"'],
  ['RELEASE-FORMAT: malformed release version', () => ReleaseVersion.of('v20241024'),
    "ReleaseVersion.of: 'v20241024' is not an AMI release version: use an Amazon Linux release such as 1.31.3-20241213 (<Kubernetes version>-<YYYYMMDD>), "
    + 'a Windows release such as 1.31-2024.11.12 (<Kubernetes minor>-<YYYY.MM.DD>) or a Bottlerocket release such as 1.43.0-5a2b9c1d (the Bottlerocket OS version and build), '
    + 'or ReleaseVersion.latest()'],
  ['RELEASE-FORMAT: Windows release of another minor', upgrade({ nodegroups: [{ name: 'win', releaseVersion: ReleaseVersion.of('1.30-2024.11.12') }] }),
    'stack/Prod: nodegroups[0].releaseVersion: 1.30-2024.11.12 is an AMI release of Kubernetes 1.30, but the node group\'s target is 1.31; pick a 1.31 release or "latest"'],
  ['AL2-ENDS-1-32: an Amazon Linux 2 AMI for 1.33', () => NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.33'), os: NodeOs.AL2 }),
    'NodeAmi.eksOptimized: AL2 x86_64 standard: os: EKS publishes no Amazon Linux 2 AMI for kubernetesVersion 1.33 (the last is 1.32); use NodeOs.AL2023 or NodeOs.BOTTLEROCKET'],
  ['version on a node group of an EKS-optimized NodeLaunchTemplate', (scope) => {
    const lt = template(scope, NodeAmi.eksOptimized({ kubernetesVersion: k131, os: NodeOs.AL2023 }));
    upgrade({ nodegroups: [{ name: 'gpu', launchTemplate: lt.forNodegroup(), version: k131 }] })(scope);
  }, 'stack/Prod: nodegroups[0].version: cannot be set: its launch template comes from NodeLaunchTemplate stack/Lt, which pins an image id, so EKS treats the node group as a custom-AMI node group (amiType CUSTOM) and rejects a Kubernetes version ("You cannot specify the field kubernetesVersion when using custom AMIs."); remove it and move the nodes by pointing the template\'s AMI at the new version (NodeAmi.eksOptimized({ kubernetesVersion }))'],
  ['releaseVersion on a node group of a custom-image NodeLaunchTemplate (added later)', (scope) => {
    const lt = template(scope, NodeAmi.fromImageId('ami-0123456789abcdef0'));
    upgrade({}, (u) => u.addNodegroup({ name: 'custom', launchTemplate: lt.forNodegroup(), releaseVersion: ReleaseVersion.latest() }))(scope);
  }, 'stack/Prod: nodegroups[0].releaseVersion: cannot be set: its launch template comes from NodeLaunchTemplate stack/Lt, which pins an image id, so EKS treats the node group as a custom-AMI node group (amiType CUSTOM) and rejects an AMI release version; remove it: the AMI comes from the template (NodeAmi.eksOptimized follows the recommended AMI, NodeAmi.fromImageId pins one)'],
  ['template AMI ahead of the control plane', (scope) => {
    const lt = template(scope, NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.32'), os: NodeOs.BOTTLEROCKET }));
    upgrade({ nodegroups: [{ name: 'br', launchTemplate: lt.forNodegroup() }] })(scope);
  }, 'stack/Prod: nodegroups[0].launchTemplate: the AMI of stack/Lt is for Kubernetes 1.32, above the control-plane target 1.31: EKS never runs nodes ahead of the control plane; use an AMI for 1.31 or earlier, or raise version'],
  ['maxConcurrentNodegroups of 0', upgrade({ policy: { maxConcurrentNodegroups: 0 } }),
    'stack/Prod: policy.maxConcurrentNodegroups: 0 must be a whole number from 1 to 100'],
  ['maxConcurrentNodegroups of 101', upgrade({ policy: { maxConcurrentNodegroups: 101 } }),
    'stack/Prod: policy.maxConcurrentNodegroups: 101 must be a whole number from 1 to 100'],
  ['maxKubeletSkew above 3', upgrade({ policy: { maxKubeletSkew: 4 } }),
    'stack/Prod: policy.maxKubeletSkew: 4 must be a whole number from 1 to 3 (the control plane always moves first, and EKS allows at most 3)'],
  ['non-positive timeout', upgrade({ policy: { updateTimeoutMinutes: { nodegroup: 0 } } }),
    'stack/Prod: policy.updateTimeoutMinutes.nodegroup: 0 must be a positive number of minutes'],
  ['ADDON-SETTINGS-CONTENT: configurationValues that is not a mapping', upgrade({ addons: [{ name: 'vpc-cni', configurationValues: '["a"]' }] }),
    'stack/Prod: addons[0].configurationValues: parses to a list: EKS expects a mapping of settings (e.g. {"env":{"WARM_IP_TARGET":"5"}} or env: {WARM_IP_TARGET: "5"}); '
    + 'use {} to reset the add-on to its default configuration'],
  ['ADDON-SETTINGS-CONTENT: configurationValues that is neither JSON nor YAML', upgrade({ addons: [{ name: 'coredns', configurationValues: 'replicaCount: [3' }] }),
    'stack/Prod: addons[0].configurationValues: does not parse as JSON or YAML (YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 17); '
    + 'give a mapping, e.g. {"env":{"WARM_IP_TARGET":"5"}} or env: {WARM_IP_TARGET: "5"}'],
  ['configuration and configurationValues together', upgrade({ addons: [{ name: 'coredns', configuration: { replicaCount: 3 }, configurationValues: '{"replicaCount":2}' }] }),
    'stack/Prod: addons[0].configuration: is set together with configurationValues: give the configuration once, as an object (configuration) or as JSON or YAML text (configurationValues)'],
  ['malformed service account role ARN', upgrade({ addons: [{ name: 'vpc-cni', serviceAccountRoleArn: 'arn:aws:iam::123:role/x' }] }),
    'stack/Prod: addons[0].serviceAccountRoleArn: "arn:aws:iam::123:role/x" is not an IAM role ARN (arn:aws:iam::123456789012:role/name)'],
  ['malformed pod identity role ARN', upgrade({ addons: [{ name: 'vpc-cni', podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: 'aws-node-role' }] }] }),
    'stack/Prod: addons[0].podIdentityAssociations[0].roleArn: "aws-node-role" is not an IAM role ARN (arn:aws:iam::123456789012:role/name)'],
  ['malformed add-on version', upgrade({ addons: [{ name: 'vpc-cni', version: AddonVersion.of('newest') }] }),
    'stack/Prod: addons[0].version: "newest" is not an add-on version: use "latest", "clusterDefault" or an exact version such as v1.19.0-eksbuild.1'],
  ['adopted node group with another name', (scope) => {
    const ng = nodegroupResource(scope, 'prod', 'workers');
    upgrade({ nodegroups: [{ name: 'general', nodegroup: ng }] })(scope);
  }, "stack/Prod: nodegroups[0].nodegroup: is the aws_eks_node_group named 'workers', but the target is named 'general': set name: 'workers', or adopt the aws_eks_node_group named 'general'"],
  ['adopted node group with a generated name', (scope) => {
    const ng = new EksNodeGroup(scope, 'Generated', {
      clusterName: 'prod', nodeGroupNamePrefix: 'gen-', nodeRoleArn: ROLE, subnetIds: ['subnet-1'], scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
    });
    upgrade({ nodegroups: [{ name: 'general', nodegroup: ng }] })(scope);
  }, "stack/Prod: nodegroups[0].nodegroup: the adopted aws_eks_node_group has no fixed name (node_group_name_prefix, or one Terraform generates), so it cannot be matched with 'general' at synth: give it nodeGroupName: 'general'"],
  ['adopted node group of another cluster', (scope) => {
    const ng = nodegroupResource(scope, 'staging', 'general');
    upgrade({ nodegroups: [{ name: 'general', nodegroup: ng }] })(scope);
  }, "stack/Prod: nodegroups[0].nodegroup: belongs to cluster 'staging', not 'prod' (clusterName): adopt a node group of the cluster being upgraded"],
  ['adopted add-on with another name', (scope) => {
    const addon = new EksAddon(scope, 'Addon', { clusterName: 'prod', addonName: 'coredns' });
    upgrade({ addons: [{ name: 'vpc-cni', addon }] })(scope);
  }, "stack/Prod: addons[0].addon: is the aws_eks_addon named 'coredns', but the target is named 'vpc-cni': set name: 'coredns', or adopt the aws_eks_addon named 'vpc-cni'"],
  ['adopted cluster with another name', (scope) => {
    const cluster = new EksCluster(scope, 'Cluster', { name: 'staging', roleArn: ROLE, vpcConfig: { subnetIds: ['subnet-1'] } });
    upgrade({ cluster })(scope);
  }, "stack/Prod: cluster: is the aws_eks_cluster named 'staging', but clusterName is 'prod': set clusterName: 'staging', or adopt the aws_eks_cluster named 'prod'"],
  ['two upgrades of one cluster', (scope) => {
    upgrade()(scope);
    new ClusterUpgrade(scope, 'Again', { clusterName: 'prod', version: k131 });
  }, "stack/Again: clusterName: 'prod' is already upgraded by stack/Prod through the same identity (the default profile, the default EKS endpoint): two upgrades of one cluster would race; use one ClusterUpgrade per cluster and add targets to it. If the two are clusters of different accounts, give each runner its own identity: assumeRoleArn, AWS_PROFILE in its environment, or, for the Lambda runner, its provider"],
  ['runner environment setting the spec variable', upgrade({ runner: UpgradeRunner.local({ environment: { EKS_UPGRADE_SPEC: '{}' } }) }),
    'stack/Prod: runner environment: EKS_UPGRADE_SPEC is set by the runner itself; remove it'],
  ['runner passEnvironment with an invalid name', upgrade({ runner: UpgradeRunner.local({ passEnvironment: ['AWS-PROFILE'] }) }),
    "stack/Prod: runner passEnvironment: 'AWS-PROFILE' is not an environment variable name: use letters, digits and _ (not starting with a digit)"],
  ['runner variable both fixed and passed', upgrade({ runner: UpgradeRunner.local({ environment: { AWS_PROFILE: 'prod' }, passEnvironment: ['AWS_PROFILE'] }) }),
    'stack/Prod: runner passEnvironment: AWS_PROFILE is also given a fixed value in environment; keep one of the two'],
];

describe('synth-time validation', () => {
  test.each(cases)('%s', (_name, app, message) => {
    expect(errorOf(() => Testing.synthScope(app))).toBe(message);
  });

  test('every problem is reported at once, one line each', () => {
    const message = errorOf(() => Testing.synthScope(upgrade({
      clusterName: '',
      policy: { maxConcurrentNodegroups: 0, updateTimeoutMinutes: { cluster: -1 } },
      nodegroups: [{ name: 'a', updateConfig: { maxUnavailable: 1, maxUnavailablePercentage: 10 } }, { name: 'a' }],
    })));
    const lines = message.split('\n');
    expect(lines.map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([
      'stack/Prod: clusterName',
      'stack/Prod: nodegroups[0].updateConfig',
      'stack/Prod: nodegroups[1]',
      'stack/Prod: policy.maxConcurrentNodegroups',
      'stack/Prod: policy.updateTimeoutMinutes.cluster',
    ]);
  });

  test('a rejected target is not added, so the upgrade stays usable', () => {
    Testing.synthScope((scope) => {
      const u = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: k131 });
      expect(() => u.addNodegroup({ name: 'a', updateConfig: { maxUnavailable: 0 } })).toThrow('nodegroups[0].updateConfig.maxUnavailable');
      u.addNodegroup({ name: 'a' });
      expect(u.spec.nodegroups).toEqual([{ name: 'a', version: 'cluster', force: false }]);
    });
  });

  test('clusters of the same name in different regions are different clusters', () => {
    expect(() => Testing.synthScope((scope) => {
      new ClusterUpgrade(scope, 'Ireland', { clusterName: 'prod', region: 'eu-west-1', version: k131 });
      new ClusterUpgrade(scope, 'Virginia', { clusterName: 'prod', region: 'us-east-1', version: k131 });
    })).not.toThrow();
  });

  test('the same targets without the mistakes synthesize', () => {
    expect(() => Testing.synthScope(upgrade({
      region: 'eu-west-1',
      policy: { maxConcurrentNodegroups: 100, maxKubeletSkew: 2, skipLevelNodegroups: true, updateTimeoutMinutes: { cluster: 0.5 } },
      nodegroups: [
        { name: 'a', version: KubernetesVersion.of('1.29'), releaseVersion: ReleaseVersion.of('1.29.3-20240531'), updateConfig: { maxUnavailable: 100 } },
        { name: 'win', releaseVersion: ReleaseVersion.of('1.31-2024.11.12') },
        { name: 'br', releaseVersion: ReleaseVersion.of('1.43.0-5a2b9c1d') },
      ],
      addons: [
        { name: 'vpc-cni', configurationValues: '{}', serviceAccountRoleArn: 'arn:aws-cn:iam::123456789012:role/path/x' },
        { name: 'coredns', configurationValues: 'replicaCount: 3\nresources:\n  limits:\n    memory: 256Mi\n' },
      ],
    }))).not.toThrow();
  });

  test('AL2-ENDS-1-32: Amazon Linux 2 AMIs up to 1.32, and a Kubernetes version only Terraform knows, pass at synth', () => {
    expect(() => NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.32'), os: NodeOs.AL2 })).not.toThrow();
    Testing.synthScope((scope) => {
      const version = KubernetesVersion.of(new TerraformVariable(scope, 'k8s', { type: 'string' }).stringValue);
      expect(NodeAmi.eksOptimized({ kubernetesVersion: version, os: NodeOs.AL2 }).isEksOptimized).toBe(true);
    });
  });
});

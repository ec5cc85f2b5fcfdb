import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AnnotationMetadataEntryType, Testing, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { errorOf, onlyResource, runnerSpec, synth } from './helpers';
import { ClusterUpgrade, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs } from '../../src';

const k131 = KubernetesVersion.of('1.31');

describe('NodeLaunchTemplate', () => {
  test('launch-template roll: a new AMI makes a new template version, which is the node group target', () => {
    const out = synth((scope) => {
      const lt = new NodeLaunchTemplate(scope, 'GpuLt', {
        ami: NodeAmi.eksOptimized({ kubernetesVersion: k131, os: NodeOs.AL2023 }),
        launchTemplate: {
          namePrefix: 'gpu-',
          instanceType: 'g5.xlarge',
          userData: 'apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n',
          metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
          tags: { team: 'ml' },
        },
      });
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: k131,
        nodegroups: [{ name: 'gpu', launchTemplate: lt.forNodegroup() }],
      });
    });
    expect(out).toMatchSnapshot();
    expect(out).toHaveResourceWithProperties(LaunchTemplate, {
      name_prefix: 'gpu-',
      instance_type: 'g5.xlarge',
      update_default_version: true,
      user_data: Buffer.from('apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n').toString('base64'),
      image_id: expect.stringMatching(/^\$\{data\.aws_ssm_parameter\.GpuLt_AmiParameter_[0-9A-F]{8}\.insecure_value\}$/),
      metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 2 },
      tags: { team: 'ml' },
    });
    const ltId = Object.keys(JSON.parse(out).resource.aws_launch_template)[0];
    expect(runnerSpec(out).nodegroups).toEqual([{
      name: 'gpu',
      version: 'cluster',
      force: false,
      launchTemplate: { id: `\${aws_launch_template.${ltId}.id}`, version: `\${aws_launch_template.${ltId}.latest_version}` },
    }]);
  });

  test('exposes the template id, its latest version and the image as tokens, and the AMI kind', () => {
    Testing.synthScope((scope) => {
      const eks = new NodeLaunchTemplate(scope, 'Eks', { ami: NodeAmi.eksOptimized({ kubernetesVersion: k131, os: NodeOs.AL2 }), launchTemplate: { userData: 'x' } });
      const custom = new NodeLaunchTemplate(scope, 'Custom', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
      expect(Token.isUnresolved(eks.launchTemplateId)).toBe(true);
      expect(Token.isUnresolved(eks.latestVersion)).toBe(true);
      expect(Token.isUnresolved(eks.imageId)).toBe(true);
      expect(eks.isCustomAmi).toBe(false);
      expect(custom.isCustomAmi).toBe(true);
      expect(custom.imageId).toBe('ami-0123456789abcdef0');
      expect(eks.forNodegroup()).toEqual({ id: eks.launchTemplateId, version: eks.forNodegroup().version });
      expect(eks.forNodegroup().name).toBeUndefined();
    });
  });

  test('a fixed image id is written as it is, with no data source', () => {
    const out = synth((scope) => {
      new NodeLaunchTemplate(scope, 'Custom', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
    });
    expect(out).toHaveResourceWithProperties(LaunchTemplate, { image_id: 'ami-0123456789abcdef0', update_default_version: true });
    expect(JSON.parse(out).data).toBeUndefined();
  });

  test('user data given as a token is encoded by Terraform', () => {
    const out = synth((scope) => {
      new NodeLaunchTemplate(scope, 'Lt', {
        ami: NodeAmi.fromImageId('ami-0123456789abcdef0'),
        launchTemplate: { userData: new TerraformVariable(scope, 'user_data', { type: 'string' }).stringValue },
      });
    });
    expect(onlyResource(out, 'aws_launch_template').user_data).toBe('${base64encode(var.user_data)}');
  });

  test('without user data a warning says nodes will not join', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const lt = new NodeLaunchTemplate(stack, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0') });
    const withUserData = new NodeLaunchTemplate(stack, 'WithUserData', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
    const warnings = (c: Construct) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings(lt)).toEqual([expect.stringContaining('no userData: the template pins an image id, so EKS adds no bootstrap user data')]);
    expect(warnings(withUserData)).toEqual([]);
  });

  test('name and namePrefix together are an error', () => {
    expect(errorOf(() => Testing.synthScope((scope) => {
      new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { name: 'a', namePrefix: 'b' } });
    }))).toBe('stack/Lt: launchTemplate: sets both name and namePrefix: Terraform accepts one; keep either');
  });
});

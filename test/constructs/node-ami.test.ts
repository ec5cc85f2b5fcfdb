import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Testing } from 'cdktf';
import { errorOf } from './helpers';
import { AmiVariant, Arch, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs } from '../../src';

const k = KubernetesVersion.of('1.31');

describe('NodeAmi.eksOptimized', () => {
  test.each([
    [NodeOs.AL2023, Arch.X86_64, AmiVariant.STANDARD, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id'],
    [NodeOs.AL2023, Arch.ARM64, AmiVariant.STANDARD, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/arm64/standard/recommended/image_id'],
    [NodeOs.AL2023, Arch.X86_64, AmiVariant.NVIDIA, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/nvidia/recommended/image_id'],
    [NodeOs.AL2023, Arch.ARM64, AmiVariant.NVIDIA, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/arm64/nvidia/recommended/image_id'],
    [NodeOs.AL2023, Arch.X86_64, AmiVariant.NEURON, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/neuron/recommended/image_id'],
    [NodeOs.AL2, Arch.X86_64, AmiVariant.STANDARD, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/image_id'],
    [NodeOs.AL2, Arch.ARM64, AmiVariant.STANDARD, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2-arm64/recommended/image_id'],
    [NodeOs.AL2, Arch.X86_64, AmiVariant.NVIDIA, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2-gpu/recommended/image_id'],
    [NodeOs.AL2, Arch.X86_64, AmiVariant.NEURON, '/aws/service/eks/optimized-ami/1.31/amazon-linux-2-gpu/recommended/image_id'],
    [NodeOs.BOTTLEROCKET, Arch.X86_64, AmiVariant.STANDARD, '/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id'],
    [NodeOs.BOTTLEROCKET, Arch.ARM64, AmiVariant.STANDARD, '/aws/service/bottlerocket/aws-k8s-1.31/arm64/latest/image_id'],
    [NodeOs.BOTTLEROCKET, Arch.X86_64, AmiVariant.NVIDIA, '/aws/service/bottlerocket/aws-k8s-1.31-nvidia/x86_64/latest/image_id'],
    [NodeOs.BOTTLEROCKET, Arch.ARM64, AmiVariant.NVIDIA, '/aws/service/bottlerocket/aws-k8s-1.31-nvidia/arm64/latest/image_id'],
  ])('%s %s %s reads %s', (os, arch, variant, parameter) => {
    const ami = NodeAmi.eksOptimized({ kubernetesVersion: k, os, arch, variant });
    expect(ami.ssmParameterName).toBe(parameter);
    expect(ami.isEksOptimized).toBe(true);
    expect(ami.kubernetesVersion).toBe('1.31');
  });

  test('defaults to x86_64 standard', () => {
    expect(NodeAmi.eksOptimized({ kubernetesVersion: k, os: NodeOs.AL2023 }).ssmParameterName)
      .toBe('/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id');
  });

  test('the image id comes from the SSM parameter data source, unmasked', () => {
    const out = Testing.synthScope((scope) => {
      new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.eksOptimized({ kubernetesVersion: k, os: NodeOs.BOTTLEROCKET }), launchTemplate: { userData: 'x' } });
    });
    expect(out).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: '/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id' });
    const parameterId = Object.keys(JSON.parse(out).data.aws_ssm_parameter)[0];
    expect(out).toHaveResourceWithProperties(LaunchTemplate, { image_id: `\${data.aws_ssm_parameter.${parameterId}.insecure_value}` });
  });

  test.each([
    [NodeOs.AL2023, Arch.ARM64, AmiVariant.NEURON, 'NodeAmi.eksOptimized: AL2023 arm64 neuron: EKS publishes Neuron AMIs for x86_64 only; use Arch.X86_64 (Inferentia and Trainium instances are x86_64)'],
    [NodeOs.AL2, Arch.ARM64, AmiVariant.NVIDIA, 'NodeAmi.eksOptimized: AL2 arm64 nvidia: EKS publishes accelerated AL2 AMIs for x86_64 only; use Arch.X86_64 or NodeOs.AL2023'],
    [NodeOs.BOTTLEROCKET, Arch.X86_64, AmiVariant.NEURON, 'NodeAmi.eksOptimized: BOTTLEROCKET x86_64 neuron: Bottlerocket publishes no separate Neuron variant; use NodeOs.AL2023 with AmiVariant.NEURON'],
  ])('%s %s %s has no published AMI', (os, arch, variant, message) => {
    expect(errorOf(() => NodeAmi.eksOptimized({ kubernetesVersion: k, os, arch, variant }))).toBe(message);
  });
});

describe('NodeAmi.eksOptimized: AL2-ENDS-1-32', () => {
  // https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html: 1.32 is the last minor with AL2 AMIs.
  test.each([
    ['1.33', Arch.X86_64, AmiVariant.STANDARD],
    ['1.34', Arch.ARM64, AmiVariant.STANDARD],
    ['1.33', Arch.X86_64, AmiVariant.NVIDIA],
  ])('Amazon Linux 2 for Kubernetes %s (%s %s) is refused, pointing to AL2023 or Bottlerocket', (version, arch, variant) => {
    expect(errorOf(() => NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of(version), os: NodeOs.AL2, arch, variant }))).toBe(
      `NodeAmi.eksOptimized: AL2 ${arch} ${variant}: os: EKS publishes no Amazon Linux 2 AMI for kubernetesVersion ${version} (the last is 1.32); use NodeOs.AL2023 or NodeOs.BOTTLEROCKET`,
    );
  });

  test.each([NodeOs.AL2023, NodeOs.BOTTLEROCKET])('%s for Kubernetes 1.33 is published', (os) => {
    expect(NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.33'), os }).ssmParameterName).toContain('1.33');
  });

  test('Amazon Linux 2 for Kubernetes 1.32, the last minor it has, is read from its parameter', () => {
    expect(NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.32'), os: NodeOs.AL2 }).ssmParameterName)
      .toBe('/aws/service/eks/optimized-ami/1.32/amazon-linux-2/recommended/image_id');
  });
});

describe('NodeAmi.fromImageId', () => {
  test('a fixed image id is used as it is', () => {
    const ami = NodeAmi.fromImageId('ami-0123456789abcdef0');
    expect(ami.isEksOptimized).toBe(false);
    expect(ami.ssmParameterName).toBeUndefined();
    expect(ami.kubernetesVersion).toBeUndefined();
  });

  test.each(['image-1', 'ami-123', 'AMI-0123456789ABCDEF0'])('%s is rejected', (id) => {
    expect(errorOf(() => NodeAmi.fromImageId(id))).toBe(`NodeAmi.fromImageId: '${id}' is not an AMI id: use the form ami-0123456789abcdef0`);
  });
});

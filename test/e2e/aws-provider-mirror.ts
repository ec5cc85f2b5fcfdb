/**
 * The real hashicorp/aws provider, installed from the local mirror (scripts/aws-provider-mirror.ts) and pointed at the
 * simulator, for the end-to-end tests of adoption (EksCluster, EksNodeGroup, EksAddon imported and adopted) and of the
 * AMI path (NodeAmi, NodeLaunchTemplate).
 *
 * The override: @cdktf/provider-aws 21.x (and @cdktn/provider-aws 25.x) write `required_providers.aws.version` as the
 * 6.x release they were generated from, which the mirror does not hold. These tests override that constraint to the
 * mirrored release, MIRRORED_AWS_VERSION (`stack.addOverride('terraform.required_providers.aws.version', …)`), and
 * write only arguments both releases share.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { MIRRORED_AWS_VERSION } from '../../scripts/aws-provider-mirror';

export { awsProviderMirrorUnavailable, MIRRORED_AWS_VERSION, writeMirrorCliConfig } from '../../scripts/aws-provider-mirror';

/**
 * The stack's default AWS provider, every service this product touches pointed at the simulator, asking nothing of
 * real AWS (no credential check, account lookup or metadata API), and the stack bound to the mirrored release.
 */
export function simulatedAwsProvider(stack: TerraformStack, endpoint: string): AwsProvider {
  stack.addOverride('terraform.required_providers.aws.version', MIRRORED_AWS_VERSION);
  return new AwsProvider(stack, 'aws', {
    region: 'us-east-1',
    accessKey: 'simulated',
    secretKey: 'simulated',
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
    endpoints: [{ eks: endpoint, ssm: endpoint, sts: endpoint, ec2: endpoint }],
  });
}

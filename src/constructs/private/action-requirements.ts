import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { checkAtSynth } from './at-synth';
import { admitsAtLeast, admitsBelow } from './version-constraint';

/** Terraform added `action` blocks in 1.14; 1.14.1 fixes the order in which triggered actions run. */
const MIN_TERRAFORM_FOR_ACTIONS = '1.14.1';
/** The hashicorp/aws release that added the `aws_codebuild_start_build` action. */
const MIN_AWS_PROVIDER_FOR_CODEBUILD_ACTION = '6.15.0';

/**
 * Refuses, when the stack is synthesized, what would leave the runner's action unrun or unknown to Terraform: a
 * declared `required_version` that admits Terraform older than 1.14.1 (Terraform 1.13 skips `action` blocks without
 * a word), and an AWS provider pinned below 6.15. A stack that declares no Terraform version gets `>= 1.14.1`, so an
 * older Terraform stops at init instead of applying without running the upgrade.
 *
 * It runs as an aspect because the stack's requirements may be declared after the runner is bound.
 */
export function requireActionSupport(root: Construct, user: string): void {
  checkAtSynth(root, () => checkActionSupport(root, user));
}

function checkActionSupport(root: Construct, user: string): void {
  const stack = TerraformStack.of(root);
  const where = `${root.node.scope!.node.path}: ${user}`;
  const declared = overrides(stack).terraform?.required_version;
  if (declared === undefined) {
    stack.addOverride('terraform.required_version', `>= ${MIN_TERRAFORM_FOR_ACTIONS}`);
  } else if (typeof declared === 'string' && admitsBelow(declared, MIN_TERRAFORM_FOR_ACTIONS) === true) {
    throw new Error(`${where} runs an \`action\`, which needs Terraform ${MIN_TERRAFORM_FOR_ACTIONS} or later (1.13 skips it silently), but the stack declares terraform.required_version "${declared}": declare ">= ${MIN_TERRAFORM_FOR_ACTIONS}"`);
  }
  const aws = awsProviderConstraint(stack);
  if (aws !== undefined && admitsAtLeast(aws.constraint, MIN_AWS_PROVIDER_FOR_CODEBUILD_ACTION) === false) {
    throw new Error(`${where} runs the aws_codebuild_start_build action, which needs hashicorp/aws ${MIN_AWS_PROVIDER_FOR_CODEBUILD_ACTION} or later, but ${aws.from} pins "${aws.constraint}": allow ">= ${MIN_AWS_PROVIDER_FOR_CODEBUILD_ACTION}" (e.g. install a provider package built on it)`);
  }
}

/** The stack's own overrides (`stack.addOverride`), which Terraform's output takes over everything else. */
function overrides(stack: TerraformStack): { terraform?: { required_version?: unknown; required_providers?: { aws?: { version?: unknown } } } } {
  return (stack as unknown as { rawOverrides: Record<string, any> }).rawOverrides ?? {};
}

/** The AWS provider's version constraint as the stack will declare it, and where it comes from. */
function awsProviderConstraint(stack: TerraformStack): { constraint: string; from: string } | undefined {
  const overridden = overrides(stack).terraform?.required_providers?.aws?.version;
  if (typeof overridden === 'string') return { constraint: overridden, from: 'the stack override terraform.required_providers.aws.version' };
  const provider = stack.node.findAll().find((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'aws');
  const metadata = provider?.terraformGeneratorMetadata;
  // As the provider writes required_providers: its exact version, else its constraint.
  const constraint = metadata?.providerVersion ?? metadata?.providerVersionConstraint;
  return constraint === undefined ? undefined : { constraint, from: 'the AWS provider package (required_providers.aws.version)' };
}

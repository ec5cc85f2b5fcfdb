import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { checkAtSynth } from './at-synth';

/**
 * Refuses, at synth, resources of the AWS provider in a stack that has no default AWS provider. `app.synth()` refuses
 * them too, in its final validation ("Found resources without a matching provider construct"), but `Testing.synth`
 * runs no validation, so a unit-tested stack would pass and only fail once deployed. An aspect runs in both.
 *
 * @param scope the construct whose resources use the stack's default AWS provider
 * @param user what creates them, for the message, e.g. `UpgradeRunner.lambda()`
 */
export function requireDefaultAwsProvider(scope: Construct, user: string): void {
  checkAtSynth(scope, () => {
    const stack = TerraformStack.of(scope);
    const found = stack.node.findAll().some((c) => c instanceof TerraformProvider && c.terraformResourceType === 'aws' && c.alias === undefined);
    if (!found) {
      throw new Error(`${scope.node.path}: ${user} creates AWS resources, but stack '${stack.node.id}' has no default AWS provider: add one (new AwsProvider(stack, 'aws', { region })), or give the runner an aliased provider (provider)`);
    }
  });
}

import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformResource, TerraformResourceConfig } from 'cdktf';
import { Construct } from 'constructs';

export interface TerraformDataConfig extends Omit<TerraformResourceConfig, 'terraformResourceType'> {
  readonly input: unknown;
  readonly triggersReplace: unknown;
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform 1.4 and later). cdktf's `DataResource` declares the same
 * resource but runs `terraform version` at synth for each instance, which made synth cost several times that of raw
 * resources; the README states the Terraform version the runner needs instead.
 */
export class TerraformData extends TerraformResource {
  private readonly input: unknown;
  private readonly triggersReplace: unknown;

  constructor(scope: Construct, id: string, config: TerraformDataConfig) {
    super(scope, id, { ...config, terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
    this.input = config.input;
    this.triggersReplace = config.triggersReplace;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return { input: hashMapper(anyToTerraform)(this.input), triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    return { input: hashMapperHcl(anyToHclTerraform)(this.input), triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplace) };
  }
}

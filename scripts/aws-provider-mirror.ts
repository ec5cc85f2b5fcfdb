/**
 * The local filesystem mirror of the hashicorp/aws provider that the AWS-provider end-to-end tests install from (the
 * Terraform registry is out of reach on the machines that run them): where it is, the release it holds, whether it is
 * there, and the terraform CLI configuration that installs hashicorp/aws from it and from nowhere else.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { terraformUnavailable } from './rehearsal';

/** The hashicorp/aws release the mirror holds, which those tests pin the stack to. */
export const MIRRORED_AWS_VERSION = '5.100.0';

/** The mirror's directory (`<mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/…`). */
export function awsProviderMirror(env: NodeJS.ProcessEnv = process.env): string {
  return env.EKS_UPGRADE_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
}

/** Why the mirrored-provider tests cannot run, in a few words; undefined when they can. */
export function awsProviderMirrorUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const terraform = terraformUnavailable(env);
  if (terraform) return terraform;
  const mirror = awsProviderMirror(env);
  return existsSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', MIRRORED_AWS_VERSION))
    ? undefined
    : `no hashicorp/aws ${MIRRORED_AWS_VERSION} in the provider mirror at ${mirror}`;
}

/** Writes, in `dir`, the CLI configuration (for TF_CLI_CONFIG_FILE) that installs hashicorp/aws from the mirror only. */
export function writeMirrorCliConfig(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = join(dir, 'terraform-cli.tfrc');
  writeFileSync(file, [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(awsProviderMirror(env))}`,
    '    include = ["registry.terraform.io/hashicorp/aws"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/hashicorp/aws"]',
    '  }',
    '}',
    '',
  ].join('\n'));
  return file;
}

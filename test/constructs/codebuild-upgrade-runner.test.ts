import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformStack, Testing } from 'cdktf';
import { errorOf, onlyResource, resourcesOf } from './helpers';
import { AddonVersion, ClusterUpgrade, CodeBuildUpgradeRunner, KubernetesVersion, UpgradeRunner } from '../../src';

/** Where the handler's source ZIP lands; its hash changes whenever the engine code changes. */
const SOURCE_HASH = /(EksUpgradeHandlerSource\/|eks-upgrade\/|"source_hash": ")[0-9A-F]{32}/g;

/** Synthesizes a scope with the source bundle's hash replaced, so snapshots depend on the constructs only. */
function synth(fn: (scope: any) => void): string {
  return Testing.synthScope(fn).replace(SOURCE_HASH, '$1<bundle-hash>');
}

function prodUpgrade(scope: any, runner: UpgradeRunner = UpgradeRunner.codeBuild()): ClusterUpgrade {
  return new ClusterUpgrade(scope, 'Prod', {
    clusterName: 'prod',
    region: 'eu-west-1',
    version: KubernetesVersion.of('1.31'),
    addons: [{ name: 'coredns', version: AddonVersion.clusterDefault() }],
    nodegroups: [{ name: 'general' }],
    runner,
  });
}

const withProvider = (fn: (scope: any) => void) => (scope: any) => {
  new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
  fn(scope);
};

/**
 * The output without the AWS provider's block and its required_providers pin, as text: each is cut from its key to the
 * closing brace at the key's own indentation, so the rest keeps the layout synth gave it (which differs by flavour).
 */
function withoutProvider(out: string): string {
  return out.replace(/\n {2}"provider": \{\n[\s\S]*?\n {2}\},/, '').replace(/\n {4}"required_providers": \{\n[\s\S]*?\n {4}\},/, '');
}

/** The only action block of the stack: `action.aws_codebuild_start_build.<label>`, with its label. */
function onlyAction(out: string): { label: string; block: any } {
  const actions = Object.entries<any>(JSON.parse(out).action?.aws_codebuild_start_build ?? {});
  if (actions.length !== 1) throw new Error(`expected one aws_codebuild_start_build action, found ${actions.length}`);
  return { label: actions[0][0], block: actions[0][1] };
}

function statements(out: string): Array<{ sid: string; actions: string[]; resources: string[] }> {
  return Object.values<any>(JSON.parse(out).data.aws_iam_policy_document)[0].statement;
}

describe('UpgradeRunner.codeBuild', () => {
  test('synth: project, role, log group, source object, terraform_data with its action_trigger, and the action', () => {
    const out = synth(withProvider((scope) => prodUpgrade(scope)));
    // Without the provider's block and pin: the two flavours' providers pin different versions.
    expect(withoutProvider(out)).toMatchSnapshot();
    const project = onlyResource(out, 'aws_codebuild_project');
    expect(project).toMatchObject({
      build_timeout: 480,
      queued_timeout: 60,
      environment: { image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0', type: 'LINUX_CONTAINER', compute_type: 'BUILD_GENERAL1_SMALL' },
      source: { type: 'S3', location: expect.stringMatching(/^\$\{aws_s3_object\.\w+\.bucket\}\/\$\{aws_s3_object\.\w+\.key\}$/) },
      artifacts: { type: 'NO_ARTIFACTS' },
    });
    expect(project.source.buildspec).toContain('runtime-versions:\n      nodejs: 22\n');
    expect(project.source.buildspec).toContain('    commands:\n      - node index.js apply\n');
    expect(project.logs_config.cloudwatch_logs.group_name).toMatch(/^\$\{aws_cloudwatch_log_group\.\w+\.name\}$/);
    expect(onlyResource(out, 'aws_cloudwatch_log_group').name).toBe(`/aws/codebuild/${project.name}`);
    expect(JSON.parse(onlyResource(out, 'aws_iam_role').assume_role_policy).Statement[0].Principal).toEqual({ Service: 'codebuild.amazonaws.com' });

    const { label, block } = onlyAction(out);
    const trigger = onlyResource(out, 'terraform_data');
    expect(trigger.lifecycle.action_trigger).toEqual([{ events: ['before_create', 'before_update'], actions: [`action.aws_codebuild_start_build.${label}`] }]);
    expect(trigger.triggers_replace.spec).toMatch(/^\$\{sha256\(jsonencode\(local\.\w+\)\)\}$/);
    const local = /^\$\{local\.(\w+)\}$/.exec(trigger.input)![1];
    expect(block.config).toEqual({
      project_name: expect.stringMatching(/^\$\{aws_codebuild_project\.\w+\.name\}$/),
      timeout: (480 + 60) * 60 + 600,
      environment_variables_override: [{ name: 'EKS_UPGRADE_SPEC', value: `\${jsonencode(local.${local})}`, type: 'PLAINTEXT' }],
    });
    expect(JSON.parse(out).locals[local]).toMatchObject({ clusterName: 'prod', region: 'eu-west-1', controlPlane: { version: '1.31' } });
    expect(JSON.parse(out).terraform.required_version).toBe('>= 1.14.1');
  });

  test('the role: the Lambda runner\'s statements with the project\'s own log group, and read access to the source object only', () => {
    const out = synth(withProvider((scope) => prodUpgrade(scope)));
    const bySid = Object.fromEntries(statements(out).map((s) => [s.sid, s]));
    expect(Object.keys(bySid)).toEqual([
      'Cluster', 'DescribeAllNodegroups', 'DescribeAllAddons', 'DescribePodIdentityAssociations', 'AddonCatalog', 'VersionSupport', 'ControlPlaneNetwork', 'TargetedNodegroups',
      'TargetedAddons', 'AmiReleaseParameters', 'OwnLogGroup', 'BuildSource',
    ]);
    expect(bySid.OwnLogGroup.resources).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.arn\}:\*$/)]);
    expect(bySid.BuildSource).toMatchObject({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [expect.stringMatching(/^\$\{aws_s3_object\.\w+\.arn\}$/)] });
    expect(bySid.Cluster.resources).toEqual([expect.stringContaining(':eks:eu-west-1:')]);
  });

  test('with assumeRoleArn the role only assumes that role, writes its log and reads its source', () => {
    const out = synth(withProvider((scope) => prodUpgrade(scope, UpgradeRunner.codeBuild({ assumeRoleArn: 'arn:aws:iam::222222222222:role/eks-upgrade' }))));
    expect(statements(out).map((s) => [s.sid, s.actions])).toEqual([
      ['AssumeUpgradeRole', ['sts:AssumeRole']], ['OwnLogGroup', ['logs:CreateLogStream', 'logs:PutLogEvents']], ['BuildSource', ['s3:GetObject', 's3:GetObjectVersion']],
    ]);
    expect(statements(out)[0].resources).toEqual(['arn:aws:iam::222222222222:role/eks-upgrade']);
  });

  test('options: a given role, bucket, build timeout and log retention replace the generated ones', () => {
    const out = synth(withProvider((scope) => prodUpgrade(scope, UpgradeRunner.codeBuild({
      roleArn: 'arn:aws:iam::111122223333:role/builds', sourceBucket: 'my-artifacts', buildTimeoutMinutes: 2160, logRetentionDays: 7,
    }))));
    expect(out).not.toHaveResource(IamRole);
    expect(out).not.toHaveResource(S3Bucket);
    expect(out).toHaveResourceWithProperties(CodebuildProject, { service_role: 'arn:aws:iam::111122223333:role/builds', build_timeout: 2160 });
    expect(onlyResource(out, 'aws_s3_object')).toMatchObject({ bucket: 'my-artifacts', key: 'eks-upgrade/<bundle-hash>.zip' });
    expect(onlyResource(out, 'aws_cloudwatch_log_group').retention_in_days).toBe(7);
    expect(onlyAction(out).block.config.timeout).toBe((2160 + 60) * 60 + 600);
  });

  test('an aliased provider creates everything and runs the action', () => {
    const out = synth((scope) => {
      const ops = new AwsProvider(scope, 'ops', { region: 'us-east-1', alias: 'ops' });
      prodUpgrade(scope, UpgradeRunner.codeBuild({ provider: ops }));
    });
    expect(onlyAction(out).block.provider).toBe('aws.ops');
    expect(onlyResource(out, 'aws_codebuild_project').provider).toBe('aws.ops');
  });

  test('a stack without an AWS provider is refused in Testing.synth as app.synth() refuses it', () => {
    const line = "stack/Prod/CodeBuildRunner: UpgradeRunner.codeBuild() creates AWS resources, but stack 'stack' has no default AWS provider: add one (new AwsProvider(stack, 'aws', { region })), or give the runner an aliased provider (provider)";
    expect(errorOf(() => Testing.synthScope((scope) => prodUpgrade(scope)))).toBe(line);
    const app = Testing.app();
    prodUpgrade(new TerraformStack(app, 'stack'));
    expect(errorOf(() => app.synth())).toBe(line);
  });

  test('two clusters get their own project and action', () => {
    const out = synth(withProvider((scope) => {
      const runner = UpgradeRunner.codeBuild();
      prodUpgrade(scope, runner);
      new ClusterUpgrade(scope, 'Staging', { clusterName: 'staging', version: KubernetesVersion.of('1.31'), runner });
    }));
    expect(Object.keys(resourcesOf(out, 'aws_codebuild_project'))).toHaveLength(2);
    expect(Object.keys(JSON.parse(out).action.aws_codebuild_start_build)).toHaveLength(2);
  });

  test('the source ZIP holds the handler at its root, where the buildspec runs it', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    withProvider((scope) => prodUpgrade(scope))(stack);
    const outdir = Testing.fullSynth(stack);
    const key = onlyResource(Testing.synth(stack), 'aws_s3_object').source as string;
    const listing = execFileSync('unzip', ['-Z1', join(outdir, 'stacks', 'stack', key)], { encoding: 'utf8' });
    expect(listing.split('\n').filter(Boolean)).toEqual(['index.js']);
  });
});

describe('UpgradeRunner.codeBuild refuses at synth', () => {
  test.each([
    [{ buildTimeoutMinutes: 4 }, 'UpgradeRunner.codeBuild: buildTimeoutMinutes 4 is not a whole number of minutes from 5 to 2160 (36 hours), as CodeBuild accepts'],
    [{ buildTimeoutMinutes: 2161 }, 'buildTimeoutMinutes 2161 is not a whole number of minutes from 5 to 2160'],
    [{ logRetentionDays: 2 }, 'logRetentionDays 2 is not a retention CloudWatch Logs accepts'],
    [{ roleArn: 'builds' }, 'roleArn \'builds\' is not an IAM role ARN'],
    [{ sourceBucket: 'arn:aws:s3:::bucket' }, 'sourceBucket \'arn:aws:s3:::bucket\' is not an S3 bucket name'],
  ])('%j', (options, message) => {
    expect(errorOf(() => UpgradeRunner.codeBuild(options))).toContain(message);
    expect(errorOf(() => new CodeBuildUpgradeRunner(options)).split('\n')).toHaveLength(1);
  });

  const synthWith = (overrides: Record<string, string>) => () => synth((scope) => {
    new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
    for (const [path, value] of Object.entries(overrides)) scope.addOverride(path, value);
    prodUpgrade(scope);
  });

  test.each([
    ['>= 1.4'], ['~> 1.13.0'], ['< 1.14.1'], ['1.14.0'],
  ])('a declared Terraform requirement below 1.14.1: %s', (declared) => {
    expect(errorOf(synthWith({ 'terraform.required_version': declared }))).toBe(
      `stack/Prod: UpgradeRunner.codeBuild() runs an \`action\`, which needs Terraform 1.14.1 or later (1.13 skips it silently), but the stack declares terraform.required_version "${declared}": declare ">= 1.14.1"`,
    );
  });

  test.each([['>= 1.14.1'], ['~> 1.14.1'], ['>= 1.14.1, < 2.0.0'], ['1.15.0']])('a Terraform requirement of 1.14.1 or later is kept: %s', (declared) => {
    expect(JSON.parse(synthWith({ 'terraform.required_version': declared })()).terraform.required_version).toBe(declared);
  });

  test.each([['5.100.0'], ['~> 5.0'], ['~> 6.14.0'], ['< 6.15'], ['>= 6.0, < 6.15.0']])('an AWS provider pinned below 6.15: %s', (pinned) => {
    expect(errorOf(synthWith({ 'terraform.required_providers.aws.version': pinned }))).toBe(
      `stack/Prod: UpgradeRunner.codeBuild() runs the aws_codebuild_start_build action, which needs hashicorp/aws 6.15.0 or later, but the stack override terraform.required_providers.aws.version pins "${pinned}": allow ">= 6.15.0" (e.g. install a provider package built on it)`,
    );
  });

  test.each([['~> 6.0'], ['>= 6.15'], ['6.15.0'], ['~> 6.15.0']])('an AWS provider that admits 6.15 is accepted: %s', (pinned) => {
    expect(() => synthWith({ 'terraform.required_providers.aws.version': pinned })()).not.toThrow();
  });
});

import * as path from 'path';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AssetType, Fn, TerraformLocal, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { requireActionSupport } from './action-requirements';
import { requireDefaultAwsProvider } from './aws-provider-check';
import {
  awsRunnerClasses, clusterStatements, DEFAULT_LOG_RETENTION_DAYS, logRetentionProblems, roleArnProblems, runnerResourceName, RunnerSettings,
  serviceRole,
} from './aws-runner-resources';
import { bundleAsset } from './bundle-asset';
import { loadProviderAws } from './provider-aws';
import { runTriggers } from './run-triggers';
import { TerraformData } from './terraform-data';
import { SPEC_ENV_VAR } from '../../upgrade-spec/upgrade-spec';
import { assumingRunnerStatements, buildSourceStatement, codeBuildRunnerStatements } from '../lambda-runner-policy';
import type { CodeBuildUpgradeRunnerOptions, UpgradeRunnerBindOptions } from '../runner-options';

/** CodeBuild's bounds on a build timeout, in minutes. */
const MIN_BUILD_TIMEOUT_MINUTES = 5;
const MAX_BUILD_TIMEOUT_MINUTES = 2160;
/** Eight hours: a 1.29 → 1.33 upgrade with node-group rolls at every step fits, and a hung build is still bounded. */
export const DEFAULT_BUILD_TIMEOUT_MINUTES = 480;
/** How long a build may wait for capacity before CodeBuild drops it; the action waits through it too. */
const QUEUED_TIMEOUT_MINUTES = 60;
/** What the action waits beyond the build's own limits: provisioning, source download and finalizing. */
const ACTION_MARGIN_SECONDS = 600;

/**
 * A stock CodeBuild image (Amazon Linux 2023) whose runtimes include Node.js 22, the runtime the handler is tested on
 * (al/x86_64/standard/5.0/runtimes.yml in aws/aws-codebuild-docker-images lists nodejs 18, 20, 22 and 24).
 */
const BUILD_IMAGE = 'aws/codebuild/amazonlinux-x86_64-standard:5.0';
/** The build runs the bundled handler from the downloaded source; the spec comes from the action's override. */
export const BUILD_COMMANDS: readonly string[] = ['node index.js apply'];
const BUILDSPEC = [
  'version: 0.2',
  'phases:',
  '  install:',
  '    runtime-versions:',
  '      nodejs: 22',
  '  build:',
  '    commands:',
  ...BUILD_COMMANDS.map((c) => `      - ${c}`),
  '',
].join('\n');

/** The handler bundle's directory, zipped as the build's source (CodeBuild takes an S3 source as a ZIP). */
const BUNDLE_DIR = path.join(__dirname, '..', '..', '..', 'assets', 'cli');
const SOURCE_BUNDLE = { id: 'EksUpgradeHandlerSource', path: BUNDLE_DIR, type: AssetType.ARCHIVE, entry: path.join(BUNDLE_DIR, 'index.js'), what: 'the upgrade handler' };

/** Every problem with the CodeBuild runner's own options, each naming the option and what CodeBuild accepts. */
export function checkCodeBuildRunnerOptions(o: CodeBuildUpgradeRunnerOptions): string[] {
  const problems: string[] = [];
  const t = o.buildTimeoutMinutes;
  if (t !== undefined && !Token.isUnresolved(t) && (!Number.isInteger(t) || t < MIN_BUILD_TIMEOUT_MINUTES || t > MAX_BUILD_TIMEOUT_MINUTES)) {
    problems.push(`buildTimeoutMinutes ${t} is not a whole number of minutes from ${MIN_BUILD_TIMEOUT_MINUTES} to ${MAX_BUILD_TIMEOUT_MINUTES} (36 hours), as CodeBuild accepts`);
  }
  problems.push(...logRetentionProblems(o.logRetentionDays), ...roleArnProblems('roleArn', o.roleArn));
  if (o.sourceBucket !== undefined && !Token.isUnresolved(o.sourceBucket) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.sourceBucket)) {
    problems.push(`sourceBucket '${o.sourceBucket}' is not an S3 bucket name (3–63 lowercase letters, digits, . and -): give the bucket's name, not its ARN`);
  }
  return problems;
}

/** The seconds the action waits: the build's timeout and its queue time, plus what CodeBuild does around them. */
function actionTimeoutSeconds(buildTimeoutMinutes: number): number {
  return (buildTimeoutMinutes + QUEUED_TIMEOUT_MINUTES) * 60 + ACTION_MARGIN_SECONDS;
}

/**
 * Creates the build's source object (and its bucket unless one is given), log group, role (unless `roleArn` is
 * given), project, the `terraform_data` whose creation triggers the action, and the action; returns the
 * `terraform_data`.
 */
export function bindCodeBuildRunner(
  scope: Construct, runner: CodeBuildUpgradeRunnerOptions, options: UpgradeRunnerBindOptions, runnerSettings: RunnerSettings,
): TerraformData {
  const aws = providerAwsClasses();
  const provider = runner.provider;
  const root = new Construct(scope, 'CodeBuildRunner');
  if (provider === undefined) requireDefaultAwsProvider(root, 'UpgradeRunner.codeBuild()');
  requireActionSupport(root, 'UpgradeRunner.codeBuild()');
  const projectName = projectNameFor(scope);
  const source = sourceObject(root, scope, runner, aws);
  const logGroup = new aws.CloudwatchLogGroup(root, 'LogGroup', {
    provider, name: `/aws/codebuild/${projectName}`, retentionInDays: runner.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
  });
  const policy = runner.roleArn === undefined
    ? generatedRole(root, options, aws, provider, { logGroupArn: logGroup.arn, sourceArn: source.arn, assumeRoleArn: runnerSettings.assumeRole?.roleArn })
    : undefined;
  const buildTimeout = runner.buildTimeoutMinutes ?? DEFAULT_BUILD_TIMEOUT_MINUTES;
  const project = new aws.CodebuildProject(root, 'Project', {
    provider,
    name: projectName,
    description: 'Keeps an EKS cluster on its declared versions (cdktf-eks-upgrade)',
    serviceRole: runner.roleArn ?? policy!.role,
    buildTimeout,
    queuedTimeout: QUEUED_TIMEOUT_MINUTES,
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL', image: BUILD_IMAGE, imagePullCredentialsType: 'CODEBUILD' },
    source: { type: 'S3', location: `${source.bucket}/${source.key}`, buildspec: BUILDSPEC },
    logsConfig: { cloudwatchLogs: { status: 'ENABLED', groupName: logGroup.name } },
    // The role must be allowed its logs and source before the first build; CodeBuild checks the role on creation.
    dependsOn: [logGroup, ...(policy ? [policy.policy] : [])],
  });
  const spec = new TerraformLocal(root, 'Spec', options.spec);
  const trigger = new TerraformData(root, 'Trigger', {
    input: spec.expression,
    triggersReplace: runTriggers(spec, runnerSettings.reconcile),
    dependsOn: [project, logGroup, ...(policy ? [policy.policy] : [])],
  });
  const label = actionLabelFor(scope);
  emitStartBuildAction(TerraformStack.of(scope), label, {
    project_name: project.name,
    timeout: actionTimeoutSeconds(buildTimeout),
    // Terraform resolves the references inside the spec (launch template versions) before the build sees it.
    environment_variables_override: [{ name: SPEC_ENV_VAR, value: Fn.jsonencode(spec.expression), type: 'PLAINTEXT' }],
  }, provider);
  trigger.addOverride('lifecycle.action_trigger', [{ events: ['before_create', 'before_update'], actions: [`action.aws_codebuild_start_build.${label}`] }]);
  return trigger;
}

/**
 * `action "aws_codebuild_start_build" "<label>" { config { ... } }` in Terraform's JSON syntax. cdktf and cdktn have
 * no construct for actions, so it goes in as a stack override, which Terraform's output takes verbatim.
 */
function emitStartBuildAction(stack: TerraformStack, label: string, config: Record<string, unknown>, provider: TerraformProvider | undefined): void {
  stack.addOverride(`action.aws_codebuild_start_build.${label}`, {
    ...(provider?.alias !== undefined ? { provider: provider.fqn } : {}),
    config,
  });
}

/** The handler bundle as a ZIP in S3: in the given bucket, or in a private bucket made for it. */
function sourceObject(root: Construct, scope: Construct, runner: CodeBuildUpgradeRunnerOptions, aws: ProviderAwsClasses) {
  const provider = runner.provider;
  const asset = bundleAsset(scope, SOURCE_BUNDLE);
  let bucket = runner.sourceBucket;
  if (bucket === undefined) {
    const created = new aws.S3Bucket(root, 'SourceBucket', { provider, bucketPrefix: 'eks-upgrade-', forceDestroy: true });
    new aws.S3BucketPublicAccessBlock(root, 'SourceBucketPublicAccess', {
      provider, bucket: created.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    bucket = created.id;
  }
  return new aws.S3Object(root, 'Source', {
    provider,
    bucket,
    // Keyed by content, so a new handler is a new object and the project's source changes with it.
    key: `eks-upgrade/${asset.assetHash}.zip`,
    source: asset.path,
    sourceHash: asset.assetHash,
  });
}

interface RoleTargets {
  readonly logGroupArn: string;
  readonly sourceArn: string;
  readonly assumeRoleArn?: string;
}

/** The role the build runs as: the Lambda runner's statements with the build's own log group, plus its source. */
function generatedRole(
  root: Construct, options: UpgradeRunnerBindOptions, aws: ProviderAwsClasses, provider: TerraformProvider | undefined, targets: RoleTargets,
): { role: string; policy: IamRolePolicy } {
  const role = serviceRole(root, aws, provider, {
    service: 'codebuild.amazonaws.com', description: 'Runs the EKS upgrade handler in CodeBuild (cdktf-eks-upgrade)', namePrefix: 'eks-upgrade-',
  });
  const statement = targets.assumeRoleArn !== undefined
    ? [...assumingRunnerStatements(targets.assumeRoleArn, targets.logGroupArn), buildSourceStatement(targets.sourceArn)]
    : clusterStatements(root, options, aws, provider, (spec, where) => codeBuildRunnerStatements(spec, {
      ...where, logGroupArn: targets.logGroupArn, sourceObjectArn: targets.sourceArn,
    }));
  const document = new aws.DataAwsIamPolicyDocument(root, 'PolicyDocument', { provider, statement: statement as any });
  const policy = new aws.IamRolePolicy(root, 'Policy', { provider, name: 'eks-upgrade', role: role.id, policy: document.json });
  return { role: role.arn, policy };
}

/** The provider classes the runner creates, loaded when it is bound (the package loads without the provider). */
function providerAwsClasses() {
  const user = 'UpgradeRunner.codeBuild()';
  const load = <T>(module: string) => loadProviderAws<T>(module, user);
  return {
    ...awsRunnerClasses(user),
    CodebuildProject: load<typeof import('@cdktf/provider-aws/lib/codebuild-project')>('codebuild-project').CodebuildProject,
    S3Bucket: load<typeof import('@cdktf/provider-aws/lib/s3-bucket')>('s3-bucket').S3Bucket,
    S3BucketPublicAccessBlock: load<typeof import('@cdktf/provider-aws/lib/s3-bucket-public-access-block')>('s3-bucket-public-access-block').S3BucketPublicAccessBlock,
    S3Object: load<typeof import('@cdktf/provider-aws/lib/s3-object')>('s3-object').S3Object,
  };
}
type ProviderAwsClasses = ReturnType<typeof providerAwsClasses>;

/** Unique per construct path, within CodeBuild's 255 characters: `eks-upgrade-<id>-<hash>`. */
function projectNameFor(scope: Construct): string {
  return runnerResourceName(scope, 60);
}
/** A Terraform identifier unique per construct path: `eks_upgrade_<id>_<hash>`. */
function actionLabelFor(scope: Construct): string {
  return `eks_upgrade_${scope.node.id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60)}_${scope.node.addr.slice(-8)}`;
}


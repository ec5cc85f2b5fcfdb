import * as path from 'path';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { AssetType, Fn, TerraformLocal, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { requireDefaultAwsProvider } from './aws-provider-check';
import {
  awsRunnerClasses, clusterStatements, DEFAULT_LOG_RETENTION_DAYS, logRetentionProblems, roleArnProblems, runnerResourceName, RunnerSettings,
  serviceRole,
} from './aws-runner-resources';
import { bundleAsset } from './bundle-asset';
import { loadProviderAws } from './provider-aws';
import { runTriggers } from './run-triggers';
import { assumingRunnerStatements, runnerPolicyStatements } from '../lambda-runner-policy';
import type { LambdaUpgradeRunnerOptions, UpgradeRunnerBindOptions } from '../runner-options';

/** The generated role's name prefix when no roleName is given (a trust policy can match `<prefix>*`). */
const GENERATED_ROLE_PREFIX = 'eks-upgrade-';
/** Lambda's limit on a function's timeout: 15 minutes. */
const MAX_TIMEOUT_SECONDS = 900;
/** The handler keeps the last minute to stop waiting and report; less than this leaves nothing to wait with. */
const MIN_TIMEOUT_SECONDS = 120;
const DEFAULT_MEMORY_MB = 512;

/** The Lambda bundle's directory: `<package>/assets/lambda`, three levels above both src/constructs/private and lib/constructs/private. */
const BUNDLE_DIR = path.join(__dirname, '..', '..', '..', 'assets', 'lambda');
const LAMBDA_BUNDLE = { id: 'EksUpgradeLambdaCode', path: BUNDLE_DIR, type: AssetType.ARCHIVE, entry: path.join(BUNDLE_DIR, 'index.js'), what: 'the Lambda handler' };

/**
 * Creates the function, its log group, its role (unless `roleArn` is given) and the invocation for one cluster in
 * `scope`, and returns the invocation.
 */
export function bindLambdaRunner(
  scope: Construct, runner: LambdaUpgradeRunnerOptions, options: UpgradeRunnerBindOptions, runnerSettings: RunnerSettings,
): LambdaInvocation {
  const aws = providerAwsClasses();
  const provider = runner.provider;
  const root = new Construct(scope, 'LambdaRunner');
  if (provider === undefined) requireDefaultAwsProvider(root, 'UpgradeRunner.lambda()');
  const code = bundleAsset(scope, LAMBDA_BUNDLE);
  const functionName = functionNameFor(scope);
  const logGroup = new aws.CloudwatchLogGroup(root, 'LogGroup', {
    provider,
    name: `/aws/lambda/${functionName}`,
    retentionInDays: runner.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
  });
  const generated = runner.roleArn === undefined
    ? generatedRole(root, options, logGroup, aws, provider, runnerSettings.assumeRole?.roleArn, runner.roleName)
    : undefined;
  const fn = new aws.LambdaFunction(root, 'Function', {
    provider,
    functionName,
    description: 'Keeps an EKS cluster on its declared versions (cdktf-eks-upgrade)',
    role: runner.roleArn ?? generated!.role.arn,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: code.path,
    sourceCodeHash: code.assetHash,
    timeout: runner.timeout ?? MAX_TIMEOUT_SECONDS,
    memorySize: runner.memorySize ?? DEFAULT_MEMORY_MB,
    // Lambda would otherwise create the log group itself, without retention.
    dependsOn: [logGroup],
  });
  // The spec is a Terraform local (written as JSON, so quotes and backslashes in its strings stay intact) that
  // Terraform encodes; references inside it (launch template versions) are resolved before the function sees it.
  const spec = new TerraformLocal(root, 'Spec', options.spec);
  return new aws.LambdaInvocation(root, 'Invocation', {
    provider,
    functionName: fn.functionName,
    input: Fn.jsonencode(spec.expression),
    lifecycleScope: 'CRUD',
    // A changed spec replaces the invocation rather than updating it in place. A failed update would leave the new
    // spec in Terraform's state and the next apply would see nothing to do; a failed create leaves no state, so
    // the next apply runs the handler again, which attaches to the updates still running and carries on.
    // Under Reconcile.EVERY_APPLY the apply's time is a trigger too, so every apply invokes the handler.
    triggers: runTriggers(spec, runnerSettings.reconcile),
    // The policy must be in place before the first call, and still there for the delete call on destroy.
    dependsOn: [logGroup, ...(generated ? [generated.policy] : [])],
  });
}

/** Every problem with the Lambda runner's own options, each naming the option and what Lambda accepts. */
export function checkLambdaRunnerOptions(o: LambdaUpgradeRunnerOptions): string[] {
  const problems: string[] = [];
  if (o.timeout !== undefined && !Token.isUnresolved(o.timeout)) {
    if (!Number.isInteger(o.timeout) || o.timeout > MAX_TIMEOUT_SECONDS) {
      problems.push(`timeout ${o.timeout} is not a whole number of seconds up to ${MAX_TIMEOUT_SECONDS}: AWS Lambda stops a function after 15 minutes; use at most ${MAX_TIMEOUT_SECONDS}, and UpgradeRunner.local() for rollouts that take longer`);
    } else if (o.timeout < MIN_TIMEOUT_SECONDS) {
      problems.push(`timeout ${o.timeout} leaves no time to wait: the handler stops a minute before the function's timeout to report; use at least ${MIN_TIMEOUT_SECONDS} (the default, ${MAX_TIMEOUT_SECONDS}, waits longest)`);
    }
  }
  if (o.memorySize !== undefined && !Token.isUnresolved(o.memorySize) && (!Number.isInteger(o.memorySize) || o.memorySize < 128 || o.memorySize > 10240)) {
    problems.push(`memorySize ${o.memorySize} is not a whole number of MB from 128 to 10240, as Lambda accepts`);
  }
  problems.push(...logRetentionProblems(o.logRetentionDays));
  if (o.roleName !== undefined && o.roleArn !== undefined) {
    problems.push('roleName names the role the runner generates, but roleArn replaces that role: give one of the two');
  } else if (o.roleName !== undefined && !Token.isUnresolved(o.roleName) && !/^[\w+=,.@-]{1,64}$/.test(o.roleName)) {
    problems.push(`roleName '${o.roleName}' is not an IAM role name: 1–64 letters, digits and +=,.@_-`);
  }
  problems.push(...roleArnProblems('roleArn', o.roleArn));
  return problems;
}

/** The role the function runs as, allowed exactly what this cluster's upgrade calls (see lambda-runner-policy.ts). */
function generatedRole(
  root: Construct, options: UpgradeRunnerBindOptions, logGroup: CloudwatchLogGroup, aws: ProviderAwsClasses,
  provider: TerraformProvider | undefined, assumeRoleArn: string | undefined, roleName: string | undefined,
): { role: IamRole; policy: IamRolePolicy } {
  const role = serviceRole(root, aws, provider, {
    service: 'lambda.amazonaws.com', description: 'Runs the EKS upgrade handler (cdktf-eks-upgrade)', namePrefix: GENERATED_ROLE_PREFIX, name: roleName,
  });
  const statement = assumeRoleArn !== undefined
    ? assumingRunnerStatements(assumeRoleArn, logGroup.arn)
    : clusterStatements(root, options, aws, provider, (spec, where) => runnerPolicyStatements(spec, { ...where, logGroupArn: logGroup.arn }));
  const document = new aws.DataAwsIamPolicyDocument(root, 'PolicyDocument', { provider, statement: statement as any });
  const policy = new aws.IamRolePolicy(root, 'Policy', { provider, name: 'eks-upgrade', role: role.id, policy: document.json });
  return { role, policy };
}

/** The provider classes the Lambda runner creates, loaded when it is bound (the package loads without the provider). */
function providerAwsClasses() {
  const user = 'UpgradeRunner.lambda()';
  return {
    ...awsRunnerClasses(user),
    LambdaFunction: loadProviderAws<typeof import('@cdktf/provider-aws/lib/lambda-function')>('lambda-function', user).LambdaFunction,
    LambdaInvocation: loadProviderAws<typeof import('@cdktf/provider-aws/lib/lambda-invocation')>('lambda-invocation', user).LambdaInvocation,
  };
}
type ProviderAwsClasses = ReturnType<typeof providerAwsClasses>;

/** Unique per construct path, within Lambda's 64 characters: `eks-upgrade-<id>-<hash>`. */
function functionNameFor(scope: Construct): string {
  return runnerResourceName(scope, 40);
}

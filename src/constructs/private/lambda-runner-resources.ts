import * as path from 'path';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import {
  AssetType, DefaultTokenResolver, Fn, IResolveContext, Lazy, StringConcat, TerraformLocal, TerraformProvider,
  Token, Tokenization,
} from 'cdktf';
import { Construct } from 'constructs';
import { requireDefaultAwsProvider } from './aws-provider-check';
import { bundleAsset } from './bundle-asset';
import { loadProviderAws } from './provider-aws';
import { runTriggers } from './run-triggers';
import { isRoleArn } from '../../upgrade-spec/arn';
import { assumingRunnerStatements, PolicySpec, runnerPolicyStatements } from '../lambda-runner-policy';
import type { Reconcile } from '../reconcile';
import type { LambdaUpgradeRunnerOptions, UpgradeRunnerBindOptions } from '../runner-options';

/** The generated role's name prefix when no roleName is given (a trust policy can match `<prefix>*`). */
const GENERATED_ROLE_PREFIX = 'eks-upgrade-';
/** Lambda's limit on a function's timeout: 15 minutes. */
const MAX_TIMEOUT_SECONDS = 900;
/** The handler keeps the last minute to stop waiting and report; less than this leaves nothing to wait with. */
const MIN_TIMEOUT_SECONDS = 120;
const DEFAULT_MEMORY_MB = 512;
const DEFAULT_LOG_RETENTION_DAYS = 30;
const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The Lambda bundle's directory: `<package>/assets/lambda`, three levels above both src/constructs/private and lib/constructs/private. */
const BUNDLE_DIR = path.join(__dirname, '..', '..', '..', 'assets', 'lambda');
const LAMBDA_BUNDLE = { id: 'EksUpgradeLambdaCode', path: BUNDLE_DIR, type: AssetType.ARCHIVE, entry: path.join(BUNDLE_DIR, 'index.js'), what: 'the Lambda handler' };

/** What the runner itself decides, beside its options: when the handler runs, and the role it assumes. */
export interface LambdaRunnerResources {
  readonly reconcile: Reconcile;
  readonly assumeRoleArn?: string;
}

/**
 * Creates the function, its log group, its role (unless `roleArn` is given) and the invocation for one cluster in
 * `scope`, and returns the invocation.
 */
export function bindLambdaRunner(
  scope: Construct, runner: LambdaUpgradeRunnerOptions, options: UpgradeRunnerBindOptions, resources: LambdaRunnerResources,
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
    ? generatedRole(root, options, logGroup, aws, provider, resources.assumeRoleArn, runner.roleName)
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
    triggers: runTriggers(spec, resources.reconcile),
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
  if (o.logRetentionDays !== undefined && !Token.isUnresolved(o.logRetentionDays) && !LOG_RETENTION_DAYS.includes(o.logRetentionDays)) {
    problems.push(`logRetentionDays ${o.logRetentionDays} is not a retention CloudWatch Logs accepts: use one of ${LOG_RETENTION_DAYS.slice(1).join(', ')}, or 0 to keep logs forever`);
  }
  if (o.roleName !== undefined && o.roleArn !== undefined) {
    problems.push('roleName names the role the runner generates, but roleArn replaces that role: give one of the two');
  } else if (o.roleName !== undefined && !Token.isUnresolved(o.roleName) && !/^[\w+=,.@-]{1,64}$/.test(o.roleName)) {
    problems.push(`roleName '${o.roleName}' is not an IAM role name: 1–64 letters, digits and +=,.@_-`);
  }
  if (o.roleArn !== undefined && !Token.isUnresolved(o.roleArn) && !isRoleArn(o.roleArn)) {
    problems.push(`roleArn '${o.roleArn}' is not an IAM role ARN such as arn:aws:iam::111122223333:role/eks-upgrade`);
  }
  return problems;
}

/** The role the function runs as, allowed exactly what this cluster's upgrade calls (see lambda-runner-policy.ts). */
function generatedRole(
  root: Construct, options: UpgradeRunnerBindOptions, logGroup: CloudwatchLogGroup, aws: ProviderAwsClasses,
  provider: TerraformProvider | undefined, assumeRoleArn: string | undefined, roleName: string | undefined,
): { role: IamRole; policy: IamRolePolicy } {
  const role = new aws.IamRole(root, 'Role', {
    provider,
    ...(roleName === undefined ? { namePrefix: GENERATED_ROLE_PREFIX } : { name: roleName }),
    description: 'Runs the EKS upgrade handler (cdktf-eks-upgrade)',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  const document = assumeRoleArn !== undefined
    ? new aws.DataAwsIamPolicyDocument(root, 'PolicyDocument', { provider, statement: assumingRunnerStatements(assumeRoleArn, logGroup.arn) as any })
    : clusterPolicyDocument(root, options, logGroup, aws, provider);
  const policy = new aws.IamRolePolicy(root, 'Policy', { provider, name: 'eks-upgrade', role: role.id, policy: document.json });
  return { role, policy };
}

/** The cluster's EKS calls, in the function's own account. */
function clusterPolicyDocument(
  root: Construct, options: UpgradeRunnerBindOptions, logGroup: CloudwatchLogGroup, aws: ProviderAwsClasses, provider: TerraformProvider | undefined,
) {
  const partition = new aws.DataAwsPartition(root, 'Partition', { provider });
  const account = new aws.DataAwsCallerIdentity(root, 'Account', { provider });
  // The spec's region when it names one (the handler calls EKS there), else the provider's.
  const providerRegion = peekSpec(root, options).region == null ? new aws.DataAwsRegion(root, 'Region', { provider }) : undefined;
  return new aws.DataAwsIamPolicyDocument(root, 'PolicyDocument', {
    provider,
    // Lazy: node groups and add-ons added to the ClusterUpgrade after this runner was bound are included.
    statement: Lazy.anyValue({
      produce: (context: IResolveContext) => {
        const spec = options.spec.resolve(context) as PolicySpec & { region?: string };
        return runnerPolicyStatements(spec, {
          partition: partition.partition,
          region: spec.region ?? providerRegion!.region,
          account: account.accountId,
          logGroupArn: logGroup.arn,
        });
      },
    }) as any,
  });
}

/** The provider classes the Lambda runner creates, loaded when it is bound (the package loads without the provider). */
function providerAwsClasses() {
  const load = <T>(module: string) => loadProviderAws<T>(module, 'UpgradeRunner.lambda()');
  return {
    CloudwatchLogGroup: load<typeof import('@cdktf/provider-aws/lib/cloudwatch-log-group')>('cloudwatch-log-group').CloudwatchLogGroup,
    DataAwsCallerIdentity: load<typeof import('@cdktf/provider-aws/lib/data-aws-caller-identity')>('data-aws-caller-identity').DataAwsCallerIdentity,
    DataAwsIamPolicyDocument: load<typeof import('@cdktf/provider-aws/lib/data-aws-iam-policy-document')>('data-aws-iam-policy-document').DataAwsIamPolicyDocument,
    DataAwsPartition: load<typeof import('@cdktf/provider-aws/lib/data-aws-partition')>('data-aws-partition').DataAwsPartition,
    DataAwsRegion: load<typeof import('@cdktf/provider-aws/lib/data-aws-region')>('data-aws-region').DataAwsRegion,
    IamRole: load<typeof import('@cdktf/provider-aws/lib/iam-role')>('iam-role').IamRole,
    IamRolePolicy: load<typeof import('@cdktf/provider-aws/lib/iam-role-policy')>('iam-role-policy').IamRolePolicy,
    LambdaFunction: load<typeof import('@cdktf/provider-aws/lib/lambda-function')>('lambda-function').LambdaFunction,
    LambdaInvocation: load<typeof import('@cdktf/provider-aws/lib/lambda-invocation')>('lambda-invocation').LambdaInvocation,
  };
}
type ProviderAwsClasses = ReturnType<typeof providerAwsClasses>;

/** The spec as it renders now (values known only at apply stay Terraform expressions). */
function peekSpec(scope: Construct, options: UpgradeRunnerBindOptions): Record<string, unknown> {
  return Tokenization.resolve(options.spec, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** Unique per construct path, within Lambda's 64 characters: `eks-upgrade-<id>-<hash>`. */
function functionNameFor(scope: Construct): string {
  const id = scope.node.id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
  return `eks-upgrade-${id}-${scope.node.addr.slice(-8)}`;
}

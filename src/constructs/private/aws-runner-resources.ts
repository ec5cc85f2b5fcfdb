import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import {
  DefaultTokenResolver, IResolvable, IResolveContext, Lazy, StringConcat, TerraformProvider, Token, Tokenization,
} from 'cdktf';
import { Construct } from 'constructs';
import { loadProviderAws } from './provider-aws';
import { isRoleArn } from '../../upgrade-spec/arn';
import type { PolicyScope, PolicySpec, PolicyStatement } from '../lambda-runner-policy';
import type { Reconcile } from '../reconcile';
import type { RunnerAssumeRole, UpgradeRunnerBindOptions } from '../runner-options';

/**
 * What the runners that run the handler in AWS (Lambda, CodeBuild) build alike: the provider classes they load, their
 * log group's retention, their generated role and its cluster-scoped statements, and their resources' names; and the
 * role ARN check, which every runner's `assumeRoleArn` shares.
 */

/** What the runner itself decides, beside its options: when the handler runs, and the role it assumes (the runner). */
export interface RunnerSettings {
  readonly reconcile: Reconcile;
  readonly assumeRole?: RunnerAssumeRole;
}

/** How long a runner's log group keeps the handler's log when `logRetentionDays` is not given. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;
/** The retentions CloudWatch Logs accepts, in days; 0 keeps logs forever. */
const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** `logRetentionDays`, when given and known, is a retention CloudWatch Logs accepts. */
export function logRetentionProblems(days: number | undefined): string[] {
  if (days === undefined || Token.isUnresolved(days) || LOG_RETENTION_DAYS.includes(days)) return [];
  return [`logRetentionDays ${days} is not a retention CloudWatch Logs accepts: use one of ${LOG_RETENTION_DAYS.slice(1).join(', ')}, or 0 to keep logs forever`];
}

/** A role ARN option (`roleArn`, `assumeRoleArn`), when given and known, is an IAM role ARN. */
export function roleArnProblems(option: string, roleArn: string | undefined): string[] {
  if (roleArn === undefined || Token.isUnresolved(roleArn) || isRoleArn(roleArn)) return [];
  return [`${option} '${roleArn}' is not an IAM role ARN such as arn:aws:iam::111122223333:role/eks-upgrade`];
}

/** The provider classes every AWS runner creates, loaded when it is bound (the package loads without the provider). */
export function awsRunnerClasses(user: string) {
  const load = <T>(module: string) => loadProviderAws<T>(module, user);
  return {
    CloudwatchLogGroup: load<typeof import('@cdktf/provider-aws/lib/cloudwatch-log-group')>('cloudwatch-log-group').CloudwatchLogGroup,
    DataAwsCallerIdentity: load<typeof import('@cdktf/provider-aws/lib/data-aws-caller-identity')>('data-aws-caller-identity').DataAwsCallerIdentity,
    DataAwsIamPolicyDocument: load<typeof import('@cdktf/provider-aws/lib/data-aws-iam-policy-document')>('data-aws-iam-policy-document').DataAwsIamPolicyDocument,
    DataAwsPartition: load<typeof import('@cdktf/provider-aws/lib/data-aws-partition')>('data-aws-partition').DataAwsPartition,
    DataAwsRegion: load<typeof import('@cdktf/provider-aws/lib/data-aws-region')>('data-aws-region').DataAwsRegion,
    IamRole: load<typeof import('@cdktf/provider-aws/lib/iam-role')>('iam-role').IamRole,
    IamRolePolicy: load<typeof import('@cdktf/provider-aws/lib/iam-role-policy')>('iam-role-policy').IamRolePolicy,
  };
}
export type AwsRunnerClasses = ReturnType<typeof awsRunnerClasses>;

/** The generated role: trusted by the AWS service that runs the handler, named by `name` or else by the prefix. */
export function serviceRole(
  root: Construct, aws: AwsRunnerClasses, provider: TerraformProvider | undefined,
  role: { readonly service: string; readonly description: string; readonly namePrefix: string; readonly name?: string },
): IamRole {
  return new aws.IamRole(root, 'Role', {
    provider,
    ...(role.name === undefined ? { namePrefix: role.namePrefix } : { name: role.name }),
    description: role.description,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: role.service }, Action: 'sts:AssumeRole' }],
    }),
  });
}

/**
 * The generated role's statements for the cluster's EKS calls in the runner's own account: the partition, account and
 * region come from data sources of `provider` (the region only when the spec names none: the handler calls EKS in the
 * spec's region). Lazy: node groups and add-ons added to the `ClusterUpgrade` after the runner was bound are included.
 */
export function clusterStatements(
  root: Construct, options: UpgradeRunnerBindOptions, aws: AwsRunnerClasses, provider: TerraformProvider | undefined,
  statements: (spec: PolicySpec, where: Omit<PolicyScope, 'logGroupArn'>) => PolicyStatement[],
): IResolvable {
  const partition = new aws.DataAwsPartition(root, 'Partition', { provider });
  const account = new aws.DataAwsCallerIdentity(root, 'Account', { provider });
  const providerRegion = peekSpec(root, options).region == null ? new aws.DataAwsRegion(root, 'Region', { provider }) : undefined;
  return Lazy.anyValue({
    produce: (context: IResolveContext) => {
      const spec = options.spec.resolve(context) as PolicySpec & { region?: string };
      return statements(spec, { partition: partition.partition, region: spec.region ?? providerRegion!.region, account: account.accountId });
    },
  });
}

/** The spec as it renders now (values known only at apply stay Terraform expressions). */
function peekSpec(scope: Construct, options: UpgradeRunnerBindOptions): Record<string, unknown> {
  return Tokenization.resolve(options.spec, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** Unique per construct path: `eks-upgrade-<id>-<hash>`, the id cut to `maxIdLength` to fit the service's limit. */
export function runnerResourceName(scope: Construct, maxIdLength: number): string {
  const id = scope.node.id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, maxIdLength);
  return `eks-upgrade-${id}-${scope.node.addr.slice(-8)}`;
}

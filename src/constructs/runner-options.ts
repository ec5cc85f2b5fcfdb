import type { IResolvable, TerraformProvider, TerraformResource } from 'cdktf';
import type { Reconcile } from './reconcile';

/** What a `ClusterUpgrade` hands its runner. */
export interface UpgradeRunnerBindOptions {
  /**
   * The upgrade spec (JSON object), rendered lazily at synth so that targets added later are included. Values
   * Terraform knows only at apply (a launch template's `latest_version`) are Terraform references inside it.
   */
  readonly spec: IResolvable;
}

/** What a runner made for one cluster. */
export interface UpgradeRunnerConfig {
  /**
   * The Terraform resource whose creation (or replacement, when the spec changes) runs the upgrade. Resources
   * adopted by the upgrade become its dependencies.
   */
  readonly resource: TerraformResource;
}

/** The role a runner's handler acts as: STS AssumeRole's parameters. */
export interface RunnerAssumeRole {
  /** The IAM role's ARN. */
  readonly roleArn: string;

  /**
   * AssumeRole's `ExternalId`, when the role's trust policy requires one.
   *
   * @default - none
   */
  readonly externalId?: string;

  /**
   * AssumeRole's `RoleSessionName`, which CloudTrail records with every call.
   *
   * @default - `eks-upgrade-<cluster name>`
   */
  readonly sessionName?: string;
}

/** Options every runner takes. */
export interface UpgradeRunnerOptions {
  /**
   * ARN of an IAM role the handler assumes (STS AssumeRole) before any EKS call, e.g. a role in the cluster's account
   * when one app upgrades clusters in several accounts. The runner's own credentials then only need
   * `sts:AssumeRole` on it; the role needs what docs/iam.md lists.
   *
   * @default - the runner's own credentials make the EKS calls
   */
  readonly assumeRoleArn?: string;

  /**
   * The `ExternalId` the role's trust policy requires, if any (2–1224 letters, digits and `+=,.@:/-`).
   *
   * @default - none
   */
  readonly assumeRoleExternalId?: string;

  /**
   * The `RoleSessionName` (2–64 letters, digits and `+=,.@-`), which CloudTrail records with every call.
   *
   * @default - `eks-upgrade-<cluster name>`
   */
  readonly assumeRoleSessionName?: string;

  /**
   * When the handler runs: when the spec changes (the default), or at every `terraform apply`, which also corrects
   * changes made to the cluster outside Terraform.
   *
   * @default Reconcile.ON_CHANGE
   */
  readonly reconcile?: Reconcile;
}

/** Options of the local runner. */
export interface LocalUpgradeRunnerOptions extends UpgradeRunnerOptions {
  /**
   * Environment variables set for the handler, with fixed values (e.g. `EKS_UPGRADE_TIME_SCALE: '0.01'`,
   * `AWS_ENDPOINT_URL_EKS` and `AWS_ENDPOINT_URL_EC2` for a simulator, or `AWS_PROFILE`). They are written into the
   * synthesized configuration and the Terraform plan, so credentials are refused at synth: `AWS_SECRET_ACCESS_KEY`,
   * `AWS_SESSION_TOKEN`, names that say secret, password or token, and values that look like access keys or private
   * keys. Give the handler credentials through `passEnvironment`, a profile, or `assumeRoleArn` instead.
   * `EKS_UPGRADE_SPEC` is reserved.
   *
   * @default - none
   */
  readonly environment?: { [key: string]: string };

  /**
   * Names of variables from Terraform's own environment the handler relies on, e.g. `AWS_PROFILE`,
   * `AWS_ENDPOINT_URL_EKS`, `AWS_ENDPOINT_URL_SSM`, `AWS_ENDPOINT_URL_EC2`, `EKS_UPGRADE_TIME_SCALE`.
   *
   * A `local-exec` provisioner already inherits Terraform's whole environment, so listing a name here neither copies
   * nor pins its value (use `environment` for a fixed value) and the value never enters the configuration. The
   * names are checked at synth (a valid variable name, not also given in `environment`) and recorded in
   * `EKS_UPGRADE_PASS_ENV` (comma-separated) for the handler to report which of them are set.
   *
   * @default - none
   */
  readonly passEnvironment?: string[];
}

/** Options of the Lambda runner. */
export interface LambdaUpgradeRunnerOptions extends UpgradeRunnerOptions {
  /**
   * The AWS provider that creates the function, its role and log group, and invokes it: the account and region the
   * function runs in. With `assumeRoleArn` the function reaches the cluster through that role instead.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;

  /**
   * The function's timeout in seconds, which bounds how long one `terraform apply` waits for EKS.
   *
   * At most 900 (15 minutes, Lambda's limit) and at least 120 (the handler stops waiting a minute before the
   * deadline to report).
   *
   * @default 900
   */
  readonly timeout?: number;

  /**
   * The function's memory in MB (128–10240).
   *
   * @default 512
   */
  readonly memorySize?: number;

  /**
   * ARN of an existing IAM role for the function, replacing the generated one (no role or policy is then created).
   *
   * It must trust `lambda.amazonaws.com` and allow what the generated role allows: the EKS calls on the cluster,
   * its node groups and add-ons, `ssm:GetParameter` on the public EKS AMI parameters, and writing to the function's
   * log group.
   *
   * @default - a role allowed exactly what this cluster's upgrade needs
   */
  readonly roleArn?: string;

  /**
   * The generated role's name, instead of one Terraform generates from the prefix `eks-upgrade-`. Give it when a
   * role in another account trusts the function's role by name (`arn:aws:iam::<function account>:role/<roleName>`),
   * as the assumed role of `assumeRoleArn` must: docs/iam.md shows the trust policy. IAM role names are unique in an
   * account, so a runner with a role name serves one `ClusterUpgrade`. 1–64 letters, digits and `+=,.@_-`.
   *
   * @default - `eks-upgrade-` followed by a suffix Terraform generates
   */
  readonly roleName?: string;

  /**
   * How many days the function's log group (`/aws/lambda/<function name>`) keeps the handler's progress log.
   *
   * One of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
   * 1827, 2192, 2557, 2922, 3288, 3653), or 0 to keep it forever.
   *
   * @default 30
   */
  readonly logRetentionDays?: number;
}

/** Options of the CodeBuild runner. */
export interface CodeBuildUpgradeRunnerOptions extends UpgradeRunnerOptions {
  /**
   * The AWS provider that creates the project, its role, log group and source, and runs the action: the account and
   * region the build runs in. With `assumeRoleArn` the build reaches the cluster through that role instead.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;

  /**
   * The build's timeout in minutes (5–2160, CodeBuild's bounds), which bounds one upgrade run. The action waits this
   * long plus the build's queue time (60 minutes) and ten minutes more. A build that times out leaves the updates it
   * started running in EKS, and the next apply attaches to them.
   *
   * @default 480
   */
  readonly buildTimeoutMinutes?: number;

  /**
   * ARN of an existing IAM role for the project, replacing the generated one (no role or policy is then created).
   *
   * It must trust `codebuild.amazonaws.com` and allow what the generated role allows: the EKS calls on the cluster,
   * its node groups and add-ons, `ssm:GetParameter` on the public EKS AMI parameters, writing to the project's log
   * group, and reading the source object (docs/iam.md).
   *
   * @default - a role allowed exactly what this cluster's upgrade needs
   */
  readonly roleArn?: string;

  /**
   * Name of an existing S3 bucket to hold the handler bundle the build runs (as `eks-upgrade/<hash>.zip`).
   *
   * @default - a private bucket created for it
   */
  readonly sourceBucket?: string;

  /**
   * How many days the project's log group (`/aws/codebuild/<project name>`) keeps the handler's progress log: one of
   * the values CloudWatch Logs accepts, or 0 to keep it forever.
   *
   * @default 30
   */
  readonly logRetentionDays?: number;
}

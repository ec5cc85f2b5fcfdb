import * as path from 'path';
import {
  AssetType, Fn, IResolvable, LocalExecProvisioner, TerraformLocal, TerraformProvider, TerraformResource,
  TerraformSelf, Token,
} from 'cdktf';
import { Construct } from 'constructs';
import type { LambdaUpgradeRunner } from './lambda-upgrade-runner';
import { bundleAsset } from './private/bundle-asset';
import { runTriggers } from './private/run-triggers';
import { credentialsIn } from './private/runner-secrets';
import { TerraformData } from './private/terraform-data';
import { Reconcile } from './reconcile';
import { isRoleArn } from '../spec/arn';
import { isExternalId, isSessionName } from '../spec/parse-spec';
import { PASS_ENV_VAR, SPEC_ENV_VAR } from '../spec/upgrade-spec';

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
   * `AWS_ENDPOINT_URL_EKS` for a simulator, or `AWS_PROFILE`). They are written into the synthesized configuration and
   * the Terraform plan, so credentials are refused at synth: `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, names
   * that say secret, password or token, and values that look like access keys or private keys. Give the handler
   * credentials through `passEnvironment`, a profile, or `assumeRoleArn` instead. `EKS_UPGRADE_SPEC` is reserved.
   *
   * @default - none
   */
  readonly environment?: { [key: string]: string };

  /**
   * Names of variables from Terraform's own environment the handler relies on, e.g. `AWS_PROFILE`,
   * `AWS_ENDPOINT_URL_EKS`, `AWS_ENDPOINT_URL_SSM`, `EKS_UPGRADE_TIME_SCALE`.
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

/**
 * Where and how the upgrade handler runs during `terraform apply`.
 *
 * Each runner is a static factory returning a subclass that implements `bind()`; a runner that invokes the handler
 * somewhere else (such as an AWS Lambda function) is another factory beside `local()`.
 */
export abstract class UpgradeRunner {
  /**
   * Runs the bundled handler on the machine that runs `terraform apply`, from a `terraform_data` resource's
   * `local-exec` provisioner: `node <bundled handler> apply`, with the spec in `EKS_UPGRADE_SPEC`.
   *
   * The resource's `input` is the spec and its `triggers_replace` the spec's digest, so the handler runs when the
   * spec first appears and again whenever it changes (a new target, a new launch template version), or at every apply
   * under `Reconcile.EVERY_APPLY`; the apply blocks until every update has finished. A failed run taints the resource
   * and the next apply runs it again. The machine needs Terraform 1.4 or later, Node.js 20 or later (22 or later
   * recommended) on `PATH`, and AWS credentials for EKS and SSM (or for `sts:AssumeRole` on `assumeRoleArn`).
   */
  public static local(options: LocalUpgradeRunnerOptions = {}): UpgradeRunner {
    return new LocalUpgradeRunner(options);
  }

  /**
   * Runs the bundled handler in an AWS Lambda function, for Terraform runners that hold no EKS permissions: the
   * function's own role, scoped to the cluster, its targeted node groups and add-ons, does the work.
   *
   * An `aws_lambda_invocation` (lifecycle_scope CRUD) invokes the function with the spec when it first appears and
   * whenever it changes, and fails the apply with the handler's message when the upgrade fails. A Lambda function
   * runs for at most 15 minutes: the handler stops waiting a minute before its timeout and fails, naming the updates
   * still running in EKS, and the next apply attaches to them and carries on. Use `local()` for rollouts that take
   * longer. The stack needs an AWS provider.
   */
  public static lambda(options: LambdaUpgradeRunnerOptions = {}): LambdaUpgradeRunner {
    // Loaded here: the Lambda runner's module extends this class, so it cannot be loaded before this one is defined.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lambdaModule = require('./lambda-upgrade-runner') as typeof import('./lambda-upgrade-runner');
    return new lambdaModule.LambdaUpgradeRunner(options);
  }

  /** The role the handler assumes before any EKS call, if any; `ClusterUpgrade` writes it into the spec. */
  public readonly assumeRole?: RunnerAssumeRole;

  /** When the handler runs. */
  public readonly reconcile: Reconcile;

  /**
   * @param options what every runner takes, checked here
   */
  protected constructor(options: UpgradeRunnerOptions = {}) {
    const problems = checkRunnerOptions(options);
    if (problems.length > 0) throw new Error(problems.map((p) => `UpgradeRunner: ${p}`).join('\n'));
    this.reconcile = options.reconcile ?? Reconcile.ON_CHANGE;
    if (options.assumeRoleArn !== undefined) {
      this.assumeRole = {
        roleArn: options.assumeRoleArn,
        ...(options.assumeRoleExternalId !== undefined ? { externalId: options.assumeRoleExternalId } : {}),
        ...(options.assumeRoleSessionName !== undefined ? { sessionName: options.assumeRoleSessionName } : {}),
      };
    }
  }

  /**
   * What, besides the cluster's name and region, decides which cluster this runner's handler reaches: its AWS identity
   * and endpoint. Two `ClusterUpgrade`s of one cluster name and region whose runners give the same identity would
   * race on one cluster, so the second is refused at synth; a different identity (another account) is allowed.
   *
   * The base implementation names the assumed role; override it in a runner with other ways to reach AWS.
   *
   * @param scope the `ClusterUpgrade` asking
   */
  public identity(scope: Construct): string {
    void scope; // the assumed role does not depend on where the upgrade is
    return this.assumeRole === undefined ? 'no assumed role' : `assumed role ${this.assumeRole.roleArn}`;
  }

  /**
   * Creates the runner's resources for one cluster in `scope`.
   *
   * Called once by each `ClusterUpgrade` that uses this runner; implement it to run the handler elsewhere.
   *
   * @param scope the `ClusterUpgrade`
   * @param options what the runner needs
   */
  public abstract bind(scope: Construct, options: UpgradeRunnerBindOptions): UpgradeRunnerConfig;
}

/** A name the environment accepts: letters, digits and _, not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The bundled handler: `<package>/assets/cli/index.js`, two levels above both src/constructs and lib/constructs. */
const HANDLER_PATH = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');
const HANDLER_BUNDLE = { id: 'EksUpgradeHandler', path: HANDLER_PATH, type: AssetType.FILE, entry: HANDLER_PATH, what: 'the upgrade handler' };

class LocalUpgradeRunner extends UpgradeRunner {
  constructor(private readonly options: LocalUpgradeRunnerOptions) {
    super(options);
  }

  /**
   * The EKS endpoint fixed in `environment`, and the assumed role or else the profile fixed there: an assumed role's
   * account is the one reached, whatever profile signs the AssumeRole. Names from `passEnvironment` are the same for
   * every stack, so they set nothing apart.
   */
  public identity(scope: Construct): string {
    const env = this.options.environment ?? {};
    const endpoint = env.AWS_ENDPOINT_URL_EKS ?? env.AWS_ENDPOINT_URL;
    return [
      this.assumeRole !== undefined ? super.identity(scope) : env.AWS_PROFILE === undefined ? 'the default profile' : `profile ${env.AWS_PROFILE}`,
      endpoint === undefined ? 'the default EKS endpoint' : `EKS endpoint ${endpoint}`,
    ].join(', ');
  }

  public bind(scope: Construct, options: UpgradeRunnerBindOptions): UpgradeRunnerConfig {
    const environment = this.environment(scope);
    const handler = bundleAsset(scope, HANDLER_BUNDLE);
    const provisioner: LocalExecProvisioner = {
      type: 'local-exec',
      command: `node ${handler.path} apply`,
      environment,
    };
    // The spec once, in a local: the plan shows it as the input, and the trigger is its digest rather than a copy.
    const spec = new TerraformLocal(scope, 'Spec', options.spec);
    const resource = new TerraformData(scope, 'Runner', {
      input: spec.expression,
      triggersReplace: runTriggers(spec, this.reconcile),
      provisioners: [provisioner],
    });
    return { resource };
  }

  private environment(scope: Construct): Record<string, string> {
    const problems: string[] = [];
    const fixed = this.options.environment ?? {};
    const names = this.options.passEnvironment ?? [];
    for (const key of Object.keys(fixed)) {
      if (!ENV_NAME.test(key)) problems.push(`runner environment: '${key}' is not an environment variable name: use letters, digits and _ (not starting with a digit)`);
      if (key === SPEC_ENV_VAR || key === PASS_ENV_VAR) problems.push(`runner environment: ${key} is set by the runner itself; remove it`);
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (!ENV_NAME.test(name)) problems.push(`runner passEnvironment: '${name}' is not an environment variable name: use letters, digits and _ (not starting with a digit)`);
      else if (name === SPEC_ENV_VAR || name === PASS_ENV_VAR) problems.push(`runner passEnvironment: ${name} is set by the runner itself; remove it`);
      else if (name in fixed) problems.push(`runner passEnvironment: ${name} is also given a fixed value in environment; keep one of the two`);
      else if (seen.has(name)) problems.push(`runner passEnvironment: ${name} is listed twice; list it once`);
      seen.add(name);
    }
    problems.push(...credentialsIn(fixed).map((p) => `runner environment: ${p}`));
    if (problems.length > 0) {
      throw new Error(problems.map((p) => `${scope.node.path}: ${p}`).join('\n'));
    }
    return {
      ...fixed,
      ...(names.length > 0 ? { [PASS_ENV_VAR]: names.join(',') } : {}),
      // Terraform resolves the references inside the spec (launch template versions) before the handler sees it.
      [SPEC_ENV_VAR]: Fn.jsonencode(TerraformSelf.getAny('input')),
    };
  }
}

function checkRunnerOptions(o: UpgradeRunnerOptions): string[] {
  const problems: string[] = [];
  const known = (v: unknown) => v !== undefined && !Token.isUnresolved(v);
  if (known(o.assumeRoleArn) && !isRoleArn(o.assumeRoleArn!)) {
    problems.push(`assumeRoleArn '${o.assumeRoleArn}' is not an IAM role ARN such as arn:aws:iam::111122223333:role/eks-upgrade`);
  }
  for (const option of ['assumeRoleExternalId', 'assumeRoleSessionName'] as const) {
    if (o.assumeRoleArn === undefined && o[option] !== undefined) problems.push(`${option} is given without assumeRoleArn: add the role to assume, or remove it`);
  }
  if (known(o.assumeRoleExternalId) && !isExternalId(o.assumeRoleExternalId!)) {
    problems.push('assumeRoleExternalId is not an external ID STS accepts: 2–1224 letters, digits and +=,.@:/-');
  }
  if (known(o.assumeRoleSessionName) && !isSessionName(o.assumeRoleSessionName!)) {
    problems.push(`assumeRoleSessionName '${o.assumeRoleSessionName}' is not a session name STS accepts: 2–64 letters, digits and +=,.@-`);
  }
  if (o.reconcile !== undefined && !Object.values(Reconcile).includes(o.reconcile)) {
    problems.push(`reconcile ${JSON.stringify(o.reconcile)} is not one of Reconcile.ON_CHANGE, Reconcile.EVERY_APPLY`);
  }
  return problems;
}

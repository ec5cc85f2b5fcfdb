import * as path from 'path';
import type { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import {
  AssetType, Fn, LocalExecProvisioner, TerraformLocal, TerraformProvider, TerraformSelf, TerraformStack, Token,
} from 'cdktf';
import { Construct } from 'constructs';
import { roleArnProblems } from './private/aws-runner-resources';
import { bundleAsset } from './private/bundle-asset';
import { bindCodeBuildRunner, checkCodeBuildRunnerOptions } from './private/codebuild-runner-resources';
import { bindLambdaRunner, checkLambdaRunnerOptions } from './private/lambda-runner-resources';
import { runTriggers } from './private/run-triggers';
import { credentialsIn } from './private/runner-secrets';
import { TerraformData } from './private/terraform-data';
import { Reconcile } from './reconcile';
import type {
  CodeBuildUpgradeRunnerOptions,
  LambdaUpgradeRunnerOptions, LocalUpgradeRunnerOptions, RunnerAssumeRole, UpgradeRunnerBindOptions, UpgradeRunnerConfig, UpgradeRunnerOptions,
} from './runner-options';
import { isExternalId, isSessionName } from '../upgrade-spec/check-assume-role';
import { PASS_ENV_VAR, SPEC_ENV_VAR } from '../upgrade-spec/upgrade-spec';

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
    return new LambdaUpgradeRunner(options);
  }

  /**
   * Runs the bundled handler in an AWS CodeBuild project, for Terraform runs on machines without Node.js (HCP
   * Terraform's agents, many CI images) and rollouts longer than Lambda's 15 minutes.
   *
   * A `terraform_data` keyed on the spec's digest triggers an `aws_codebuild_start_build` action before it is created
   * (or updated), so the apply waits until the build has finished and fails when it fails. The build runs `node
   * index.js apply` on a stock CodeBuild image with Node.js 22 and the spec in `EKS_UPGRADE_SPEC`, as the project's own
   * least-privilege role. If the machine running Terraform dies, the build keeps going in AWS; the next apply starts
   * a new build, which attaches to the updates already running. Needs Terraform 1.14.1 or later and hashicorp/aws
   * 6.15 or later (both are checked at synth), and an AWS provider in the stack.
   */
  public static codeBuild(options: CodeBuildUpgradeRunnerOptions = {}): CodeBuildUpgradeRunner {
    return new CodeBuildUpgradeRunner(options);
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

/**
 * The identity of a runner that runs in AWS: the assumed role when there is one (`assumedRole`, as the base class
 * writes it), else the AWS provider it runs under, an aliased one or the default AWS provider of its stack. Written
 * like the local runner's, so runners reaching a cluster through the same identity are seen as one.
 */
function awsRunnerIdentity(assumedRole: string | undefined, provider: TerraformProvider | undefined, scope: Construct): string {
  if (assumedRole !== undefined) return `${assumedRole}, the default EKS endpoint`;
  return provider?.alias !== undefined
    ? `AWS provider ${provider.node.path}`
    : `the default AWS provider of stack ${TerraformStack.of(provider ?? scope).node.path}`;
}

function checkRunnerOptions(o: UpgradeRunnerOptions): string[] {
  const problems: string[] = [];
  const known = (v: unknown) => v !== undefined && !Token.isUnresolved(v);
  problems.push(...roleArnProblems('assumeRoleArn', o.assumeRoleArn));
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

/**
 * Runs the upgrade handler in an AWS Lambda function, invoked by an `aws_lambda_invocation` with
 * `lifecycle_scope = "CRUD"`. Create it with `UpgradeRunner.lambda()`.
 *
 * Each `ClusterUpgrade` it is given gets its own function, log group and (unless `roleArn` is given) IAM role
 * scoped to that cluster.
 */
export class LambdaUpgradeRunner extends UpgradeRunner {
  private readonly options: LambdaUpgradeRunnerOptions;
  private readonly invocations: LambdaInvocation[] = [];

  /**
   * @param options the function's settings, checked at synth
   */
  constructor(options: LambdaUpgradeRunnerOptions = {}) {
    super(options);
    const problems = checkLambdaRunnerOptions(options);
    if (problems.length > 0) throw new Error(problems.map((p) => `UpgradeRunner.lambda: ${p}`).join('\n'));
    this.options = options;
  }

  /**
   * The handler's result for the cluster this runner upgrades, as the JSON text Terraform stores in the
   * invocation's `result` (use `Fn.jsondecode`): `{ action, converged, outcome, steps, attached, warnings, apiCalls,
   * diff }`, where each step has `resource`, `action`, `target`, `updateId` and `outcome`.
   *
   * Known after apply. Available once the runner is given to exactly one `ClusterUpgrade`.
   */
  public get result(): string {
    if (this.invocations.length !== 1) {
      throw new Error(`UpgradeRunner.lambda: result belongs to one cluster, but this runner upgrades ${this.invocations.length === 0 ? 'none yet (give it to a ClusterUpgrade first)' : `${this.invocations.length} clusters (use one runner per ClusterUpgrade to read each result)`}`);
    }
    return this.invocations[0].result;
  }

  /**
   * The assumed role when there is one (its account is the one reached, whatever account the function runs in), else
   * the AWS provider the function runs under: an aliased one, or the default AWS provider of its stack (stacks of
   * different accounts have different ones), whether given or not. Written like the local runner's, so the two
   * runners reaching a cluster through the same role are seen as one identity.
   *
   * @param scope the `ClusterUpgrade` asking
   */
  public identity(scope: Construct): string {
    return awsRunnerIdentity(this.assumeRole === undefined ? undefined : super.identity(scope), this.options.provider, scope);
  }

  /**
   * Creates the function, its log group, its role and the invocation for one cluster in `scope`.
   *
   * @param scope the `ClusterUpgrade`
   * @param options what the runner needs
   */
  public bind(scope: Construct, options: UpgradeRunnerBindOptions): UpgradeRunnerConfig {
    if (this.options.roleName !== undefined && this.invocations.length > 0) {
      throw new Error(`${scope.node.path}: UpgradeRunner.lambda: roleName '${this.options.roleName}' is already the role of the runner of ${this.invocations[0].node.scope!.node.scope!.node.path}, and IAM role names are unique in an account: give each ClusterUpgrade its own runner, with its own roleName`);
    }
    const invocation = bindLambdaRunner(scope, this.options, options, this);
    this.invocations.push(invocation);
    return { resource: invocation };
  }
}

/**
 * Runs the upgrade handler in an AWS CodeBuild build, started and awaited by Terraform's `aws_codebuild_start_build`
 * action. Create it with `UpgradeRunner.codeBuild()`.
 *
 * Each `ClusterUpgrade` it is given gets its own project, log group, source object and (unless `roleArn` is given) IAM
 * role scoped to that cluster.
 */
export class CodeBuildUpgradeRunner extends UpgradeRunner {
  private readonly options: CodeBuildUpgradeRunnerOptions;

  /**
   * @param options the project's settings, checked at synth
   */
  constructor(options: CodeBuildUpgradeRunnerOptions = {}) {
    super(options);
    const problems = checkCodeBuildRunnerOptions(options);
    if (problems.length > 0) throw new Error(problems.map((p) => `UpgradeRunner.codeBuild: ${p}`).join('\n'));
    this.options = options;
  }

  /**
   * The assumed role when there is one, else the AWS provider the build runs under, written as the Lambda runner's
   * so that runners reaching a cluster through the same identity are seen as one.
   *
   * @param scope the `ClusterUpgrade` asking
   */
  public identity(scope: Construct): string {
    return awsRunnerIdentity(this.assumeRole === undefined ? undefined : super.identity(scope), this.options.provider, scope);
  }

  /**
   * Creates the project, its role, log group and source, the `terraform_data` and its action for one cluster.
   *
   * @param scope the `ClusterUpgrade`
   * @param options what the runner needs
   */
  public bind(scope: Construct, options: UpgradeRunnerBindOptions): UpgradeRunnerConfig {
    return { resource: bindCodeBuildRunner(scope, this.options, options, this) };
  }
}

import * as fs from 'fs';
import * as path from 'path';
import {
  AssetType, DataResource, Fn, IResolvable, LocalExecProvisioner, TerraformAsset, TerraformResource, TerraformSelf,
  TerraformStack,
} from 'cdktf';
import { Construct } from 'constructs';
import type { LambdaUpgradeRunner } from './lambda-upgrade-runner';
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

/** Options of the local runner. */
export interface LocalUpgradeRunnerOptions {
  /**
   * Environment variables set for the handler, with fixed values (e.g. `EKS_UPGRADE_TIME_SCALE: '0.01'` or
   * `AWS_ENDPOINT_URL_EKS` for a simulator). They are written into the synthesized configuration and the Terraform
   * plan, so never put secrets here. `EKS_UPGRADE_SPEC` is reserved.
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
export interface LambdaUpgradeRunnerOptions {
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
   * The resource's `input` and `triggers_replace` are the spec, so the handler runs when the spec first appears and
   * again whenever it changes (a new target, a new launch template version); the apply blocks until every update has
   * finished. A failed run taints the resource and the next apply runs it again. The machine needs Node.js 20 or
   * later on `PATH` and AWS credentials for EKS and SSM.
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

/** Environment variable with the names given in `passEnvironment` (comma-separated). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The bundled handler: `<package>/assets/cli/index.js`, two levels above both src/constructs and lib/constructs. */
const HANDLER_PATH = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');
const HANDLER_ASSET_ID = 'EksUpgradeHandler';

class LocalUpgradeRunner extends UpgradeRunner {
  constructor(private readonly options: LocalUpgradeRunnerOptions) {
    super();
  }

  public bind(scope: Construct, options: UpgradeRunnerBindOptions): UpgradeRunnerConfig {
    const environment = this.environment(scope);
    const handler = handlerAsset(scope);
    const provisioner: LocalExecProvisioner = {
      type: 'local-exec',
      command: `node ${handler.path} apply`,
      environment,
    };
    const resource = new DataResource(scope, 'Runner', {
      input: options.spec as any,
      triggersReplace: options.spec as any,
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

/** One copy of the handler per stack, shared by every cluster in it. */
function handlerAsset(scope: Construct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(HANDLER_ASSET_ID);
  if (existing instanceof TerraformAsset) return existing;
  if (!fs.existsSync(HANDLER_PATH)) {
    throw new Error(`${scope.node.path}: the upgrade handler bundle is missing at ${HANDLER_PATH}: in a source checkout run \`npx projen bundle\`; otherwise reinstall cdktf-eks-upgrade`);
  }
  return new TerraformAsset(stack, HANDLER_ASSET_ID, { path: HANDLER_PATH, type: AssetType.FILE });
}

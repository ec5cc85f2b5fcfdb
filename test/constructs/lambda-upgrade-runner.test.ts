import * as fs from 'fs';
import * as path from 'path';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { errorOf, onlyResource, PACKAGE_NAME, PACKAGE_ROOT, resourcesOf } from './helpers';
import {
  AddonVersion, ClusterUpgrade, KubernetesVersion, LambdaUpgradeRunner, NodeAmi, NodeLaunchTemplate, UpgradeRunner,
} from '../../src';

/** Where the function code lands; its hash changes whenever the engine code changes. */
const BUNDLE_ARCHIVE = /assets\/EksUpgradeLambdaCode\/[0-9A-Fa-f]{32}\/archive\.zip/g;
const BUNDLE_HASH = /"source_code_hash": "[0-9A-Fa-f]{32}"/g;

/**
 * Synthesizes a scope, with the stack's default AWS provider (the Lambda runner needs one), and with the Lambda
 * bundle's hash replaced, so snapshots depend on the constructs only.
 */
function synth(fn: (scope: any) => void): string {
  return Testing.synthScope((scope) => {
    new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
    fn(scope);
  })
    .replace(BUNDLE_ARCHIVE, 'assets/EksUpgradeLambdaCode/<bundle-hash>/archive.zip')
    .replace(BUNDLE_HASH, '"source_code_hash": "<bundle-hash>"');
}

interface Statement {
  sid: string;
  effect: string;
  actions: string[];
  resources: string[];
}

/** The statements of the only policy document in the output. */
function statements(out: string): Statement[] {
  const docs = Object.values<any>(JSON.parse(out).data?.aws_iam_policy_document ?? {});
  if (docs.length !== 1) throw new Error(`expected one aws_iam_policy_document, found ${docs.length}`);
  return docs[0].statement;
}

/** Every (action, resource) pair the policy allows. */
function grants(out: string): Array<[string, string]> {
  return statements(out).flatMap((s) => s.actions.flatMap((a) => s.resources.map((r): [string, string] => [a, r])));
}

const resourcesFor = (out: string, action: string) => grants(out).filter(([a]) => a === action).map(([, r]) => r);

/** The IAM actions the engine's calls need (EksApi), as named in the Service Authorization Reference. */
const ENGINE_ACTIONS = [
  'eks:DescribeCluster', 'eks:UpdateClusterVersion', 'eks:DescribeUpdate', 'eks:ListUpdates', 'eks:CancelUpdate',
  'eks:ListInsights', 'eks:DescribeInsight', 'eks:ListNodegroups', 'eks:ListAddons', 'eks:DescribeNodegroup',
  'eks:UpdateNodegroupVersion', 'eks:UpdateNodegroupConfig', 'eks:DescribeAddon', 'eks:UpdateAddon',
  'eks:DescribeAddonVersions', 'eks:DescribePodIdentityAssociation', 'ssm:GetParameter', 'logs:CreateLogStream', 'logs:PutLogEvents', 'iam:PassRole',
];

const PARTITION = '${data.aws_partition.Prod_LambdaRunner_Partition_8674E136.partition}';
const ACCOUNT = '${data.aws_caller_identity.Prod_LambdaRunner_Account_2B4B8E22.account_id}';
const eksArn = (resource: string, region = 'eu-west-1') => `arn:${PARTITION}:eks:${region}:${ACCOUNT}:${resource}`;

function prodUpgrade(scope: any, runner: UpgradeRunner = UpgradeRunner.lambda()): ClusterUpgrade {
  return new ClusterUpgrade(scope, 'Prod', {
    clusterName: 'prod',
    region: 'eu-west-1',
    version: KubernetesVersion.of('1.31'),
    addons: [
      { name: 'vpc-cni', version: AddonVersion.latest(), podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: 'arn:aws:iam::123456789012:role/cni' }] },
      { name: 'coredns', version: AddonVersion.clusterDefault() },
    ],
    nodegroups: [{ name: 'general' }, { name: 'gpu', force: true }],
    runner,
  });
}

describe('UpgradeRunner.lambda', () => {
  test('synth: function from the bundled code, log group, least-privilege role, CRUD invocation with the spec', () => {
    const out = synth((scope) => prodUpgrade(scope));
    expect(out).toMatchSnapshot();
    expect(out).toHaveResourceWithProperties(LambdaFunction, {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      timeout: 900,
      memory_size: 512,
      filename: 'assets/EksUpgradeLambdaCode/<bundle-hash>/archive.zip',
      source_code_hash: '<bundle-hash>',
    });
    expect(out).toHaveResourceWithProperties(LambdaInvocation, {
      lifecycle_scope: 'CRUD',
      input: '${jsonencode(local.Prod_LambdaRunner_Spec_50F77C04)}',
      triggers: { spec: '${sha256(jsonencode(local.Prod_LambdaRunner_Spec_50F77C04))}' },
    });
    const config = JSON.parse(out);
    // The spec is a local, so Terraform (not a string template) encodes it.
    expect(config.locals.Prod_LambdaRunner_Spec_50F77C04).toMatchObject({ specVersion: 1, clusterName: 'prod', region: 'eu-west-1', controlPlane: { version: '1.31' } });
    const fn = onlyResource(out, 'aws_lambda_function');
    expect(onlyResource(out, 'aws_cloudwatch_log_group')).toEqual({ name: `/aws/lambda/${fn.function_name}`, retention_in_days: 30 });
    expect(fn.function_name).toMatch(/^eks-upgrade-Prod-[0-9a-f]{8}$/);
    expect(fn.role).toBe('${aws_iam_role.Prod_LambdaRunner_Role_6A9E8289.arn}');
    const invocation = onlyResource(out, 'aws_lambda_invocation');
    expect(invocation.function_name).toBe('${aws_lambda_function.Prod_LambdaRunner_Function_5E19F0BF.function_name}');
    expect(invocation.depends_on).toEqual(['aws_cloudwatch_log_group.Prod_LambdaRunner_LogGroup_A0CCB120', 'aws_iam_role_policy.Prod_LambdaRunner_Policy_C8A16028']);
    expect(JSON.parse(onlyResource(out, 'aws_iam_role').assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(onlyResource(out, 'aws_iam_role_policy').policy).toBe('${data.aws_iam_policy_document.Prod_LambdaRunner_PolicyDocument_3FE1E1CB.json}');
  });

  test('options: timeout, memory and log retention reach the function and its log group', () => {
    const out = synth((scope) => prodUpgrade(scope, UpgradeRunner.lambda({ timeout: 600, memorySize: 1024, logRetentionDays: 7 })));
    expect(out).toHaveResourceWithProperties(LambdaFunction, { timeout: 600, memory_size: 1024 });
    expect(onlyResource(out, 'aws_cloudwatch_log_group').retention_in_days).toBe(7);
  });

  describe('IAM policy', () => {
    const out = synth((scope) => prodUpgrade(scope));

    test('only the actions the engine calls, each of them a real IAM action name', () => {
      const actions = new Set(grants(out).map(([a]) => a));
      expect([...actions].sort()).toEqual([...ENGINE_ACTIONS].sort());
    });

    test('no EKS action on * except DescribeAddonVersions, which has no resource-level permission', () => {
      const onStar = grants(out).filter(([, r]) => r === '*').map(([a]) => a);
      expect(onStar).toEqual(['eks:DescribeAddonVersions']);
      expect(grants(out).filter(([a, r]) => a.startsWith('eks:') && r !== '*').every(([, r]) => r.startsWith(eksArn('')))).toBe(true);
    });

    test('cluster actions on the cluster only; node-group and add-on actions on the targeted ones', () => {
      for (const action of ['eks:DescribeCluster', 'eks:UpdateClusterVersion', 'eks:CancelUpdate', 'eks:ListInsights', 'eks:DescribeInsight', 'eks:ListNodegroups', 'eks:ListAddons']) {
        expect(resourcesFor(out, action)).toEqual([eksArn('cluster/prod')]);
      }
      for (const action of ['eks:UpdateNodegroupVersion', 'eks:UpdateNodegroupConfig']) {
        expect(resourcesFor(out, action)).toEqual([eksArn('nodegroup/prod/general/*'), eksArn('nodegroup/prod/gpu/*')]);
      }
      expect(resourcesFor(out, 'eks:UpdateAddon')).toEqual([eksArn('addon/prod/vpc-cni/*'), eksArn('addon/prod/coredns/*')]);
      // Every installed add-on is described (UNTARGETED-COMPATIBLE), only the targeted ones updated.
      expect(resourcesFor(out, 'eks:DescribeAddon')).toEqual([eksArn('addon/prod/*/*'), eksArn('addon/prod/vpc-cni/*'), eksArn('addon/prod/coredns/*')]);
      expect(resourcesFor(out, 'eks:DescribePodIdentityAssociation')).toEqual([eksArn('podidentityassociation/prod/*')]);
      // Untargeted node groups are described (kubelet skew), never updated.
      expect(resourcesFor(out, 'eks:DescribeNodegroup')).toEqual([eksArn('nodegroup/prod/*/*'), eksArn('nodegroup/prod/general/*'), eksArn('nodegroup/prod/gpu/*')]);
      expect(resourcesFor(out, 'eks:ListUpdates').sort()).toEqual([
        eksArn('cluster/prod'), eksArn('nodegroup/prod/general/*'), eksArn('nodegroup/prod/gpu/*'), eksArn('addon/prod/vpc-cni/*'), eksArn('addon/prod/coredns/*'),
      ].sort());
      expect(resourcesFor(out, 'eks:DescribeUpdate').sort()).toEqual(resourcesFor(out, 'eks:ListUpdates').sort());
    });

    test('ssm:GetParameter on the public EKS and Bottlerocket AMI parameters only', () => {
      const ssm = grants(out).filter(([a]) => a.startsWith('ssm:'));
      expect(ssm).toEqual([
        ['ssm:GetParameter', `arn:${PARTITION}:ssm:eu-west-1::parameter/aws/service/eks/optimized-ami/*`],
        ['ssm:GetParameter', `arn:${PARTITION}:ssm:eu-west-1::parameter/aws/service/bottlerocket/*`],
      ]);
    });

    test('logs on the function\'s own log group; iam:PassRole only on the roles the spec names', () => {
      expect(resourcesFor(out, 'logs:PutLogEvents')).toEqual(['${aws_cloudwatch_log_group.Prod_LambdaRunner_LogGroup_A0CCB120.arn}:*']);
      expect(resourcesFor(out, 'logs:CreateLogStream')).toEqual(resourcesFor(out, 'logs:PutLogEvents'));
      expect(resourcesFor(out, 'iam:PassRole')).toEqual(['arn:aws:iam::123456789012:role/cni']);
    });
  });

  test('targets added after construction are in the policy; no add-ons targeted means no add-on update permission', () => {
    const out = synth((scope) => {
      const upgrade = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', region: 'eu-west-1', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.lambda() });
      upgrade.addNodegroup({ name: 'batch' });
    });
    expect(resourcesFor(out, 'eks:UpdateNodegroupVersion')).toEqual([eksArn('nodegroup/prod/batch/*')]);
    expect(grants(out).some(([a]) => a.startsWith('eks:UpdateAddon') || a === 'iam:PassRole')).toBe(false);
    expect(statements(out).every((s) => s.resources.length > 0)).toBe(true);
  });

  test('without a region in the spec, the ARNs use the provider\'s region', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.lambda() });
    });
    expect(out).toHaveDataSourceWithProperties(DataAwsRegion, {});
    expect(resourcesFor(out, 'eks:DescribeCluster')).toEqual([eksArn('cluster/prod', '${data.aws_region.Prod_LambdaRunner_Region_1ED1AEBA.region}')]);
    const withRegion = synth((scope) => prodUpgrade(scope));
    expect(JSON.parse(withRegion).data.aws_region).toBeUndefined();
  });

  test('a role ARN replaces the generated role and policy', () => {
    const roleArn = 'arn:aws:iam::123456789012:role/platform/eks-upgrader';
    const out = synth((scope) => prodUpgrade(scope, UpgradeRunner.lambda({ roleArn })));
    expect(out).not.toHaveResource(IamRole);
    expect(resourcesOf(out, 'aws_iam_role_policy')).toEqual({});
    expect(JSON.parse(out).data?.aws_iam_policy_document).toBeUndefined();
    expect(out).toHaveResourceWithProperties(LambdaFunction, { role: roleArn });
    expect(onlyResource(out, 'aws_lambda_invocation').depends_on).toEqual(['aws_cloudwatch_log_group.Prod_LambdaRunner_LogGroup_A0CCB120']);
  });

  test('a launch template version reaches the function through Terraform', () => {
    const out = synth((scope) => {
      const lt = new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), nodegroups: [{ name: 'custom', launchTemplate: lt.forNodegroup() }], runner: UpgradeRunner.lambda() });
    });
    const spec = Object.values<any>(JSON.parse(out).locals)[0];
    expect(spec.nodegroups[0].launchTemplate.version).toMatch(/^\$\{aws_launch_template\.Lt_[0-9A-F]{8}\.latest_version\}$/);
  });

  test('result: the invocation\'s result for the one cluster the runner upgrades', () => {
    const runner = UpgradeRunner.lambda();
    expect(runner).toBeInstanceOf(LambdaUpgradeRunner);
    expect(errorOf(() => runner.result)).toMatch(/result belongs to one cluster, but this runner upgrades none yet/);
    const out = synth((scope) => {
      prodUpgrade(scope, runner);
      new TerraformOutput(scope, 'Result', { value: runner.result });
    });
    expect(JSON.parse(out).output.Result.value).toBe('${aws_lambda_invocation.Prod_LambdaRunner_Invocation_03DC953C.result}');
  });

  test('one runner for two clusters: a function each, one copy of the code; result then asks for one runner each', () => {
    const runner = UpgradeRunner.lambda();
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner });
      new ClusterUpgrade(scope, 'Staging', { clusterName: 'staging', version: KubernetesVersion.of('1.32'), runner });
    });
    const functions = Object.values<any>(resourcesOf(out, 'aws_lambda_function'));
    expect(new Set(functions.map((f) => f.function_name)).size).toBe(2);
    expect(new Set(functions.map((f) => f.filename)).size).toBe(1);
    expect(Object.keys(resourcesOf(out, 'aws_iam_role'))).toHaveLength(2);
    expect(errorOf(() => runner.result)).toMatch(/this runner upgrades 2 clusters \(use one runner per ClusterUpgrade/);
  });

  test('a full synth writes the function code as a zip next to the stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    // Unlike the local runner, this one needs the AWS provider.
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    prodUpgrade(stack);
    const outdir = Testing.fullSynth(stack);
    const stackDir = path.join(outdir, 'stacks', 'stack');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    const fn = Object.values<any>(config.resource.aws_lambda_function)[0];
    const zip = fs.readFileSync(path.join(stackDir, fn.filename));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('index.js'))).toBe(true);
  });

  test.each<[string, object, RegExp]>([
    ['a timeout over 15 minutes', { timeout: 901 }, /UpgradeRunner\.lambda: timeout 901 is not a whole number of seconds up to 900: AWS Lambda stops a function after 15 minutes; use at most 900, and UpgradeRunner\.local\(\) for rollouts that take longer/],
    ['a fractional timeout', { timeout: 300.5 }, /timeout 300\.5 is not a whole number of seconds up to 900/],
    ['a timeout too short to wait', { timeout: 60 }, /timeout 60 leaves no time to wait: .* use at least 120/],
    ['too little memory', { memorySize: 64 }, /memorySize 64 is not a whole number of MB from 128 to 10240/],
    ['a retention CloudWatch refuses', { logRetentionDays: 2 }, /logRetentionDays 2 is not a retention CloudWatch Logs accepts: use one of 1, 3, 5, 7, 14, 30/],
    ['a role name instead of an ARN', { roleArn: 'eks-upgrader' }, /roleArn 'eks-upgrader' is not an IAM role ARN/],
    ['a role name IAM refuses', { roleName: 'eks upgrade' }, /roleName 'eks upgrade' is not an IAM role name: 1–64 letters, digits and \+=,\.@_-/],
    ['a role name with a role ARN', { roleName: 'eks-upgrade-prod', roleArn: 'arn:aws:iam::123456789012:role/x' }, /roleName names the role the runner generates, but roleArn replaces that role: give one of the two/],
  ])('refuses %s at synth', (_, options, message) => {
    expect(errorOf(() => UpgradeRunner.lambda(options))).toMatch(message);
  });

  test('roleName: the generated role gets that name, and a second ClusterUpgrade on the same runner is refused', () => {
    const out = synth((scope) => prodUpgrade(scope, UpgradeRunner.lambda({ roleName: 'eks-upgrade-prod' })));
    expect(onlyResource(out, 'aws_iam_role')).toMatchObject({ name: 'eks-upgrade-prod' });
    expect(onlyResource(out, 'aws_iam_role').name_prefix).toBeUndefined();
    expect(errorOf(() => synth((scope) => {
      const runner = UpgradeRunner.lambda({ roleName: 'eks-upgrade-prod' });
      prodUpgrade(scope, runner);
      new ClusterUpgrade(scope, 'Staging', { clusterName: 'staging', version: KubernetesVersion.of('1.31'), runner });
    }))).toBe("stack/Staging: UpgradeRunner.lambda: roleName 'eks-upgrade-prod' is already the role of the runner of stack/Prod, and IAM role names are unique in an account: give each ClusterUpgrade its own runner, with its own roleName");
  });

  test('a stack without an AWS provider is refused in Testing.synth as in app.synth(), in one line', () => {
    const line = "stack/Prod/LambdaRunner: UpgradeRunner.lambda() creates AWS resources, but stack 'stack' has no default AWS provider: add one (new AwsProvider(stack, 'aws', { region })), or give the runner an aliased provider (provider)";
    expect(errorOf(() => Testing.synthScope((scope) => prodUpgrade(scope)))).toBe(line);
    const app = Testing.app();
    prodUpgrade(new TerraformStack(app, 'stack'));
    expect(errorOf(() => app.synth())).toBe(line);
    // An aliased provider given to the runner is enough.
    expect(() => Testing.synthScope((scope) => {
      const west = new AwsProvider(scope, 'west', { region: 'us-west-2', alias: 'west' });
      prodUpgrade(scope, UpgradeRunner.lambda({ provider: west }));
    })).not.toThrow();
  });

  test('every problem at once', () => {
    expect(errorOf(() => UpgradeRunner.lambda({ timeout: 1000, memorySize: 1 })).split('\n')).toHaveLength(2);
  });

  test('the jsii entry point exposes the runner', () => {
    const stack = new TerraformStack(new App(), 'stack');
    expect(() => prodUpgrade(stack)).not.toThrow();
  });
});

test('a missing Lambda bundle is reported with the command that builds it', () => {
  const entry = path.join(PACKAGE_ROOT, 'assets', 'lambda', 'index.js');
  let message = '';
  jest.isolateModules(() => {
    const realFs = jest.requireActual<typeof fs>('fs');
    jest.doMock('fs', () => ({ ...realFs, existsSync: (p: fs.PathLike) => (p === entry ? false : realFs.existsSync(p)) }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('../../src') as typeof import('../../src');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cdktf = require('cdktf') as typeof import('cdktf');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const aws = require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider');
    const stack = new cdktf.TerraformStack(new cdktf.App(), 'stack');
    new aws.AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    message = errorOf(() => new lib.ClusterUpgrade(stack, 'Prod', { clusterName: 'prod', version: lib.KubernetesVersion.of('1.31'), runner: lib.UpgradeRunner.lambda() }));
  });
  jest.dontMock('fs');
  expect(message).toBe(`stack/Prod: the Lambda handler bundle is missing at ${entry}: in a source checkout run \`npx projen bundle\`; otherwise reinstall ${PACKAGE_NAME}`);
});

/**
 * One app upgrading clusters in several accounts: runners that assume a role (or use a profile, an endpoint, another
 * provider) reach different clusters even when the clusters share a name, so the one-upgrade-per-cluster check keys on
 * the identity as well as the name and region.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { errorOf, onlyResource, runnerSpec, synth } from './helpers';
import { ClusterUpgrade, KubernetesVersion, Reconcile, UpgradeRunner } from '../../src';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

const k131 = KubernetesVersion.of('1.31');
const STAGING = 'arn:aws:iam::111111111111:role/eks-upgrade';
const PROD = 'arn:aws:iam::222222222222:role/eks-upgrade';

describe('assumeRoleArn', () => {
  test('the role, external id and session name reach the spec the handler parses', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'main',
        version: k131,
        runner: UpgradeRunner.local({ assumeRoleArn: PROD, assumeRoleExternalId: 'prod-upgrades', assumeRoleSessionName: 'eks-upgrade-main' }),
      });
    });
    expect(parseSpec(runnerSpec(out)).assumeRole).toEqual({ roleArn: PROD, externalId: 'prod-upgrades', sessionName: 'eks-upgrade-main' });
  });

  test('without one the spec names no role', () => {
    const out = synth((scope) => new ClusterUpgrade(scope, 'Prod', { clusterName: 'main', version: k131 }));
    expect(runnerSpec(out)).not.toHaveProperty('assumeRole');
  });

  test.each([
    ['a user ARN', { assumeRoleArn: 'arn:aws:iam::111111111111:user/ops' }, /^UpgradeRunner: assumeRoleArn 'arn:aws:iam::111111111111:user\/ops' is not an IAM role ARN/],
    ['an external id without a role', { assumeRoleExternalId: 'x1' }, /^UpgradeRunner: assumeRoleExternalId is given without assumeRoleArn: add the role to assume, or remove it$/],
    ['a session name with a space', { assumeRoleArn: PROD, assumeRoleSessionName: 'eks upgrade' }, /^UpgradeRunner: assumeRoleSessionName 'eks upgrade' is not a session name STS accepts/],
    ['an external id of one character', { assumeRoleArn: PROD, assumeRoleExternalId: 'x' }, /^UpgradeRunner: assumeRoleExternalId is not an external ID STS accepts/],
  ])('refused at synth: %s', (_name, options, message) => {
    expect(errorOf(() => UpgradeRunner.local(options))).toMatch(message);
    expect(errorOf(() => UpgradeRunner.lambda(options))).toMatch(message);
  });

  test('an external id and a session name without a role: each is named, so one fix settles both', () => {
    expect(errorOf(() => UpgradeRunner.local({ assumeRoleExternalId: 'x1', assumeRoleSessionName: 'eks-upgrade-main' })).split('\n')).toEqual([
      'UpgradeRunner: assumeRoleExternalId is given without assumeRoleArn: add the role to assume, or remove it',
      'UpgradeRunner: assumeRoleSessionName is given without assumeRoleArn: add the role to assume, or remove it',
    ]);
  });

  test('the Lambda runner\'s own role may only assume that role and write its log; the EKS permissions belong to the assumed role', () => {
    const out = Testing.synthScope((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'main', version: k131, nodegroups: [{ name: 'general' }], runner: UpgradeRunner.lambda({ assumeRoleArn: PROD }) });
    });
    const doc = onlyResource(JSON.stringify({ resource: JSON.parse(out).data }), 'aws_iam_policy_document');
    expect(doc.statement.map((s: any) => [s.sid, s.actions, s.resources])).toEqual([
      ['AssumeUpgradeRole', ['sts:AssumeRole'], [PROD]],
      ['OwnLogGroup', ['logs:CreateLogStream', 'logs:PutLogEvents'], [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:\*$/)]],
    ]);
    expect(JSON.parse(out).data).not.toHaveProperty('aws_caller_identity');
  });
});

describe('one upgrade per cluster and identity', () => {
  function twoStacks(staging: () => UpgradeRunner, prod: () => UpgradeRunner): () => void {
    return () => {
      const app = Testing.app();
      for (const [name, runner] of [['staging', staging], ['prod', prod]] as const) {
        const stack = new TerraformStack(app, name);
        new ClusterUpgrade(stack, 'Main', { clusterName: 'main', region: 'eu-west-1', version: k131, runner: runner() });
      }
    };
  }

  test.each<[string, () => UpgradeRunner, () => UpgradeRunner]>([
    ['two assumed roles', () => UpgradeRunner.local({ assumeRoleArn: STAGING }), () => UpgradeRunner.local({ assumeRoleArn: PROD })],
    ['two profiles', () => UpgradeRunner.local({ environment: { AWS_PROFILE: 'staging' } }), () => UpgradeRunner.local({ environment: { AWS_PROFILE: 'prod' } })],
    ['two EKS endpoints', () => UpgradeRunner.local({ environment: { AWS_ENDPOINT_URL_EKS: 'http://127.0.0.1:4510' } }), () => UpgradeRunner.local()],
    ['two Lambda runners, each under its stack\'s provider', () => UpgradeRunner.lambda(), () => UpgradeRunner.lambda()],
  ])('staging and prod stacks upgrading a cluster named main through %s synthesize', (_name, staging, prod) => {
    expect(twoStacks(staging, prod)).not.toThrow();
  });

  test('the same cluster through the same identity is still refused, in another stack too, naming the identity and the fix', () => {
    const message = errorOf(twoStacks(() => UpgradeRunner.local({ assumeRoleArn: PROD }), () => UpgradeRunner.local({ assumeRoleArn: PROD })));
    expect(message).toBe(`prod/Main: clusterName: 'main' in eu-west-1 is already upgraded by staging/Main through the same identity (assumed role ${PROD}, the default EKS endpoint): two upgrades of one cluster would race; use one ClusterUpgrade per cluster and add targets to it. If the two are clusters of different accounts, give each runner its own identity: assumeRoleArn, AWS_PROFILE in its environment, or, for the Lambda runner, its provider`);
  });

  test.each<[string, () => UpgradeRunner, () => UpgradeRunner]>([
    ['the same role signed for by two profiles', () => UpgradeRunner.local({ assumeRoleArn: PROD, environment: { AWS_PROFILE: 'staging' } }), () => UpgradeRunner.local({ assumeRoleArn: PROD, environment: { AWS_PROFILE: 'prod' } })],
    ['the same role from two Lambda runners in two accounts', () => UpgradeRunner.lambda({ assumeRoleArn: PROD }), () => UpgradeRunner.lambda({ assumeRoleArn: PROD })],
    ['the same role from a local and a Lambda runner', () => UpgradeRunner.local({ assumeRoleArn: PROD }), () => UpgradeRunner.lambda({ assumeRoleArn: PROD })],
  ])('an assumed role decides the account: %s is one identity, refused', (_name, staging, prod) => {
    expect(errorOf(twoStacks(staging, prod))).toMatch(new RegExp(`already upgraded by staging/Main through the same identity \\(assumed role ${PROD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, the default EKS endpoint\\)`));
  });

  test('the Lambda runner given its stack\'s default provider and one left to it are the same identity', () => {
    expect(errorOf(() => {
      const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'stack');
      const provider = new AwsProvider(stack, 'default', { region: 'eu-west-1' });
      new ClusterUpgrade(stack, 'Given', { clusterName: 'main', version: k131, runner: UpgradeRunner.lambda({ provider }) });
      new ClusterUpgrade(stack, 'Left', { clusterName: 'main', version: k131, runner: UpgradeRunner.lambda() });
    })).toMatch(/^stack\/Left: clusterName: 'main' is already upgraded by stack\/Given through the same identity \(the default AWS provider of stack stack\)/);
  });

  test('a profile passed through from Terraform\'s environment is the same for both stacks, so it does not tell them apart', () => {
    const passed = () => UpgradeRunner.local({ passEnvironment: ['AWS_PROFILE'] });
    expect(errorOf(twoStacks(passed, passed))).toMatch(/already upgraded by staging\/Main through the same identity/);
  });

  test('two Lambda runners in one stack: their providers tell them apart, the default provider twice does not', () => {
    const lambdas = (aliases: Array<string | undefined>) => () => {
      const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'stack');
      new AwsProvider(stack, 'default', { region: 'eu-west-1' });
      aliases.forEach((alias, i) => {
        const provider = alias === undefined ? undefined : new AwsProvider(stack, alias, { region: 'eu-west-1', alias });
        new ClusterUpgrade(stack, `Main${i}`, { clusterName: 'main', version: k131, runner: UpgradeRunner.lambda({ provider }) });
      });
    };
    expect(lambdas([undefined, 'prod'])).not.toThrow();
    expect(errorOf(lambdas([undefined, undefined]))).toMatch(/^stack\/Main1: clusterName: 'main' is already upgraded by stack\/Main0 through the same identity \(the default AWS provider of stack stack\)/);
  });

  test('two CodeBuild runners in one stack: their providers or assumed roles tell them apart, the default provider twice does not', () => {
    const builds = (runners: Array<(prod: AwsProvider) => UpgradeRunner>) => () => {
      const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'stack');
      new AwsProvider(stack, 'default', { region: 'eu-west-1' });
      const prod = new AwsProvider(stack, 'prod', { region: 'eu-west-1', alias: 'prod' });
      runners.forEach((runner, i) => new ClusterUpgrade(stack, `Main${i}`, { clusterName: 'main', version: k131, runner: runner(prod) }));
    };
    const plain = () => UpgradeRunner.codeBuild();
    const aliased = (prod: AwsProvider) => UpgradeRunner.codeBuild({ provider: prod });
    const assuming = () => UpgradeRunner.codeBuild({ assumeRoleArn: PROD });
    expect(builds([plain, aliased])).not.toThrow();
    expect(builds([plain, assuming])).not.toThrow();
    expect(errorOf(builds([plain, plain]))).toMatch(/^stack\/Main1: clusterName: 'main' is already upgraded by stack\/Main0 through the same identity \(the default AWS provider of stack stack\)/);
    expect(errorOf(builds([assuming, assuming]))).toMatch(/^stack\/Main1: clusterName: 'main' is already upgraded by stack\/Main0 through the same identity \(assumed role arn:aws:iam::222222222222:role\/eks-upgrade, the default EKS endpoint\)/);
  });

  test('the Lambda runner creates every resource with the provider it is given', () => {
    const out = Testing.synthScope((scope) => {
      new AwsProvider(scope, 'default', { region: 'eu-west-1' });
      const prod = new AwsProvider(scope, 'prod', { region: 'eu-west-1', alias: 'prod' });
      new ClusterUpgrade(scope, 'Main', { clusterName: 'main', version: k131, runner: UpgradeRunner.lambda({ provider: prod, reconcile: Reconcile.ON_CHANGE }) });
    });
    const parsed = JSON.parse(out);
    const blocks = [...Object.values<any>(parsed.resource), ...Object.values<any>(parsed.data)].flatMap((byId) => Object.values<any>(byId));
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const block of blocks) expect(block.provider).toBe('aws.prod');
  });
});

/**
 * docs/iam.md lists the IAM actions the local runner needs and an example policy. Both are rendered here from
 * localRunnerPolicyStatements, the source of the Lambda runner's role, so the doc cannot drift from what the engine
 * is allowed to call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { ClusterUpgrade, KubernetesVersion, UpgradeRunner } from '../../src';
import { codeBuildRunnerStatements, localRunnerPolicyStatements, runnerPolicyStatements } from '../../src/constructs/lambda-runner-policy';

const DOC = join(__dirname, '..', '..', 'docs', 'iam.md');

/** The example docs/iam.md shows: every optional statement present (node groups, add-ons, an add-on role). */
const EXAMPLE_SPEC = {
  clusterName: 'my-cluster',
  nodegroups: [{ name: 'general' }],
  addons: [{ name: 'vpc-cni', serviceAccountRoleArn: 'arn:aws:iam::111122223333:role/vpc-cni' }, { name: 'coredns' }],
};
const EXAMPLE_SCOPE = { partition: 'aws', region: 'us-east-1', account: '111122223333' };

function renderActions(): string[] {
  return [...new Set(localRunnerPolicyStatements(EXAMPLE_SPEC, EXAMPLE_SCOPE).flatMap((s) => s.actions))].sort();
}

/** `plan` only reads: Describe, List and Get. */
function renderPlanActions(): string[] {
  return renderActions().filter((a) => /^[a-z]+:(Describe|List|Get)/.test(a));
}

function renderPolicy(): unknown {
  return {
    Version: '2012-10-17',
    Statement: localRunnerPolicyStatements(EXAMPLE_SPEC, EXAMPLE_SCOPE).map((s) => ({ Sid: s.sid, Effect: s.effect, Action: s.actions, Resource: s.resources })),
  };
}

/** The fenced block that follows `<!-- name -->` in the doc. */
function fencedBlock(doc: string, name: string): string {
  const match = new RegExp(`<!-- ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/iam.md: no fenced block after <!-- ${name} -->`);
  return match[1];
}

const lines = (block: string) => block.split('\n').map((l) => l.trim()).filter((l) => l !== '');

describe('docs/iam.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  test('lists exactly the actions the local runner calls', () => {
    expect(lines(fencedBlock(doc, 'local-runner-actions'))).toEqual(renderActions());
  });

  test('lists exactly the read-only actions `plan` calls', () => {
    expect(lines(fencedBlock(doc, 'plan-actions'))).toEqual(renderPlanActions());
  });

  test('shows the example policy the same source renders', () => {
    expect(JSON.parse(fencedBlock(doc, 'example-policy'))).toEqual(renderPolicy());
  });

  test('shows what the CodeBuild runner\'s role allows beyond the local runner\'s statements, as its source renders it', () => {
    const local = new Set(localRunnerPolicyStatements(EXAMPLE_SPEC, EXAMPLE_SCOPE).map((s) => s.sid));
    const extra = codeBuildRunnerStatements(EXAMPLE_SPEC, {
      ...EXAMPLE_SCOPE,
      logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/codebuild/eks-upgrade-Prod-0123abcd',
      sourceObjectArn: 'arn:aws:s3:::eks-upgrade-20261206-example/eks-upgrade/0123456789ABCDEF0123456789ABCDEF.zip',
    }).filter((s) => !local.has(s.sid));
    expect(JSON.parse(fencedBlock(doc, 'codebuild-runner-extra'))).toEqual(extra.map((s) => ({ Sid: s.sid, Effect: s.effect, Action: s.actions, Resource: s.resources })));
  });
});

describe('the local runner\'s statements', () => {
  test('are the Lambda runner\'s without its own log group', () => {
    const lambda = runnerPolicyStatements(EXAMPLE_SPEC, { ...EXAMPLE_SCOPE, logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x' });
    // Which statements are the log group's is read from their actions, not from LAMBDA_ONLY_STATEMENTS, which
    // localRunnerPolicyStatements itself filters by: comparing with that list would only restate the implementation.
    expect(localRunnerPolicyStatements(EXAMPLE_SPEC, EXAMPLE_SCOPE)).toEqual(lambda.filter((s) => !s.actions.every((a) => a.startsWith('logs:'))));
    expect(renderActions().some((a) => a.startsWith('logs:'))).toBe(false);
  });

  test('the parser finds a block and reports a missing one by name', () => {
    expect(fencedBlock('<!-- x -->\n```text\na\nb\n```\n', 'x')).toBe('a\nb\n');
    expect(() => fencedBlock('nothing', 'x')).toThrow(/no fenced block after <!-- x -->/);
  });
});

describe('docs/iam.md: the Lambda runner in another account', () => {
  const doc = readFileSync(DOC, 'utf8');
  /** The runner options the doc's example passes, read from its `key: 'value'` lines. */
  const options = Object.fromEntries([...fencedBlock(doc, 'lambda-cross-account-runner').matchAll(/(\w+): '([^']*)'/g)].map((m) => [m[1], m[2]]));
  const FUNCTION_ACCOUNT = '111111111111';

  /** The function's role and its policy document, as synth writes them for these runner options. */
  function synthRole(runnerOptions: Record<string, string>): { role: any; statements: any[]; spec: any } {
    const out = JSON.parse(Testing.synthScope((scope) => {
      new AwsProvider(scope, 'aws', { region: 'us-east-1' });
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.lambda(runnerOptions) });
    }));
    const [role] = Object.values<any>(out.resource.aws_iam_role);
    const [document] = Object.values<any>(out.data.aws_iam_policy_document);
    const [spec] = Object.values<any>(out.locals);
    return { role, statements: document.statement, spec };
  }

  test('the example names a role, an assumed role and an external ID', () => {
    expect(Object.keys(options).sort()).toEqual(['assumeRoleArn', 'assumeRoleExternalId', 'roleName']);
  });

  test('the trust policy names the role synth creates, and the external ID the handler sends', () => {
    const { role, statements, spec } = synthRole(options);
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' } })]);
    expect(statements.find((s) => s.actions.includes('sts:AssumeRole')).resources).toEqual([options.assumeRoleArn]);
    expect(JSON.parse(fencedBlock(doc, 'lambda-trust-policy'))).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${FUNCTION_ACCOUNT}:role/${role.name}` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': spec.assumeRole.externalId } },
      }],
    });
  });

  test('without roleName, the trust policy matches the prefix synth gives the generated name', () => {
    const { roleName, ...rest } = options;
    const { role, spec } = synthRole(rest);
    expect(role.name).toBeUndefined();
    expect(JSON.parse(fencedBlock(doc, 'lambda-trust-policy-generated'))).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${FUNCTION_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${FUNCTION_ACCOUNT}:role/${role.name_prefix}*` },
          StringEquals: { 'sts:ExternalId': spec.assumeRole.externalId },
        },
      }],
    });
  });
});

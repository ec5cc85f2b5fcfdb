/** A runner's fixed environment lands in cdk.tf.json and the plan, so credentials in it are refused at synth. */
import { Testing } from 'cdktf';
import { errorOf } from './helpers';
import { ClusterUpgrade, KubernetesVersion, UpgradeRunner } from '../../src';

function withEnvironment(environment: Record<string, string>) {
  return () => Testing.synthScope((scope) => {
    new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.local({ environment }) });
  });
}

const FIX = "remove it and give the handler credentials another way: list the name in passEnvironment so the value comes from Terraform's own environment and never enters the configuration, set AWS_PROFILE to a configured profile, or use the runner's assumeRoleArn";

test.each([
  ['AWS_SECRET_ACCESS_KEY', 'simulated', 'is an AWS credential'],
  ['AWS_SESSION_TOKEN', 'x', 'is an AWS credential'],
  ['GITHUB_TOKEN', 'x', 'is named like a secret'],
  ['DB_PASSWORD', 'x', 'is named like a secret'],
  ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE', 'holds what looks like an AWS access key id'],
  ['SOME_VALUE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'holds what looks like an AWS secret access key'],
  ['TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'holds a private key'],
  ['PAIR', 'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'holds what looks like an AWS access key id'],
  ['PADDED', ' wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ', 'holds what looks like an AWS secret access key'],
  ['EKS_UPGRADE_API_TOKEN', 'x', 'is named like a secret'],
])('%s is refused (%s): named, with the fix', (name, value, why) => {
  expect(errorOf(withEnvironment({ [name]: value }))).toBe(`stack/Prod: runner environment: ${name} ${why}, and the environment is written into cdk.tf.json and Terraform's plan: ${FIX}`);
});

test('every credential is named at once, one line each', () => {
  const lines = errorOf(withEnvironment({ AWS_SECRET_ACCESS_KEY: 'a', AWS_SESSION_TOKEN: 'b', AWS_PROFILE: 'prod' })).split('\n');
  expect(lines.map((l) => l.split(' ')[3])).toEqual(['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
});

test.each([
  ['a profile, endpoints and the time scale', { AWS_PROFILE: 'prod', AWS_ENDPOINT_URL_EKS: 'http://127.0.0.1:4510', EKS_UPGRADE_TIME_SCALE: '0.01', AWS_REGION: 'eu-west-1' }],
  ['a git commit hash', { RELEASE: '3f786850e387550fdab836ed7e6dc881de23001b' }],
  ['a dummy access key id', { AWS_ACCESS_KEY_ID: 'simulated' }],
  ['paths to credential files', { AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/credentials', AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }],
])('%s pass', (_name, environment) => {
  expect(withEnvironment(environment)).not.toThrow();
});

test('a credential passed through from Terraform\'s environment by name is fine: its value never enters the configuration', () => {
  const out = Testing.synthScope((scope) => {
    new ClusterUpgrade(scope, 'Prod', {
      clusterName: 'prod',
      version: KubernetesVersion.of('1.31'),
      runner: UpgradeRunner.local({ passEnvironment: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] }),
    });
  });
  expect(out).toContain('"EKS_UPGRADE_PASS_ENV": "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN"');
});

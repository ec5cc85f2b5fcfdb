/** Reconcile.EVERY_APPLY: the runner's trigger changes at every apply, so the handler runs and corrects drift. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { errorOf, onlyResource, synth } from './helpers';
import { ClusterUpgrade, KubernetesVersion, Reconcile, UpgradeRunner } from '../../src';

const DIGEST = /^\$\{sha256\(jsonencode\(local\.Prod(_LambdaRunner)?_Spec_[0-9A-F]{8}\)\)\}$/;

function localRunner(reconcile?: Reconcile): any {
  const out = synth((scope) => {
    new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.local({ reconcile }) });
  });
  return onlyResource(out, 'terraform_data');
}

function lambdaInvocation(reconcile?: Reconcile): any {
  const out = Testing.synthScope((scope) => {
    new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
    new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), runner: UpgradeRunner.lambda({ reconcile }) });
  });
  return onlyResource(out, 'aws_lambda_invocation');
}

test('by default (ON_CHANGE) only the spec\'s digest triggers the handler', () => {
  expect(localRunner().triggers_replace).toEqual({ spec: expect.stringMatching(DIGEST) });
  expect(localRunner(Reconcile.ON_CHANGE).triggers_replace).toEqual({ spec: expect.stringMatching(DIGEST) });
  expect(lambdaInvocation().triggers).toEqual({ spec: expect.stringMatching(DIGEST) });
});

test('EVERY_APPLY adds the apply\'s time, which Terraform knows only at apply, so every plan replaces the runner', () => {
  expect(localRunner(Reconcile.EVERY_APPLY).triggers_replace).toEqual({ spec: expect.stringMatching(DIGEST), every_apply: '${timestamp()}' });
  expect(lambdaInvocation(Reconcile.EVERY_APPLY).triggers).toEqual({ spec: expect.stringMatching(DIGEST), every_apply: '${timestamp()}' });
});

test('the runner reports its setting', () => {
  expect(UpgradeRunner.local().reconcile).toBe(Reconcile.ON_CHANGE);
  expect(UpgradeRunner.lambda({ reconcile: Reconcile.EVERY_APPLY }).reconcile).toBe(Reconcile.EVERY_APPLY);
});

test('a value that is not a Reconcile (from an untyped caller) is refused, naming the two', () => {
  expect(errorOf(() => UpgradeRunner.local({ reconcile: 'ALWAYS' as Reconcile }))).toBe('UpgradeRunner: reconcile "ALWAYS" is not one of Reconcile.ON_CHANGE, Reconcile.EVERY_APPLY');
});

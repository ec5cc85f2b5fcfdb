/**
 * Drift made outside Terraform, through the AWS CLI, and undone by the next `terraform apply` under
 * Reconcile.EVERY_APPLY, with the real terraform binary, the bundled handler and the simulator. The handler assumes a
 * role, and the simulator's call log proves that role made every EKS change.
 */
import { join } from 'node:path';
import { e2eFixture, SCALE, until } from './e2e-fixture';
import { synthDemo } from '../../examples/demo/main';
import { awsCliUnavailable, run, terraformUnavailable } from '../../scripts/rehearsal';
import { Reconcile } from '../../src';

const ROLE = 'arn:aws:iam::111122223333:role/eks-upgrade';
const ASSUMED = 'arn:aws:sts::111122223333:assumed-role/eks-upgrade/eks-upgrade-demo';
// `.ci/run` installs the AWS CLI; without it (or terraform) the suite skips, and the e2e banner says so.
const why = terraformUnavailable() ?? awsCliUnavailable();
const suite = why === undefined ? describe : describe.skip;

const e2e = e2eFixture('eks-upgrade-drift-', { AWS_PAGER: '' });
const { terraform, mutating } = e2e;
const general = () => e2e.sim.simulator.state().clusters.find((c) => c.name === 'demo')!.nodegroups!.find((n) => n.name === 'general')!;
const kubeProxy = () => e2e.sim.simulator.state().clusters.find((c) => c.name === 'demo')!.addons!.find((a) => a.name === 'kube-proxy')!;

/** What an operator does by hand: an AWS CLI call to the same endpoint, outside Terraform (asynchronous: the simulator serves from this process). */
async function awsCli(...args: string[]): Promise<void> {
  const r = await run('aws', ['eks', ...args, '--endpoint-url', e2e.sim.url, '--region', 'us-east-1', '--output', 'json'], { cwd: e2e.work, env: e2e.env() });
  if (r.code !== 0) throw new Error(`aws eks ${args.join(' ')} failed: ${r.output}`);
}

async function stackAt(reconcile: Reconcile): Promise<string> {
  const dir = synthDemo(join(e2e.work, 'cdktf.out'), { version: '1.29', reconcile, assumeRoleArn: ROLE, environment: { EKS_UPGRADE_TIME_SCALE: SCALE } });
  expect((await terraform(dir, 'init')).output).toMatch(/Terraform has been successfully initialized/);
  const first = await terraform(dir, 'apply', '-auto-approve');
  expect(first.output).toMatch(/Summary for cluster demo: converged/);
  return dir;
}

/** Two changes made by hand: node group general's maxUnavailable (2 → 1) and kube-proxy one build back. */
async function driftByHand(): Promise<void> {
  await awsCli('update-nodegroup-config', '--cluster-name', 'demo', '--nodegroup-name', 'general', '--update-config', 'maxUnavailable=1');
  await awsCli('update-addon', '--cluster-name', 'demo', '--addon-name', 'kube-proxy', '--addon-version', 'v1.28.6-eksbuild.2');
  // A finished update shows in the resource itself; the add-on reads ACTIVE throughout.
  await until(() => general().status === 'ACTIVE' && general().updateConfig?.maxUnavailable === 1 && kubeProxy().version === 'v1.28.6-eksbuild.2', 'the hand-made updates to finish');
}

suite('drift made outside Terraform', () => {
  test('Reconcile.EVERY_APPLY: the next apply undoes it, through the assumed role; with no drift an apply only reads', async () => {
    const dir = await stackAt(Reconcile.EVERY_APPLY);
    expect(general().updateConfig).toMatchObject({ maxUnavailable: 2 });
    const wanted = kubeProxy().version;

    e2e.sim.simulator.clearCalls();
    const quiet = await terraform(dir, 'apply', '-auto-approve');
    expect(quiet.code).toBe(0);
    expect(quiet.output).toMatch(/must be replaced/);
    expect(quiet.output).toMatch(/no updates were needed/);
    expect(mutating()).toEqual([]);

    await driftByHand();
    e2e.sim.simulator.clearCalls();
    const corrected = await terraform(dir, 'apply', '-auto-approve');
    expect(corrected.code).toBe(0);
    expect(general().updateConfig).toMatchObject({ maxUnavailable: 2 });
    expect(kubeProxy().version).toBe(wanted);
    expect(mutating().map((c) => `${c.operation} ${c.resource} ${c.identity}`).sort()).toEqual([
      `UpdateAddon addon/demo/kube-proxy ${ASSUMED}`,
      `UpdateNodegroupConfig nodegroup/demo/general ${ASSUMED}`,
    ]);
    expect(e2e.sim.simulator.calls().filter((c) => c.operation !== 'AssumeRole' && c.identity !== ASSUMED)).toEqual([]);
  });

  test('Reconcile.ON_CHANGE (the default): the apply sees no change and leaves the drift', async () => {
    const dir = await stackAt(Reconcile.ON_CHANGE);
    await driftByHand();
    e2e.sim.simulator.clearCalls();
    const again = await terraform(dir, 'apply', '-auto-approve');
    expect(again.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(e2e.sim.simulator.calls()).toEqual([]);
    expect(general().updateConfig).toMatchObject({ maxUnavailable: 1 });
  });
});

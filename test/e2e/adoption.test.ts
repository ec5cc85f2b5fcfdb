/**
 * Adoption through real terraform and the real hashicorp/aws provider (from the local mirror, see
 * aws-provider-mirror.ts): the simulator's demo cluster, node groups and add-ons are imported into provider resources,
 * a ClusterUpgrade adopts them and takes the cluster two minors up in the same apply, and the next plan is empty.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthAdoptedDemo } from './adopted-demo';
import { awsProviderMirrorUnavailable, writeMirrorCliConfig } from './aws-provider-mirror';
import { e2eFixture, SCALE } from './e2e-fixture';

// Without terraform or the mirror the suite skips itself, and scripts/jest-e2e-banner.ts says so after jest's summary.
const suite = awsProviderMirrorUnavailable() === undefined ? describe : describe.skip;

const cliConfigDir = mkdtempSync(join(tmpdir(), 'eks-upgrade-tfrc-'));
afterAll(() => rmSync(cliConfigDir, { recursive: true, force: true }));
const e2e = e2eFixture('eks-upgrade-adoption-', { TF_CLI_CONFIG_FILE: writeMirrorCliConfig(cliConfigDir) });

/** Each terraform command loads the AWS provider (seconds on its own); three of them, on a shared machine. */
const TERRAFORM_WITH_AWS_PROVIDER_MS = 180_000;

suite('adoption through the real AWS provider', () => {
  test('import the demo cluster, adopt it, upgrade 1.29 → 1.31 in one apply; the next plan has no changes', async () => {
    const dir = synthAdoptedDemo(join(e2e.work, 'cdktf.out'), { endpoint: e2e.sim.url, version: '1.31', timeScale: SCALE });
    const init = await e2e.terraform(dir, 'init');
    expect(init.output).toMatch(/Installing hashicorp\/aws v5\.100\.0/);
    expect(init.output).toMatch(/Terraform has been successfully initialized/);

    const apply = await e2e.terraform(dir, 'apply', '-auto-approve');
    expect(apply.output).toMatch(/Apply complete! Resources: 6 imported, 1 added, 0 changed, 0 destroyed\./);
    expect(apply.output).toMatch(/Summary for cluster demo: converged/);
    const cluster = e2e.sim.simulator.state().clusters[0];
    expect(cluster.version).toBe('1.31');
    expect(cluster.nodegroups!.map((n) => n.version)).toEqual(['1.31', '1.31']);
    expect(e2e.sim.simulator.calls().filter((c) => c.mutating && c.status >= 400)).toEqual([]);

    e2e.sim.simulator.clearCalls();
    const plan = await e2e.terraform(dir, 'plan', '-detailed-exitcode');
    expect(plan.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(plan.code).toBe(0);
    expect(e2e.mutating()).toEqual([]);

    // The provider's `version` stays as written: dead configuration Terraform no longer acts on (docs/adoption.md).
    const config = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
    expect(config.resource.aws_eks_cluster.Cluster.version).toBe('1.29');
    expect(config.resource.aws_eks_cluster.Cluster.lifecycle).toEqual({ ignore_changes: ['version'] });
    expect(config.resource.aws_eks_node_group.General.version).toBe('1.29');
  }, TERRAFORM_WITH_AWS_PROVIDER_MS);
});

/**
 * The EKS workshop's "Upgrading AMIs" path through real terraform and the real hashicorp/aws provider (from the local
 * mirror, see aws-provider-mirror.ts), in one apply: NodeAmi reads the recommended AMI for the next Kubernetes minor
 * from SSM, NodeLaunchTemplate writes it into a new version of the node group's launch template (aws_launch_template,
 * served by the simulator's EC2), and the ClusterUpgrade moves the control plane and rolls the node group to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { awsProviderMirrorUnavailable, simulatedAwsProvider, writeMirrorCliConfig } from './aws-provider-mirror';
import { e2eFixture, SCALE } from './e2e-fixture';
import { AddonVersion, ClusterUpgrade, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs, UpgradeRunner } from '../../src';
import { defaultSeed } from '../../src/simulator';

// Without terraform or the mirror the suite skips itself, and scripts/jest-e2e-banner.ts says so after jest's summary.
const suite = awsProviderMirrorUnavailable() === undefined ? describe : describe.skip;

const cliConfigDir = mkdtempSync(join(tmpdir(), 'eks-upgrade-tfrc-'));
afterAll(() => rmSync(cliConfigDir, { recursive: true, force: true }));
const e2e = e2eFixture('eks-upgrade-ami-', { TF_CLI_CONFIG_FILE: writeMirrorCliConfig(cliConfigDir) });

/** The seed's custom-AMI node group (cluster `legacy`) runs launch template `demo-custom-lt`, version 1. */
const TEMPLATE_ID = 'lt-0123456789abcdef0';
const AMI_PARAMETER = '/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id';
const NEW_AMI = 'ami-0fedcba9876543210';
const USER_DATA = 'MIME-Version: 1.0\n--//\nContent-Type: application/node.eks.aws\n\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n--//--\n';

/** The app: the node group's existing launch template imported into a NodeLaunchTemplate that follows the 1.30 AMI. */
function synthAmiStack(outdir: string): string {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ami');
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  simulatedAwsProvider(stack, e2e.sim.url);
  const template = new NodeLaunchTemplate(stack, 'Custom', {
    ami: NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.30'), os: NodeOs.AL2023 }),
    launchTemplate: { name: 'demo-custom-lt', userData: USER_DATA },
  });
  template.resource.importFrom(TEMPLATE_ID);
  new ClusterUpgrade(stack, 'Legacy', {
    clusterName: 'legacy',
    region: 'us-east-1',
    version: KubernetesVersion.of('1.30'),
    nodegroups: [{ name: 'custom', launchTemplate: template.forNodegroup() }],
    // Installed add-ons move with the control plane (an untargeted one left incompatible is refused).
    addons: ['vpc-cni', 'coredns', 'kube-proxy'].map((name) => ({ name, version: AddonVersion.clusterDefault() })),
    runner: UpgradeRunner.local({
      environment: { EKS_UPGRADE_TIME_SCALE: SCALE },
      passEnvironment: ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_EC2', 'AWS_REGION'],
    }),
  });
  app.synth();
  return join(outdir, 'stacks', 'ami');
}

/** Each terraform command loads the AWS provider (seconds on its own); three of them, on a shared machine. */
const TERRAFORM_WITH_AWS_PROVIDER_MS = 180_000;

suite('the AMI path through the real AWS provider', () => {
  test('SSM AMI → new launch template version → control plane 1.30 and the node group rolled to it, in one apply', async () => {
    const seed = defaultSeed();
    e2e.sim.simulator.seed({ ...seed, ssmParameters: { ...seed.ssmParameters, [AMI_PARAMETER]: NEW_AMI } });
    const dir = synthAmiStack(join(e2e.work, 'cdktf.out'));
    expect((await e2e.terraform(dir, 'init')).output).toMatch(/Terraform has been successfully initialized/);

    const apply = await e2e.terraform(dir, 'apply', '-auto-approve');
    expect(apply.output).toMatch(/Apply complete! Resources: 1 imported, 1 added, 1 changed, 0 destroyed\./);
    expect(apply.output).toMatch(/Summary for cluster legacy: converged/);

    const template = e2e.sim.simulator.launchTemplates().find((t) => t.id === TEMPLATE_ID)!;
    expect(template.versions.map((v) => v.versionNumber)).toEqual([1, 2]);
    expect(template.defaultVersion).toBe(2);
    expect(template.versions[1].data).toMatchObject({ ImageId: NEW_AMI, UserData: Buffer.from(USER_DATA).toString('base64') });
    const cluster = e2e.sim.simulator.state().clusters.find((c) => c.name === 'legacy')!;
    expect(cluster.version).toBe('1.30');
    expect(cluster.nodegroups!.find((n) => n.name === 'custom')).toMatchObject({ version: '1.30', launchTemplate: { id: TEMPLATE_ID, version: '2' } });

    const calls = e2e.sim.simulator.calls();
    expect(calls.filter((c) => c.operation === 'GetParameter').map((c) => c.resource)).toContain(`parameter${AMI_PARAMETER}`);
    // EC2-LT-VERSIONS: the provider makes the new version the default before the handler moves the control plane, then rolls the node
    // group to that version.
    expect(calls.filter((c) => c.mutating && c.operation !== 'UpdateAddon').map((c) => `${c.operation} ${c.resource}`)).toEqual([
      `CreateLaunchTemplateVersion ${TEMPLATE_ID}`, `ModifyLaunchTemplate ${TEMPLATE_ID}`,
      'UpdateClusterVersion cluster/legacy', 'UpdateNodegroupVersion nodegroup/legacy/custom',
    ]);
    expect(calls.filter((c) => c.status >= 400)).toEqual([]);

    e2e.sim.simulator.clearCalls();
    const plan = await e2e.terraform(dir, 'plan', '-detailed-exitcode');
    expect(plan.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(plan.code).toBe(0);
    expect(e2e.mutating()).toEqual([]);
  }, TERRAFORM_WITH_AWS_PROVIDER_MS);
});

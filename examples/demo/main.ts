/**
 * The demo app: upgrade the simulator's `demo` cluster from 1.29 to 1.33 — control plane, add-ons and
 * node groups — with the local runner. It imports the library by its package name, as a user would.
 */
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AddonVersion, ClusterUpgrade, KubernetesVersion, Reconcile, ReleaseVersion, ResolveConflicts, UpgradeRunner,
} from 'cdktf-eks-upgrade';

export interface DemoStackOptions {
  /** Control-plane target. */
  readonly version?: string;
  /** vpc-cni target: "latest" or an exact version. */
  readonly vpcCniVersion?: string;
  /** Fixed environment for the handler, e.g. the time scale of a simulated rehearsal. */
  readonly environment?: { [key: string]: string };
  /** When the handler runs: on a spec change (the default) or at every apply, correcting drift. */
  readonly reconcile?: Reconcile;
  /** A role the handler assumes before any EKS call. */
  readonly assumeRoleArn?: string;
}

export class DemoStack extends TerraformStack {
  public readonly upgrade: ClusterUpgrade;

  constructor(scope: Construct, id: string, options: DemoStackOptions = {}) {
    super(scope, id);
    // State beside the stack, not in the directory synth ran from: each rehearsal starts clean.
    new LocalBackend(this, { path: 'terraform.tfstate' });
    const vpcCni = options.vpcCniVersion ?? 'latest';
    this.upgrade = new ClusterUpgrade(this, 'Demo', {
      clusterName: 'demo',
      region: 'us-east-1',
      version: KubernetesVersion.of(options.version ?? '1.33'),
      addons: [
        { name: 'vpc-cni', version: vpcCni === 'latest' ? AddonVersion.latest() : AddonVersion.of(vpcCni), resolveConflicts: ResolveConflicts.OVERWRITE },
        { name: 'coredns', version: AddonVersion.clusterDefault() },
        { name: 'kube-proxy', version: AddonVersion.latest() },
      ],
      nodegroups: [
        { name: 'general', releaseVersion: ReleaseVersion.latest(), updateConfig: { maxUnavailable: 2 } },
        { name: 'batch', launchTemplate: { name: 'demo-batch-lt', version: '2' } },
      ],
      policy: { maxConcurrentNodegroups: 2 },
      runner: UpgradeRunner.local({
        environment: options.environment,
        passEnvironment: ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_EC2', 'AWS_REGION'],
        reconcile: options.reconcile,
        assumeRoleArn: options.assumeRoleArn,
      }),
    });
  }
}

/**
 * Synthesizes the demo into `outdir` and returns the stack's Terraform working directory. `skipValidation` skips
 * cdktf's synth-time checks, one of which runs `terraform version`: for rehearsing the spec without terraform.
 */
export function synthDemo(outdir: string, options: DemoStackOptions = {}, skipValidation = false): string {
  const app = new App({ outdir, skipValidation });
  new DemoStack(app, 'demo', options);
  app.synth();
  return `${outdir}/stacks/demo`;
}

if (require.main === module) {
  const scale = process.env.EKS_UPGRADE_TIME_SCALE;
  synthDemo(process.env.CDKTF_OUTDIR ?? 'cdktf.out', scale ? { environment: { EKS_UPGRADE_TIME_SCALE: scale } } : {});
}

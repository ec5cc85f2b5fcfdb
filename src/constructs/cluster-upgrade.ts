import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import {
  DefaultTokenResolver, Lazy, StringConcat, TerraformResource, Token, Tokenization,
} from 'cdktf';
import { Construct } from 'constructs';
import { AddonTarget } from './addon-target';
import { KubernetesVersion } from './kubernetes-version';
import { NodegroupTarget } from './nodegroup-target';
import { adoptAddon, adoptCluster, adoptNodegroup, checkAdoption } from './private/adoption';
import { auditAdoption } from './private/adoption-audit';
import { checkAtSynth } from './private/at-synth';
import { checkTargets, findNodeLaunchTemplate } from './private/construct-checks';
import { ControlPlaneTargets, renderSpec } from './private/render-spec';
import { UpgradePolicy } from './upgrade-policy';
import { UpgradeRunner } from './upgrade-runner';
import { checkSpec, SpecProblem } from '../upgrade-spec/parse-spec';

/** Properties of a `ClusterUpgrade`. */
export interface ClusterUpgradeProps {
  /** The EKS cluster's name. */
  readonly clusterName: string;

  /**
   * The cluster's AWS region.
   *
   * @default - the AWS SDK's default region where the handler runs (AWS_REGION, the profile)
   */
  readonly region?: string;

  /** The Kubernetes minor the control plane should run, e.g. `KubernetesVersion.of('1.31')`. */
  readonly version: KubernetesVersion;

  /**
   * Upgrade the control plane even when upgrade insights report errors.
   *
   * @default false
   */
  readonly force?: boolean;

  /**
   * Allow moving the control plane one minor back (EKS runs it as a VersionRollback update). Without it a target
   * below the live version is an error.
   *
   * @default false
   */
  readonly allowRollback?: boolean;

  /**
   * The rollback's timeout in minutes (120–10080).
   *
   * @default 720
   */
  readonly rollbackTimeoutMinutes?: number;

  /**
   * The add-ons to keep on declared versions; more with `addAddon()`.
   *
   * @default - none
   */
  readonly addons?: AddonTarget[];

  /**
   * The managed node groups to keep on declared versions; more with `addNodegroup()`.
   *
   * @default - none
   */
  readonly nodegroups?: NodegroupTarget[];

  /**
   * How the upgrade proceeds.
   *
   * @default - fail on insight errors, 3 node groups at once, default timeouts
   */
  readonly policy?: UpgradePolicy;

  /**
   * Where the handler runs.
   *
   * @default UpgradeRunner.local()
   */
  readonly runner?: UpgradeRunner;

  /**
   * The `aws_eks_cluster` managing this cluster in the same app, if any (adoption).
   *
   * Its `version` is then ignored by Terraform (`lifecycle.ignore_changes`) so that Terraform never undoes the
   * upgrade, and the upgrade runs after the cluster exists. Its `name` must equal `clusterName`.
   *
   * At synth, an `aws_eks_cluster`, `aws_eks_node_group` or `aws_eks_addon` of this cluster in the same stack that a
   * target names but that is not adopted is refused (Terraform would undo every upgrade), and so is an adopted one
   * whose `lifecycle` no longer ignores the fields adoption added.
   *
   * @default - the cluster is not managed in this app
   */
  readonly cluster?: EksCluster;
}

/**
 * Keeps one EKS cluster on declared versions: the control plane, managed node groups and add-ons.
 *
 * At synth the targets are checked and rendered into an upgrade spec; the runner (by default a `terraform_data`
 * resource with a `local-exec` provisioner) hands the spec to the bundled handler at `terraform apply`, which steps the
 * control plane one minor at a time, keeps node groups and add-ons compatible on the way, and waits for every update.
 * Use one per cluster.
 */
export class ClusterUpgrade extends Construct {
  /** The EKS cluster's name. */
  public readonly clusterName: string;

  /** The cluster's AWS region, when given. */
  public readonly region?: string;

  /** The control-plane target. */
  public readonly version: KubernetesVersion;

  /** The Terraform resource whose creation or replacement runs the upgrade. */
  public readonly runnerResource: TerraformResource;

  private readonly controlPlane: ControlPlaneTargets;
  private readonly nodegroupTargets: NodegroupTarget[] = [];
  private readonly addonTargets: AddonTarget[] = [];
  private readonly adoptedCluster?: EksCluster;
  /** The runner's AWS identity and endpoint: with the name and region, what selects the cluster. */
  private readonly identity: string;

  constructor(scope: Construct, id: string, props: ClusterUpgradeProps) {
    super(scope, id);
    this.clusterName = props.clusterName;
    this.region = props.region;
    this.version = props.version;
    this.adoptedCluster = props.cluster;
    const runner = props.runner ?? UpgradeRunner.local();
    this.identity = runner.identity(this);
    this.controlPlane = {
      clusterName: props.clusterName,
      region: props.region,
      assumeRole: runner.assumeRole,
      version: props.version.version,
      force: props.force,
      allowRollback: props.allowRollback,
      rollbackTimeoutMinutes: props.rollbackTimeoutMinutes,
      policy: props.policy,
    };
    const nodegroups = props.nodegroups ?? [];
    const addons = props.addons ?? [];
    this.assertValid(addons, nodegroups, this.otherUpgradesOfCluster(props.region));

    this.runnerResource = runner.bind(this, { spec: Lazy.anyValue({ produce: () => this.renderSpec() }) }).resource;

    if (props.cluster) adoptCluster(props.cluster, this.runnerResource);
    nodegroups.forEach((n) => this.acceptNodegroup(n));
    addons.forEach((a) => this.acceptAddon(a));
    // At synth, after all user code: provider resources of this cluster left unadopted, or whose lifecycle was
    // replaced since, would make Terraform undo the upgrade.
    checkAtSynth(this, () => this.assertAdoptionKept());
  }

  /**
   * Adds a node-group target, checked like those given at construction (a name already targeted is an error).
   */
  public addNodegroup(target: NodegroupTarget): void {
    this.assertValid(this.addonTargets, [...this.nodegroupTargets, target]);
    this.acceptNodegroup(target);
  }

  /**
   * Adds an add-on target, checked like those given at construction (a name already targeted is an error).
   */
  public addAddon(target: AddonTarget): void {
    this.assertValid([...this.addonTargets, target], this.nodegroupTargets);
    this.acceptAddon(target);
  }

  /**
   * The upgrade spec the runner hands the handler, as a JSON object, rendered on each read (so it includes targets
   * added later). Values Terraform knows only at apply appear as Terraform expressions such as
   * `${aws_launch_template.lt.latest_version}`.
   */
  public get spec(): { [key: string]: any } {
    return Tokenization.resolve(this.renderSpec(), {
      scope: this,
      preparing: false,
      resolver: new DefaultTokenResolver(new StringConcat()),
    });
  }

  private renderSpec(): Record<string, any> {
    return renderSpec(this.controlPlane, this.addonTargets, this.nodegroupTargets);
  }

  private acceptNodegroup(target: NodegroupTarget): void {
    this.nodegroupTargets.push(target);
    if (target.nodegroup) adoptNodegroup(target, this.runnerResource);
  }

  private acceptAddon(target: AddonTarget): void {
    this.addonTargets.push(target);
    if (target.addon) adoptAddon(target, this.runnerResource);
  }

  /** Throws one error listing every problem of these targets, each naming the construct, the prop and the fix. */
  private assertValid(addons: AddonTarget[], nodegroups: NodegroupTarget[], extra: SpecProblem[] = []): void {
    const spec = renderSpec(this.controlPlane, addons, nodegroups);
    const problems: SpecProblem[] = [
      ...extra,
      ...checkSpec(spec, { isUnresolved: (v) => Token.isUnresolved(v) }).map(toPropNames),
      ...checkTargets(this.controlPlane, addons, nodegroups, (t) => findNodeLaunchTemplate(this, t)),
      ...checkAdoption(this.controlPlane.clusterName, this.adoptedCluster, addons, nodegroups),
    ];
    if (problems.length > 0) {
      throw new Error(problems.map((p) => `${this.node.path}: ${p.field}: ${p.message}`).join('\n'));
    }
  }

  private assertAdoptionKept(): void {
    const problems = auditAdoption(this, {
      path: this.node.path,
      clusterName: this.clusterName,
      cluster: this.adoptedCluster,
      nodegroups: this.nodegroupTargets,
      addons: this.addonTargets,
    });
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }

  /**
   * Another upgrade of the same cluster in this app would race this one. The same name and region through another
   * identity (an assumed role, a profile, an endpoint, a Lambda runner's provider) is another account's cluster.
   */
  private otherUpgradesOfCluster(region: string | undefined): SpecProblem[] {
    if (Token.isUnresolved(this.clusterName)) return [];
    const other = this.node.root.node.findAll().find((c) => c !== this && c instanceof ClusterUpgrade
      && c.clusterName === this.clusterName && c.region === region && c.identity === this.identity);
    return other === undefined ? [] : [{
      field: 'clusterName',
      message: `'${this.clusterName}'${region === undefined ? '' : ` in ${region}`} is already upgraded by ${other.node.path} through the same identity (${this.identity}): two upgrades of one cluster would race; use one ClusterUpgrade per cluster and add targets to it. If the two are clusters of different accounts, give each runner its own identity: assumeRoleArn, AWS_PROFILE in its environment, or, for the Lambda runner, its provider`,
    }];
  }
}

/** The spec's field paths under the names of the construct's props. */
function toPropNames(p: SpecProblem): SpecProblem {
  if (p.field === 'controlPlane') return { ...p, field: 'version' };
  return { ...p, field: p.field.replace(/^controlPlane\./, '') };
}

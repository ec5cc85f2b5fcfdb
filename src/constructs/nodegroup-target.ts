import type { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { KubernetesVersion } from './kubernetes-version';
import { ReleaseVersion } from './release-version';
import { EvictionsPolicy } from './upgrade-policy';

/** How EKS replaces the nodes of a managed node group during an update. */
export enum UpdateStrategy {
  /** Launch new nodes before terminating old ones (EKS's default, with its guardrails). */
  DEFAULT = 'DEFAULT',
  /** Terminate old nodes before launching new ones: no surge capacity, for scarce or costly instances such as GPUs. */
  MINIMAL = 'MINIMAL',
}

/**
 * How many nodes a node-group update may take out of service at once, and how it replaces them.
 *
 * Applied with UpdateNodegroupConfig, as its own update, before the version or AMI update.
 */
export interface NodegroupUpdateConfig {
  /**
   * The largest number of nodes unavailable at once (1–100). Exclusive with `maxUnavailablePercentage`.
   *
   * @default - left as it is
   */
  readonly maxUnavailable?: number;

  /**
   * The largest share of nodes unavailable at once, in percent (1–100). Exclusive with `maxUnavailable`.
   *
   * @default - left as it is
   */
  readonly maxUnavailablePercentage?: number;

  /**
   * How nodes are replaced.
   *
   * @default - left as it is
   */
  readonly updateStrategy?: UpdateStrategy;
}

/** The launch template version a node group should roll to. */
export interface NodegroupLaunchTemplateTarget {
  /**
   * The launch template's id. Give exactly one of `id` and `name`, and the template the node group was created
   * with: EKS does not switch a node group to another template.
   *
   * @default - identified by `name`
   */
  readonly id?: string;

  /**
   * The launch template's name. Give exactly one of `id` and `name`.
   *
   * @default - identified by `id`
   */
  readonly name?: string;

  /**
   * The launch template version to roll the node group to, e.g. `7` or a template's `latest_version` token
   * (resolved by Terraform at apply).
   */
  readonly version: string;
}

/** The versions one EKS managed node group should run. */
export interface NodegroupTarget {
  /** The node group's name. */
  readonly name: string;

  /**
   * The Kubernetes minor the node group should run; never above the control plane's.
   *
   * Not allowed when the node group's launch template pins an image id (see `NodeLaunchTemplate`).
   *
   * @default - follows the control-plane target
   */
  readonly version?: KubernetesVersion;

  /**
   * The EKS-optimized AMI release to run.
   *
   * Not allowed when the node group's launch template pins an image id (see `NodeLaunchTemplate`).
   *
   * @default - the release EKS picks for the version
   */
  readonly releaseVersion?: ReleaseVersion;

  /**
   * The launch template version to roll to, e.g. `NodeLaunchTemplate.forNodegroup()`.
   *
   * @default - the launch template is left as it is
   */
  readonly launchTemplate?: NodegroupLaunchTemplateTarget;

  /**
   * Replace nodes even when a PodDisruptionBudget blocks draining them.
   *
   * @default false
   */
  readonly force?: boolean;

  /**
   * This node group's answer to pods its roll is predicted not to evict within EKS's 15 minutes, overriding the
   * policy's `evictions`. `EvictionsPolicy.FORCE` sends its update with `force`.
   *
   * @default - the policy's `evictions`
   */
  readonly evictions?: EvictionsPolicy;

  /**
   * How many nodes roll at once and how.
   *
   * @default - left as it is
   */
  readonly updateConfig?: NodegroupUpdateConfig;

  /**
   * The `aws_eks_node_group` managing this node group in the same app, if any (adoption).
   *
   * Its `version` and `release_version` (and `launch_template[0].version` when this target sets `launchTemplate`)
   * are then ignored by Terraform (`lifecycle.ignore_changes`), so that Terraform and the upgrade never undo each
   * other. The upgrade runs after the resource exists. Its `node_group_name` must equal `name`.
   *
   * @default - the node group is not managed in this app
   */
  readonly nodegroup?: EksNodeGroup;
}

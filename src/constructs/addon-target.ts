import type { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { AddonVersion } from './addon-version';

/** How EKS resolves conflicts between an add-on update and fields changed in the cluster. */
export enum ResolveConflicts {
  /** Overwrite changed fields with the add-on's defaults. */
  OVERWRITE = 'OVERWRITE',
  /** Leave conflicting fields alone; the update fails on a conflict. */
  NONE = 'NONE',
  /** Keep the values changed in the cluster. */
  PRESERVE = 'PRESERVE',
}

/** An EKS Pod Identity association an add-on should own. */
export interface PodIdentityAssociationTarget {
  /** The Kubernetes service account the association is for. */
  readonly serviceAccount: string;

  /** The IAM role the service account assumes, e.g. `arn:aws:iam::123456789012:role/vpc-cni`. */
  readonly roleArn: string;
}

/** The version and settings one EKS add-on should have. */
export interface AddonTarget {
  /** The add-on's name, e.g. `vpc-cni`, `coredns`, `kube-proxy`. */
  readonly name: string;

  /**
   * The version to run.
   *
   * Before each control-plane step an add-on that would be incompatible with the next Kubernetes version is moved
   * to the newest version compatible with both; after the last step it goes to this version.
   *
   * @default AddonVersion.latest()
   */
  readonly version?: AddonVersion;

  /**
   * How EKS resolves conflicts with fields changed in the cluster.
   *
   * @default - EKS's default for updates (NONE)
   */
  readonly resolveConflicts?: ResolveConflicts;

  /**
   * The add-on configuration as JSON or YAML text of a mapping.
   *
   * For example `{"replicaCount":3}` or `replicaCount: 3`: EKS accepts both. It is compared with the add-on's
   * configuration as a parsed document, so key order and layout never cause an update; `{}` resets the add-on to its
   * default configuration.
   *
   * Give either this or `configuration`, not both.
   *
   * @default - the configuration is left as it is
   */
  readonly configurationValues?: string;

  /**
   * The add-on configuration as an object, serialized to JSON for EKS.
   *
   * The same setting as `configurationValues` in object form; give one of the two (both is an error).
   * Values may be tokens: the object is then encoded by Terraform with `jsonencode`.
   *
   * @default - the configuration is left as it is
   */
  readonly configuration?: { [key: string]: any };

  /**
   * The IAM role the add-on's service account uses (IRSA).
   *
   * @default - left as it is
   */
  readonly serviceAccountRoleArn?: string;

  /**
   * The EKS Pod Identity associations the add-on should own.
   *
   * Omitted: the associations are left as they are. An empty list: every association the add-on owns is removed.
   *
   * @default - left as they are
   */
  readonly podIdentityAssociations?: PodIdentityAssociationTarget[];

  /**
   * The `aws_eks_addon` managing this add-on in the same app, if any (adoption).
   *
   * Its `addon_version` is then ignored by Terraform (`lifecycle.ignore_changes`), and so are
   * `configuration_values`, `service_account_role_arn` and `pod_identity_association` when this target sets them,
   * so that Terraform and the upgrade never undo each other. The upgrade runs after the resource exists. Its
   * `addon_name` must equal `name`.
   *
   * @default - the add-on is not managed in this app
   */
  readonly addon?: EksAddon;
}

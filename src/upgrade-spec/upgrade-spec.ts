/**
 * The spec (v1): the single contract between synth time (constructs) and apply time (engine).
 * Internal: not part of the jsii API. Field names may grow; existing ones keep their meaning.
 */
export const SPEC_VERSION = 1;

/** Environment variable through which a runner hands the spec to `eks-upgrade apply`. */
export const SPEC_ENV_VAR = 'EKS_UPGRADE_SPEC';
/** Names (comma-separated) of variables the runner expects from Terraform's environment; the handler reports which are set. */
export const PASS_ENV_VAR = 'EKS_UPGRADE_PASS_ENV';
/** Environment variable that scales expected durations, poll intervals and timeouts (rehearsal/test knob). */
export const TIME_SCALE_ENV_VAR = 'EKS_UPGRADE_TIME_SCALE';

export type ResolveConflictsValue = 'OVERWRITE' | 'NONE' | 'PRESERVE';
export type InsightsPolicyValue = 'fail' | 'warn' | 'ignore';
export type UpdateStrategyValue = 'DEFAULT' | 'MINIMAL';
/**
 * Whether the data plane is read through the Kubernetes API: `required` stops (before any change) when it cannot be
 * read, `best-effort` reads it when it can and says in one line what was not checked when it cannot, `off` never reads.
 */
export type DataPlanePolicyValue = 'required' | 'best-effort' | 'off';

export interface UpgradeSpec {
  readonly specVersion: number;
  readonly clusterName: string;
  /** Absent: the SDK's default region chain (AWS_REGION, profile). */
  readonly region?: string;
  /** Absent: the SDK's default credentials. Present: the handler assumes this role through STS before any EKS call. */
  readonly assumeRole?: AssumeRoleSpec;
  readonly controlPlane: ControlPlaneSpec;
  readonly addons: AddonSpec[];
  readonly nodegroups: NodegroupSpec[];
  readonly policy: PolicySpec;
}

export interface AssumeRoleSpec {
  readonly roleArn: string;
  /** STS AssumeRole's ExternalId, when the role's trust policy requires one. */
  readonly externalId?: string;
  /** STS AssumeRole's RoleSessionName; absent: `eks-upgrade-<cluster>` (cut to 64 characters). */
  readonly sessionName?: string;
}

export interface ControlPlaneSpec {
  /** Target Kubernetes minor, e.g. "1.31". */
  readonly version: string;
  /** Passed to UpdateClusterVersion: proceed despite ERROR upgrade insights. */
  readonly force: boolean;
  /** Permit a one-minor downgrade, run by EKS as a VersionRollback update. */
  readonly allowRollback: boolean;
  /** rollbackConfig.timeoutMinutes for a rollback (120–10080). */
  readonly rollbackTimeoutMinutes: number;
}

export interface PodIdentityAssociationSpec {
  readonly serviceAccount: string;
  readonly roleArn: string;
}

export interface AddonSpec {
  readonly name: string;
  /** "latest" | "clusterDefault" | an exact version such as "v1.19.0-eksbuild.1". */
  readonly version: string;
  readonly resolveConflicts?: ResolveConflictsValue;
  /** The add-on's settings as JSON or YAML text of a mapping (EKS accepts both; compared as parsed documents). */
  readonly configurationValues?: string;
  readonly serviceAccountRoleArn?: string;
  /** Omitted: unchanged. Empty list: remove every association owned by the add-on. */
  readonly podIdentityAssociations?: PodIdentityAssociationSpec[];
}

export interface LaunchTemplateTargetSpec {
  /** Exactly one of id and name. */
  readonly id?: string;
  readonly name?: string;
  /** Launch template version; Terraform may resolve it to a number. */
  readonly version: string | number;
}

export interface UpdateConfigSpec {
  readonly maxUnavailable?: number;
  readonly maxUnavailablePercentage?: number;
  readonly updateStrategy?: UpdateStrategyValue;
}

export interface NodegroupSpec {
  readonly name: string;
  /** "cluster" (follow the control-plane target) or a Kubernetes minor such as "1.30". */
  readonly version: string;
  /**
   * "latest" (resolved from SSM) | an exact AMI release version (`1.31.3-20241213` Amazon Linux, `1.31-2024.11.12`
   * Windows, `1.43.0-5a2b9c1d` Bottlerocket) | absent (EKS picks for the version).
   */
  readonly releaseVersion?: string;
  readonly launchTemplate?: LaunchTemplateTargetSpec;
  /** Passed to UpdateNodegroupVersion: drain despite PodDisruptionBudgets. */
  readonly force: boolean;
  readonly updateConfig?: UpdateConfigSpec;
}

export interface UpdateTimeoutsSpec {
  readonly cluster: number;
  readonly nodegroup: number;
  readonly addon: number;
}

export interface PolicySpec {
  readonly insights: InsightsPolicyValue;
  readonly maxConcurrentNodegroups: number;
  /** Largest allowed kubelet lag behind the control plane for node groups ≥ 1.25 (EKS: 3); used only with skipLevelNodegroups. */
  readonly maxKubeletSkew: number;
  /**
   * Opt-in: let managed node groups skip minors (bounded by the kubelet skew) instead of matching the control
   * plane before each of its steps, as the UpdateClusterVersion reference requires (MNG-MATCH-CP). If EKS
   * refuses a step, the engine moves the node groups it names and retries. Default false.
   */
  readonly skipLevelNodegroups: boolean;
  readonly updateTimeoutMinutes: UpdateTimeoutsSpec;
  /** Read nodes and pods through the Kubernetes API to gate control-plane steps (docs/design.md says why best-effort). */
  readonly dataPlane: DataPlanePolicyValue;
}

export const DEFAULT_POLICY: PolicySpec = {
  insights: 'fail',
  maxConcurrentNodegroups: 3,
  maxKubeletSkew: 3,
  skipLevelNodegroups: false,
  updateTimeoutMinutes: { cluster: 90, nodegroup: 180, addon: 30 },
  dataPlane: 'best-effort',
};

export const ADDON_VERSION_LATEST = 'latest';
export const ADDON_VERSION_CLUSTER_DEFAULT = 'clusterDefault';
export const NODEGROUP_VERSION_CLUSTER = 'cluster';
export const RELEASE_VERSION_LATEST = 'latest';
export const DEFAULT_ROLLBACK_TIMEOUT_MINUTES = 720;

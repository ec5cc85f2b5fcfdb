/** What to do with EKS upgrade insights (UPGRADE_READINESS) before a control-plane step. */
export enum InsightsPolicy {
  /** Stop before the step when an insight reports an error (unless the target sets `force`). */
  FAIL_ON_ERROR = 'fail',
  /** Report errors and warnings, then proceed. */
  WARN = 'warn',
  /** Do not read insights. */
  IGNORE = 'ignore',
}

/** Whether the handler reads the data plane (nodes, pods) through the cluster's Kubernetes API. */
export enum DataPlanePolicy {
  /** Stop before any change when the Kubernetes API cannot be read. */
  REQUIRED = 'required',
  /** Read it when possible; when not, say in one line what was not checked and why, and go on. */
  BEST_EFFORT = 'best-effort',
  /** Never read it: only what the EKS API shows bounds the plan. */
  OFF = 'off',
}

/** How long the handler waits for one update of each kind before it fails the run, in minutes. */
export interface UpdateTimeouts {
  /**
   * A control-plane version update.
   *
   * @default 90
   */
  readonly cluster?: number;

  /**
   * A node-group update (version, AMI, launch template or update config).
   *
   * @default 180
   */
  readonly nodegroup?: number;

  /**
   * An add-on update.
   *
   * @default 30
   */
  readonly addon?: number;
}

/** How the upgrade proceeds. */
export interface UpgradePolicy {
  /**
   * What to do with upgrade insights.
   *
   * @default InsightsPolicy.FAIL_ON_ERROR
   */
  readonly insights?: InsightsPolicy;

  /**
   * How many node groups update at the same time (1–100).
   *
   * @default 3
   */
  readonly maxConcurrentNodegroups?: number;

  /**
   * The largest number of minors a node group (1.25 or later) may lag the control plane (1–3).
   *
   * It bounds a node group pinned to an older `version` and, with `skipLevelNodegroups`, how far node groups may fall
   * behind before they are upgraded.
   *
   * @default 3
   */
  readonly maxKubeletSkew?: number;

  /**
   * Let managed node groups skip minors. Opt-in.
   *
   * By default every managed node group is brought to the control plane's version before each control-plane minor
   * step, as the UpdateClusterVersion API reference requires ("all of your node groups' Kubernetes versions must match
   * the cluster's Kubernetes version in order to update the cluster to a new Kubernetes version"; rule MNG-MATCH-CP),
   * so a multi-minor upgrade rolls the nodes once per minor. With this set, node groups may stay behind within the
   * kubelet version skew (`maxKubeletSkew`) and roll once to the target; if EKS refuses a control-plane step because
   * node groups must match first, the handler upgrades the node groups EKS names and retries the step.
   *
   * @default false
   */
  readonly skipLevelNodegroups?: boolean;

  /**
   * How long to wait for each update.
   *
   * @default - cluster 90, nodegroup 180, addon 30 minutes
   */
  readonly updateTimeoutMinutes?: UpdateTimeouts;

  /**
   * Read nodes and pods through the cluster's Kubernetes API, so no control-plane step leaves a self-managed,
   * Karpenter, Fargate or Auto Mode node beyond the kubelet version skew. The runner's identity needs an EKS access
   * entry that may list nodes and pods (docs/iam.md).
   *
   * @default DataPlanePolicy.BEST_EFFORT
   */
  readonly dataPlane?: DataPlanePolicy;
}

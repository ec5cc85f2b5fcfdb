/** What the state reader saw of the cluster: the planner's only view of the world. */

export interface LiveUpdateConfig {
  readonly maxUnavailable?: number;
  readonly maxUnavailablePercentage?: number;
  readonly updateStrategy?: string;
}

export interface LiveNodegroup {
  readonly name: string;
  readonly status: string;
  readonly version: string;
  readonly releaseVersion?: string;
  readonly amiType: string;
  readonly desiredSize: number;
  readonly launchTemplate?: { readonly id?: string; readonly name?: string; readonly version?: string };
  readonly updateConfig?: LiveUpdateConfig;
}

export interface LiveAddon {
  readonly name: string;
  readonly status: string;
  readonly version: string;
  readonly configurationValues?: string;
  readonly serviceAccountRoleArn?: string;
  /** Pod identity associations the add-on owns, by content (DescribeAddon lists ARNs; the reader describes each). */
  readonly podIdentityAssociations: readonly LivePodIdentityAssociation[];
}

export interface LivePodIdentityAssociation {
  readonly serviceAccount: string;
  readonly roleArn: string;
}

/** One version an add-on offers, with the Kubernetes minors it runs on. */
export interface AddonVersionInfo {
  readonly version: string;
  readonly clusterVersions: readonly string[];
  /** Kubernetes minors for which EKS installs this version by default. */
  readonly defaultFor: readonly string[];
}

/** An update some earlier (or concurrent) run left InProgress on a targeted resource (or on the cluster, whatever its status). */
export interface RunningUpdate {
  readonly resource: ResourceRef;
  readonly updateId: string;
  readonly type: string;
  /** When EKS started it, when DescribeUpdate says. */
  readonly createdAt?: Date;
}

export type ResourceKind = 'cluster' | 'nodegroup' | 'addon';

export interface ResourceRef {
  readonly kind: ResourceKind;
  /** Node-group or add-on name; the cluster name for the control plane. */
  readonly name: string;
}

export interface LiveState {
  /** `status` may read ACTIVE while an update runs (an Auto Mode rollback's node phase): runningUpdates is the truth. */
  readonly cluster: {
    readonly name: string;
    readonly version: string;
    readonly status: string;
    /** The Kubernetes API endpoint and its CA (base64 PEM), as DescribeCluster gives them. */
    readonly endpoint?: string;
    readonly certificateAuthority?: string;
  };
  readonly nodegroups: Record<string, LiveNodegroup>;
  /** Node groups the spec does not name: never changed, but they still bound the control plane's kubelet skew. */
  readonly untargetedNodegroups: Record<string, LiveNodegroup>;
  readonly addons: Record<string, LiveAddon>;
  /** Installed add-ons the spec does not name: never changed, but refused at plan if the target leaves them incompatible. */
  readonly untargetedAddons: Record<string, LiveAddon>;
  /** Per installed add-on (targeted or not), every version EKS offers, newest first. */
  readonly addonCatalog: Record<string, readonly AddonVersionInfo[]>;
  /** Resolved `releaseVersion: latest` per node group, for its target Kubernetes version. */
  readonly latestReleaseVersions: Record<string, string | undefined>;
  readonly runningUpdates: readonly RunningUpdate[];
}

/** A node group as read at the start of the run, whether the spec names it or not. */
export function liveNodegroup(state: LiveState, name: string): LiveNodegroup | undefined {
  return state.nodegroups[name] ?? state.untargetedNodegroups[name];
}

export function resourceKey(ref: ResourceRef): string {
  return `${ref.kind}/${ref.name}`;
}

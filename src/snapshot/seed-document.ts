/**
 * The simulator seed a snapshot writes, as JSON (docs/simulator.md, "Seed schema"). The engine never imports the
 * simulator, so this is the snapshot's own statement of the fields it fills; test/engine/snapshot checks it is
 * assignable to the simulator's seed type, and the fidelity test that the simulator replays it.
 */
export interface SeedDocument {
  region: string;
  accountId: string;
  kubernetesVersions: string[];
  platformVersions: Record<string, string>;
  clusters: SeedCluster[];
  addonCatalog: SeedCatalogEntry[];
  ssmParameters: Record<string, string>;
  updates: SeedUpdate[];
  /** The moment every timestamp below was read: the simulator moves them all to its own start. */
  timeOrigin: string;
  snapshot: {
    takenAt: string;
    cluster: string;
    region: string;
    absent: { ssmParameters: string[]; addonCatalogs: string[] };
    notes: string[];
  };
}

export interface SeedHealthIssue {
  code: string;
  message: string;
  resourceIds?: string[];
}

export interface SeedCluster {
  name: string;
  version: string;
  platformVersion?: string;
  status?: 'ACTIVE' | 'CREATING' | 'DELETING' | 'FAILED' | 'PENDING' | 'UPDATING';
  arn?: string;
  createdAt?: string;
  autoMode: boolean;
  previousVersion?: string;
  upgradedAt?: string;
  tags: Record<string, string>;
  nodegroups: SeedNodegroup[];
  addons: SeedAddon[];
  insights: SeedInsight[];
  /** What the Kubernetes API showed, when it could be read. */
  dataPlane?: SeedDataPlane;
}

/** The simulator's `DataPlaneSeed`, as far as a snapshot writes it. */
export interface SeedDataPlane {
  nodes: SeedDataPlaneNode[];
  workloads: { kind: 'Deployment' | 'DaemonSet'; name: string; namespace: string; replicas?: number; labels?: Record<string, string> }[];
  pods: SeedDataPlanePod[];
  fargatePods: { name: string; namespace: string; labels: Record<string, string>; kubeletVersion: string }[];
  podDisruptionBudgets: { name: string; namespace: string; selector: Record<string, string>; minAvailable?: number | string; maxUnavailable?: number | string }[];
}

export interface SeedDataPlaneNode {
  name: string;
  managedBy: 'nodegroup' | 'self-managed' | 'karpenter' | 'auto';
  nodegroup?: string;
  nodePool?: string;
  kubeletVersion: string;
  unschedulable?: boolean;
}

export interface SeedDataPlanePod {
  name: string;
  namespace: string;
  owner?: { kind: 'Deployment'; name: string };
  nodeName?: string;
  labels: Record<string, string>;
}

export interface SeedNodegroup {
  name: string;
  version: string;
  releaseVersion?: string;
  amiType: string;
  status?: 'ACTIVE' | 'CREATING' | 'CREATE_FAILED' | 'DEGRADED' | 'DELETING' | 'DELETE_FAILED' | 'UPDATING';
  arn?: string;
  capacityType?: 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';
  instanceTypes?: string[];
  scalingConfig?: { minSize: number; maxSize: number; desiredSize: number };
  launchTemplate?: { id?: string; name?: string; version?: string };
  updateConfig?: SeedUpdateConfig;
  labels?: Record<string, string>;
  createdAt?: string;
  modifiedAt?: string;
  healthIssues?: SeedHealthIssue[];
}

export interface SeedUpdateConfig {
  maxUnavailable?: number;
  maxUnavailablePercentage?: number;
  updateStrategy?: 'DEFAULT' | 'MINIMAL';
}

export interface SeedAssociation {
  serviceAccount: string;
  roleArn: string;
}

export interface SeedAddon {
  name: string;
  version: string;
  status?: 'ACTIVE' | 'CREATING' | 'CREATE_FAILED' | 'DEGRADED' | 'DELETING' | 'DELETE_FAILED' | 'UPDATE_FAILED' | 'UPDATING';
  arn?: string;
  configurationValues?: string;
  serviceAccountRoleArn?: string;
  podIdentityAssociations: SeedAssociation[];
  createdAt?: string;
  modifiedAt?: string;
  healthIssues?: SeedHealthIssue[];
}

export interface SeedInsight {
  id: string;
  name: string;
  category: 'UPGRADE_READINESS' | 'ROLLBACK_READINESS' | 'MISCONFIGURATION';
  kubernetesVersion: string;
  status: 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';
  reason?: string;
  description?: string;
  recommendation?: string;
}

export interface SeedCatalogEntry {
  addonName: string;
  type: string;
  publisher: string;
  owner: string;
  versions: { addonVersion: string; clusterVersions: string[]; defaultFor: string[] }[];
}

export type SeedUpdateEffect =
  | { kind: 'clusterVersion'; version: string; platformVersion: string; rollback: boolean }
  | { kind: 'nodegroupVersion'; version: string; releaseVersion?: string; launchTemplateVersion?: string }
  | { kind: 'nodegroupConfig'; updateConfig: SeedUpdateConfig }
  | { kind: 'addon'; version: string; configurationValues?: string; serviceAccountRoleArn?: string; podIdentityAssociations?: SeedAssociation[] }
  | { kind: 'none' };

export interface SeedUpdate {
  id: string;
  cluster: string;
  nodegroup?: string;
  addon?: string;
  type: string;
  status: 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';
  params: { type: string; value: string }[];
  createdAt: string;
  endsAt: string;
  nodesPhaseEndsAt?: string;
  effect: SeedUpdateEffect;
  errors: { errorCode: string; errorMessage: string; resourceIds: string[] }[];
  cancellation?: { status: 'InProgress' | 'Failed' | 'Successful'; reason: string };
  cancelEndsAt?: string;
}

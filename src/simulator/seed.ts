import type { DataPlaneSeed, NodeRollSeed } from './kubernetes/data-plane-seed';
import { SeedError } from './seed-error';

/**
 * The simulator's state as JSON: what `seed()`, `POST /__simulator/seed` and `--state FILE` take and what
 * `state()` returns. Optional fields get defaults when seeded; `state()` writes every field, so its output
 * seeds an identical simulator. Timestamps are ISO 8601 strings. docs/simulator.md documents each field.
 */
export interface SimSeed {
  region?: string;
  accountId?: string;
  /** Kubernetes versions EKS offers; UpdateClusterVersion accepts no other. */
  kubernetesVersions?: string[];
  /** The platform version a cluster gets on each Kubernetes version ("1.30": "eks.33"). */
  platformVersions?: Record<string, string>;
  clusters: ClusterSeed[];
  /** What DescribeAddonVersions lists, and so which add-on versions each Kubernetes version accepts. */
  addonCatalog?: AddonCatalogEntry[];
  /** SSM parameters by name (the EKS-optimized AMI release versions). */
  ssmParameters?: Record<string, string>;
  /** Past and in-flight updates; usually only present in a `state()` snapshot. */
  updates?: UpdateSeed[];
  /**
   * The moment this seed's timestamps were read (`eks-upgrade snapshot` sets it). Seeding (`--state`, `seed()`, POST
   * /__simulator/seed, reset) moves every timestamp by the simulator clock's now minus this, and drops the field, so an update running at snapshot time runs on for
   * the same remaining time and a past upgrade stays as old: the rehearsal starts where the cluster was.
   */
  timeOrigin?: string;
  /** Where a snapshot seed came from and what it could not read; the simulator keeps it and reads nothing from it. */
  snapshot?: SnapshotInfo;
}

export interface SnapshotInfo {
  takenAt: string;
  cluster: string;
  region: string;
  /** SSM parameters and add-on catalogs that did not exist when the snapshot was taken (recorded, not fatal). */
  absent: { ssmParameters: string[]; addonCatalogs: string[] };
  /** What the snapshot changed or could not carry (redacted settings, an update type the simulator does not model). */
  notes: string[];
}

export type ClusterStatus = 'ACTIVE' | 'CREATING' | 'DELETING' | 'FAILED' | 'PENDING' | 'UPDATING';
export type NodegroupStatus = 'ACTIVE' | 'CREATING' | 'CREATE_FAILED' | 'DEGRADED' | 'DELETING' | 'DELETE_FAILED' | 'UPDATING';
export type AddonStatus = 'ACTIVE' | 'CREATING' | 'CREATE_FAILED' | 'DEGRADED' | 'DELETING' | 'DELETE_FAILED' | 'UPDATE_FAILED' | 'UPDATING';

export interface ClusterSeed {
  name: string;
  version: string;
  platformVersion?: string;
  status?: ClusterStatus;
  arn?: string;
  createdAt?: string;
  /** EKS Auto Mode: a version rollback first rolls the nodes back (the phase CancelUpdate can stop). */
  autoMode?: boolean;
  /** Set by a successful in-place upgrade: a rollback may return to it within 7 days of `upgradedAt`. */
  previousVersion?: string;
  upgradedAt?: string;
  tags?: Record<string, string>;
  nodegroups?: NodegroupSeed[];
  addons?: AddonSeed[];
  /** Insights beyond the ones the simulator derives for the next Kubernetes version. */
  insights?: InsightSeed[];
  /** Nodes, workloads, pods and budgets its Kubernetes API serves (kubernetes/data-plane-seed.ts); generated nodes if absent. */
  dataPlane?: DataPlaneSeed;
}

export interface LaunchTemplateSeed {
  id?: string;
  name?: string;
  version?: string;
}

export interface NodegroupUpdateConfig {
  maxUnavailable?: number;
  maxUnavailablePercentage?: number;
  updateStrategy?: 'DEFAULT' | 'MINIMAL';
}

export interface HealthIssue {
  code: string;
  message: string;
  resourceIds?: string[];
}

export interface NodegroupSeed {
  name: string;
  version: string;
  /** Absent for custom AMIs (amiType CUSTOM). */
  releaseVersion?: string;
  amiType: string;
  status?: NodegroupStatus;
  arn?: string;
  capacityType?: 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';
  instanceTypes?: string[];
  scalingConfig?: { minSize: number; maxSize: number; desiredSize: number };
  /** Only node groups created with a launch template may be updated with one, and only the same template. */
  launchTemplate?: LaunchTemplateSeed;
  updateConfig?: NodegroupUpdateConfig;
  labels?: Record<string, string>;
  createdAt?: string;
  modifiedAt?: string;
  healthIssues?: HealthIssue[];
}

export interface PodIdentityAssociationSeed {
  serviceAccount: string;
  roleArn: string;
}

export interface AddonSeed {
  name: string;
  version: string;
  status?: AddonStatus;
  arn?: string;
  configurationValues?: string;
  serviceAccountRoleArn?: string;
  podIdentityAssociations?: PodIdentityAssociationSeed[];
  createdAt?: string;
  modifiedAt?: string;
  healthIssues?: HealthIssue[];
  /** A DEGRADED add-on returns to ACTIVE at this time; absent means until faults are cleared. */
  degradedUntil?: string;
  /** The fault that degraded it, so clearing faults heals it. */
  degradedByFault?: string;
}

export interface AddonCatalogEntry {
  addonName: string;
  type: string;
  publisher: string;
  owner: string;
  versions: AddonCatalogVersion[];
}

export interface AddonCatalogVersion {
  addonVersion: string;
  /** Kubernetes versions this add-on version runs on. */
  clusterVersions: string[];
  /** Kubernetes versions for which this is the version EKS installs by default. */
  defaultFor?: string[];
}

export type InsightStatusValue = 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';
export type InsightCategory = 'UPGRADE_READINESS' | 'ROLLBACK_READINESS' | 'MISCONFIGURATION';

export interface InsightSeed {
  id?: string;
  name: string;
  category?: InsightCategory;
  kubernetesVersion: string;
  status: InsightStatusValue;
  reason?: string;
  description?: string;
  recommendation?: string;
}

export type UpdateStatus = 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';

export interface ErrorDetail {
  errorCode: string;
  errorMessage: string;
  resourceIds: string[];
}

/** What a successful update changes; applied only when it ends Successful. */
export type UpdateEffect =
  | { kind: 'clusterVersion'; version: string; platformVersion: string; rollback: boolean }
  | { kind: 'nodegroupVersion'; version: string; releaseVersion?: string; launchTemplateVersion?: string }
  | { kind: 'nodegroupConfig'; updateConfig: NodegroupUpdateConfig }
  | {
    kind: 'addon';
    version: string;
    configurationValues?: string;
    serviceAccountRoleArn?: string;
    podIdentityAssociations?: PodIdentityAssociationSeed[];
  }
  /** An update whose change the simulator does not model (a logging or endpoint update read by a snapshot): it only keeps its resource busy. */
  | { kind: 'none' };

export interface UpdateSeed {
  id: string;
  cluster: string;
  nodegroup?: string;
  addon?: string;
  type: string;
  status: UpdateStatus;
  params: { type: string; value: string }[];
  createdAt: string;
  /** When an InProgress update settles. */
  endsAt: string;
  /** VersionRollback on Auto Mode: nodes roll back (cancellable) until then, the control plane after. */
  nodesPhaseEndsAt?: string;
  /** Eventual consistency: until then the update is invisible and its resource still looks ACTIVE. */
  visibleAt?: string;
  clientRequestToken?: string;
  effect: UpdateEffect;
  /** Injected failure: the update ends Failed with these errors instead of applying its effect. */
  failWith?: ErrorDetail[];
  /** Injected: the add-on turns DEGRADED when this update succeeds. */
  degradeAfter?: { seconds?: number; issues: HealthIssue[]; faultId: string };
  errors?: ErrorDetail[];
  /** The latest CancelUpdate's outcome; `InProgress` until `cancelEndsAt`. */
  cancellation?: { status: 'InProgress' | 'Failed' | 'Successful'; reason: string };
  /** When an InProgress cancellation settles: Successful if the node phase is still running then, else Failed. */
  cancelEndsAt?: string;
  cancelToken?: string;
  /** A node group version update's roll of its nodes (times relative to `createdAt`). */
  roll?: NodeRollSeed;
}

const SEED_TIMESTAMPS = ['createdAt', 'modifiedAt', 'upgradedAt', 'degradedUntil', 'endsAt', 'nodesPhaseEndsAt', 'visibleAt', 'cancelEndsAt'] as const;

/**
 * The seed with every timestamp moved so that its `timeOrigin` falls on `now` (and without `timeOrigin`); a seed
 * without one is returned as it is. Seeding applies it (normalizeSeed), so a snapshot replays from where the cluster was.
 */
export function rebaseSeed(seed: SimSeed, now: number): SimSeed {
  // A seed of the wrong shape is returned as it is, for the simulator's own checks to name what is wrong.
  if (!seed || typeof seed !== 'object' || seed.timeOrigin === undefined || !Array.isArray(seed.clusters)) return seed;
  const origin = Date.parse(seed.timeOrigin);
  if (Number.isNaN(origin)) throw new SeedError(`timeOrigin '${seed.timeOrigin}' is not an ISO 8601 time: fix it or remove the field`);
  const shift = now - origin;
  // Entries of the wrong shape stay as they are too, for normalizeSeed to name.
  const move = <T>(item: T): T => {
    if (!item || typeof item !== 'object') return item;
    const moved = { ...item } as Record<string, unknown>;
    for (const field of SEED_TIMESTAMPS) {
      const value = moved[field];
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) moved[field] = new Date(Date.parse(value) + shift).toISOString();
    }
    return moved as T;
  };
  const { timeOrigin: _origin, ...rest } = seed;
  return {
    ...rest,
    clusters: seed.clusters.map((c) => (!c || typeof c !== 'object' ? c : {
      ...move(c),
      ...(Array.isArray(c.nodegroups) ? { nodegroups: c.nodegroups.map(move) } : {}),
      ...(Array.isArray(c.addons) ? { addons: c.addons.map(move) } : {}),
    })),
    ...(Array.isArray(seed.updates) ? { updates: seed.updates.map(move) } : {}),
  };
}

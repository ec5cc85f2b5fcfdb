import { Fn, Token } from 'cdktf';
import {
  ADDON_VERSION_LATEST, DEFAULT_POLICY, DEFAULT_ROLLBACK_TIMEOUT_MINUTES, NODEGROUP_VERSION_CLUSTER, SPEC_VERSION,
} from '../../upgrade-spec/upgrade-spec';
import { AddonTarget } from '../addon-target';
import { NodegroupTarget } from '../nodegroup-target';
import type { RunnerAssumeRole } from '../runner-options';
import { UpgradePolicy } from '../upgrade-policy';

/** The control-plane part of the targets, as the construct holds it. */
export interface ControlPlaneTargets {
  readonly clusterName: string;
  readonly region?: string;
  /** The runner's role to assume, written into the spec for the handler. */
  readonly assumeRole?: RunnerAssumeRole;
  readonly version: string;
  readonly force?: boolean;
  readonly allowRollback?: boolean;
  readonly rollbackTimeoutMinutes?: number;
  readonly policy?: UpgradePolicy;
}

/**
 * The spec (v1) for a set of targets: every default written out, so the handler runs exactly what synth decided.
 * Values may be tokens; Terraform resolves them before the handler reads the spec.
 */
export function renderSpec(cp: ControlPlaneTargets, addons: AddonTarget[], nodegroups: NodegroupTarget[]): Record<string, any> {
  const policy = cp.policy ?? {};
  const timeouts = policy.updateTimeoutMinutes ?? {};
  return compact({
    specVersion: SPEC_VERSION,
    clusterName: cp.clusterName,
    region: cp.region,
    assumeRole: cp.assumeRole === undefined ? undefined : compact({ ...cp.assumeRole }),
    controlPlane: {
      version: cp.version,
      force: cp.force ?? false,
      allowRollback: cp.allowRollback ?? false,
      rollbackTimeoutMinutes: cp.rollbackTimeoutMinutes ?? DEFAULT_ROLLBACK_TIMEOUT_MINUTES,
    },
    addons: addons.map(renderAddon),
    nodegroups: nodegroups.map(renderNodegroup),
    policy: {
      insights: policy.insights ?? DEFAULT_POLICY.insights,
      maxConcurrentNodegroups: policy.maxConcurrentNodegroups ?? DEFAULT_POLICY.maxConcurrentNodegroups,
      maxKubeletSkew: policy.maxKubeletSkew ?? DEFAULT_POLICY.maxKubeletSkew,
      // Written only when set, so specs (and synth output) of apps that do not use it stay as they were.
      ...(policy.skipLevelNodegroups === undefined ? {} : { skipLevelNodegroups: policy.skipLevelNodegroups }),
      ...(policy.dataPlane === undefined ? {} : { dataPlane: policy.dataPlane }),
      updateTimeoutMinutes: {
        cluster: timeouts.cluster ?? DEFAULT_POLICY.updateTimeoutMinutes.cluster,
        nodegroup: timeouts.nodegroup ?? DEFAULT_POLICY.updateTimeoutMinutes.nodegroup,
        addon: timeouts.addon ?? DEFAULT_POLICY.updateTimeoutMinutes.addon,
      },
    },
  });
}

function renderAddon(a: AddonTarget): Record<string, any> {
  return compact({
    name: a.name,
    version: a.version?.value ?? ADDON_VERSION_LATEST,
    resolveConflicts: a.resolveConflicts,
    // Both given is reported as a problem; the text form is rendered so that it is checked too.
    configurationValues: a.configurationValues ?? (a.configuration === undefined ? undefined : encodeJson(a.configuration)),
    serviceAccountRoleArn: a.serviceAccountRoleArn,
    podIdentityAssociations: a.podIdentityAssociations?.map((p) => compact({ serviceAccount: p.serviceAccount, roleArn: p.roleArn })),
  });
}

function renderNodegroup(n: NodegroupTarget): Record<string, any> {
  const lt = n.launchTemplate;
  const uc = n.updateConfig;
  return compact({
    name: n.name,
    version: n.version?.version ?? NODEGROUP_VERSION_CLUSTER,
    releaseVersion: n.releaseVersion?.value,
    launchTemplate: lt === undefined ? undefined : compact({ id: lt.id, name: lt.name, version: lt.version }),
    force: n.force ?? false,
    updateConfig: uc === undefined ? undefined : compact({
      maxUnavailable: uc.maxUnavailable,
      maxUnavailablePercentage: uc.maxUnavailablePercentage,
      updateStrategy: uc.updateStrategy,
    }),
  });
}

/** JSON text of an object; Terraform's jsonencode when it holds values only Terraform knows. */
function encodeJson(value: { [key: string]: any }): string {
  return containsToken(value) ? Fn.jsonencode(value) : JSON.stringify(value);
}

function containsToken(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(containsToken);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsToken);
  return false;
}

function compact<T extends Record<string, any>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

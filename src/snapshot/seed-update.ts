import type { Addon, Cluster, Nodegroup, Update } from '@aws-sdk/client-eks';
import { compact } from './compact';
import { redactConfiguration } from './redact-configuration';
import type { SeedAssociation, SeedUpdate, SeedUpdateConfig, SeedUpdateEffect } from './seed-document';
import type { UpdateLocation } from '../aws/eks-api';
import type { ResourceRef } from '../aws/live-state';
import { toLiveNodegroup } from '../aws/state-reader';
import { expectedSecondsForRunning } from '../engine/expected-duration';

/** The resource an update belongs to, as read at snapshot time. */
export interface UpdateOwner {
  readonly cluster: Cluster;
  readonly nodegroup?: Nodegroup;
  readonly addon?: Addon;
}

/**
 * EKS does not say when an update will end, and DescribeUpdate gives no end time for one that has: an update
 * running at snapshot time runs on for its typical remaining time (the engine's figures), and at least this long.
 */
export const MIN_REMAINING_SECONDS = 60;
/** An Auto Mode rollback's node phase and control-plane phase, typical figures (docs/simulator.md, Time). */
const ROLLBACK_NODES_SECONDS = 300;
const CONTROL_PLANE_SECONDS = 600;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One update of the history in seed form: its id, type, status, parameters and errors as EKS gave them; the end
 * time estimated; and the change it makes when it succeeds, from its parameters (the simulator applies it only to an
 * update still InProgress). `notes` says what could not be carried.
 */
export function seedUpdate(update: Update, where: UpdateLocation, owner: UpdateOwner, takenAt: number): { update: SeedUpdate; notes: string[] } {
  const notes: string[] = [];
  const clusterName = owner.cluster.name!;
  const type = update.type ?? 'unknown';
  const status = update.status ?? 'Successful';
  const createdAt = update.createdAt?.getTime() ?? takenAt;
  const params = (update.params ?? []).map((p) => ({ type: p.type ?? '', value: p.value ?? '' })).map((p) => {
    if (p.type !== 'ConfigurationValues') return p;
    const r = redactConfiguration(p.value);
    if (r.redacted.length > 0) notes.push(`update ${update.id}: configurationValues ${r.redacted.join(', ')} redacted`);
    return { ...p, value: r.text };
  });
  const value = (name: string) => params.find((p) => p.type === name)?.value;
  const effect = effectOf(type, where, owner, value);
  const running = status === 'InProgress';
  if (running && effect.kind === 'none') notes.push(`update ${update.id} (${type}) is running: the rehearsal keeps its resource busy but does not model its change`);

  const timing = running ? runningTiming(type, where, owner, createdAt, takenAt) : { endsAt: iso(Math.min(createdAt + typicalSeconds(type, where, owner) * 1000, takenAt)) };
  return {
    update: {
      id: update.id!,
      cluster: clusterName,
      ...(where.nodegroupName ? { nodegroup: where.nodegroupName } : {}),
      ...(where.addonName ? { addon: where.addonName } : {}),
      type,
      status,
      params,
      createdAt: iso(createdAt),
      ...timing,
      effect,
      errors: (update.errors ?? []).map((e) => ({ errorCode: e.errorCode ?? 'Unknown', errorMessage: e.errorMessage ?? '', resourceIds: e.resourceIds ?? [] })),
      ...(update.cancellation?.status ? {
        cancellation: { status: update.cancellation.status, reason: update.cancellation.reason ?? '' },
        ...(update.cancellation.status === 'InProgress' ? { cancelEndsAt: iso(takenAt + MIN_REMAINING_SECONDS * 1000) } : {}),
      } : {}),
    },
    notes,
  };
}

/**
 * When a running update ends in the rehearsal. An Auto Mode rollback whose cluster still reads ACTIVE is in its node
 * phase (ROLLBACK-AUTO-MODE); one whose cluster reads UPDATING has moved on to the control plane.
 */
function runningTiming(type: string, where: UpdateLocation, owner: UpdateOwner, createdAt: number, takenAt: number): Pick<SeedUpdate, 'endsAt' | 'nodesPhaseEndsAt'> {
  const elapsed = Math.max(0, takenAt - createdAt) / 1000;
  const remaining = (seconds: number) => Math.max(seconds - elapsed, MIN_REMAINING_SECONDS) * 1000;
  if (type === 'VersionRollback' && owner.cluster.computeConfig?.enabled) {
    if (owner.cluster.status === 'ACTIVE') {
      const nodesEnd = takenAt + remaining(ROLLBACK_NODES_SECONDS);
      return { nodesPhaseEndsAt: iso(nodesEnd), endsAt: iso(nodesEnd + CONTROL_PLANE_SECONDS * 1000) };
    }
    return { nodesPhaseEndsAt: iso(takenAt), endsAt: iso(takenAt + remaining(ROLLBACK_NODES_SECONDS + CONTROL_PLANE_SECONDS)) };
  }
  return { endsAt: iso(takenAt + remaining(typicalSeconds(type, where, owner))) };
}

function typicalSeconds(type: string, where: UpdateLocation, owner: UpdateOwner): number {
  if (type === 'VersionRollback') return (owner.cluster.computeConfig?.enabled ? ROLLBACK_NODES_SECONDS : 0) + CONTROL_PLANE_SECONDS;
  const resource: ResourceRef = where.nodegroupName ? { kind: 'nodegroup', name: where.nodegroupName }
    : where.addonName ? { kind: 'addon', name: where.addonName } : { kind: 'cluster', name: owner.cluster.name! };
  return expectedSecondsForRunning({ resource, updateId: '', type }, owner.nodegroup && toLiveNodegroup(owner.nodegroup, owner.cluster.version ?? ''));
}

/** What the update changes when it succeeds, read from its parameters (UpdateParam: API Reference, UpdateParam). */
function effectOf(type: string, where: UpdateLocation, owner: UpdateOwner, value: (name: string) => string | undefined): SeedUpdateEffect {
  const { cluster, nodegroup, addon } = owner;
  if (where.nodegroupName) {
    if (type === 'VersionUpdate') {
      return compact({
        kind: 'nodegroupVersion',
        version: value('Version') ?? nodegroup?.version ?? cluster.version!,
        releaseVersion: value('ReleaseVersion'),
        launchTemplateVersion: value('LaunchTemplateVersion'),
      });
    }
    if (type === 'ConfigUpdate' && ['MaxUnavailable', 'MaxUnavailablePercentage', 'UpdateStrategy'].some((p) => value(p) !== undefined)) {
      return { kind: 'nodegroupConfig', updateConfig: updateConfigOf(nodegroup?.updateConfig, value) };
    }
    return { kind: 'none' };
  }
  if (where.addonName) {
    if (type !== 'AddonUpdate') return { kind: 'none' };
    return compact({
      kind: 'addon',
      version: value('AddonVersion') ?? addon?.addonVersion ?? '',
      configurationValues: value('ConfigurationValues'),
      serviceAccountRoleArn: value('ServiceAccountRoleArn'),
      podIdentityAssociations: associationsOf(value('PodIdentityAssociations')),
    });
  }
  if (type === 'VersionUpdate' || type === 'VersionRollback') {
    return {
      kind: 'clusterVersion',
      version: value('Version') ?? cluster.version!,
      platformVersion: value('PlatformVersion') ?? cluster.platformVersion ?? 'eks.1',
      rollback: type === 'VersionRollback',
    };
  }
  return { kind: 'none' };
}

/** The node group's updateConfig once the update's parameters are applied: one size field, the strategy kept unless given. */
function updateConfigOf(current: Nodegroup['updateConfig'], value: (name: string) => string | undefined): SeedUpdateConfig {
  const max = value('MaxUnavailable');
  const percentage = value('MaxUnavailablePercentage');
  const size = max !== undefined ? { maxUnavailable: Number(max) }
    : percentage !== undefined ? { maxUnavailablePercentage: Number(percentage) }
      : { maxUnavailable: current?.maxUnavailable, maxUnavailablePercentage: current?.maxUnavailablePercentage };
  const strategy = (value('UpdateStrategy') ?? current?.updateStrategy) as SeedUpdateConfig['updateStrategy'];
  return compact({ ...size, updateStrategy: strategy });
}

/** The associations an add-on update sets, when its parameter lists them as service account and role. */
function associationsOf(text: string | undefined): SeedAssociation[] | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p?.serviceAccount === 'string' && typeof p?.roleArn === 'string')) {
      return parsed.map((p) => ({ serviceAccount: p.serviceAccount, roleArn: p.roleArn }));
    }
  } catch {
    // Not a list the seed can hold: the update then leaves the associations as they are.
  }
  return undefined;
}

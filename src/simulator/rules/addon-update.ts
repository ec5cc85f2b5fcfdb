import { isCompatible } from '../addon-catalog';
import { addonErrors, requestErrors } from '../eks-errors';
import type { OperationContext } from '../operation-context';
import type { PodIdentityAssociationSeed, UpdateEffect } from '../seed';
import type { AddonState, ClusterState } from '../state';
import { inProgressUpdate } from '../world';
import { checkVpcCniMinorStep } from './vpccni-one-minor';

const BUSY = new Set(['UPDATING', 'CREATING', 'DELETING']);
const RESOLVE_CONFLICTS = new Set(['OVERWRITE', 'NONE', 'PRESERVE']);

export interface AddonChange {
  effect: Extract<UpdateEffect, { kind: 'addon' }>;
  params: { type: string; value: string }[];
}

/**
 * UpdateAddon's rules: ADDON-ONE-UPDATE (no update while one runs; API Reference, UpdateAddon — Errors);
 * ADDON-VERSION-OFFERED (the version is one DescribeAddonVersions lists for the cluster's Kubernetes version:
 * "Addon version specified is not supported"); VPCCNI-ONE-MINOR. EKS documents no other add-on downgrade
 * limit. Omitted fields stay as they are; `podIdentityAssociations: []` removes every association the add-on
 * owns; configurationValues are stored as given (JSON or YAML).
 */
export function checkAddonChange(ctx: OperationContext, c: ClusterState, a: AddonState): AddonChange {
  const fields = { clusterName: c.name, addonName: a.name };
  const { addonVersion, resolveConflicts, configurationValues, serviceAccountRoleArn, podIdentityAssociations } = ctx.body;
  const status = inProgressUpdate(ctx.state, c.name, { addon: a.name }) ? 'UPDATING' : a.status;
  if (BUSY.has(status)) throw addonErrors.notUpdatable(c.name, a.name, status);
  if (resolveConflicts !== undefined && !RESOLVE_CONFLICTS.has(resolveConflicts)) throw addonErrors.resolveConflicts(c.name, a.name, resolveConflicts);
  if (addonVersion !== undefined && !isCompatible(ctx.state.addonCatalog, a.name, addonVersion, c.version)) {
    throw addonErrors.versionNotSupported(c.name, a.name);
  }
  if (addonVersion !== undefined) checkVpcCniMinorStep(c.name, a.name, a.version, addonVersion);
  for (const [field, value] of Object.entries({ configurationValues, serviceAccountRoleArn })) {
    if (value !== undefined && typeof value !== 'string') throw requestErrors.badValue(field, value, fields);
  }
  const associations = podIdentityAssociations === undefined ? undefined : checkAssociations(podIdentityAssociations, fields);
  const version: string = addonVersion ?? a.version;
  return {
    effect: { kind: 'addon', version, configurationValues, serviceAccountRoleArn, podIdentityAssociations: associations },
    params: [
      { type: 'AddonVersion', value: version },
      ...(resolveConflicts !== undefined ? [{ type: 'ResolveConflicts', value: resolveConflicts }] : []),
      ...(configurationValues !== undefined ? [{ type: 'ConfigurationValues', value: configurationValues }] : []),
      ...(serviceAccountRoleArn !== undefined ? [{ type: 'ServiceAccountRoleArn', value: serviceAccountRoleArn }] : []),
      ...(associations !== undefined ? [{ type: 'PodIdentityAssociations', value: JSON.stringify(associations) }] : []),
    ],
  };
}

function checkAssociations(value: unknown, fields: { clusterName: string; addonName: string }): PodIdentityAssociationSeed[] {
  const valid = Array.isArray(value) && value.every((p) => typeof p?.serviceAccount === 'string' && typeof p?.roleArn === 'string');
  if (!valid) throw requestErrors.badValue('podIdentityAssociations', value, fields);
  return (value as PodIdentityAssociationSeed[]).map((p) => ({ serviceAccount: p.serviceAccount, roleArn: p.roleArn }));
}

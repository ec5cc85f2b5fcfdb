import {
  AddonSpec, AssumeRoleSpec, ControlPlaneSpec, DataPlanePolicyValue, EvictionsPolicyValue, InsightsPolicyValue, LaunchTemplateTargetSpec,
  NodegroupSpec, PodIdentityAssociationSpec, PolicySpec, ResolveConflictsValue, UpdateConfigSpec, UpdateStrategyValue, UpdateTimeoutsSpec,
  UpgradeSpec,
} from './upgrade-spec';

/**
 * The key `"$schema"` a spec file may carry so that editors validate it against schema/upgrade-spec-v1.schema.json;
 * the engine ignores its value.
 */
export const SCHEMA_KEY = '$schema';

/**
 * Every key of each type: `Record<keyof T, true>` makes the compiler refuse a key the type lacks and demand every
 * key it has, so these lists cannot drift from the TypeScript types.
 */
const spec: Record<keyof UpgradeSpec | typeof SCHEMA_KEY, true> = {
  [SCHEMA_KEY]: true, specVersion: true, clusterName: true, region: true, assumeRole: true, controlPlane: true, addons: true, nodegroups: true, policy: true,
};
const assumeRole: Record<keyof AssumeRoleSpec, true> = { roleArn: true, externalId: true, sessionName: true };
const controlPlane: Record<keyof ControlPlaneSpec, true> = { version: true, force: true, allowRollback: true, rollbackTimeoutMinutes: true };
const addon: Record<keyof AddonSpec, true> = {
  name: true, version: true, resolveConflicts: true, configurationValues: true, serviceAccountRoleArn: true, podIdentityAssociations: true,
};
const podIdentityAssociation: Record<keyof PodIdentityAssociationSpec, true> = { serviceAccount: true, roleArn: true };
const nodegroup: Record<keyof NodegroupSpec, true> = {
  name: true, version: true, releaseVersion: true, launchTemplate: true, force: true, updateConfig: true, evictions: true,
};
const launchTemplate: Record<keyof LaunchTemplateTargetSpec, true> = { id: true, name: true, version: true };
const updateConfig: Record<keyof UpdateConfigSpec, true> = { maxUnavailable: true, maxUnavailablePercentage: true, updateStrategy: true };
const policy: Record<keyof PolicySpec, true> = {
  insights: true,
  maxConcurrentNodegroups: true,
  maxKubeletSkew: true,
  skipLevelNodegroups: true,
  updateTimeoutMinutes: true,
  dataPlane: true,
  evictions: true,
};
const updateTimeoutMinutes: Record<keyof UpdateTimeoutsSpec, true> = { cluster: true, nodegroup: true, addon: true };

/** The objects of a spec (v1), each by the path the parser reports (`[]` for any list item). */
export type SpecObject = 'spec' | 'assumeRole' | 'controlPlane' | 'addons[]' | 'addons[].podIdentityAssociations[]' | 'nodegroups[]'
| 'nodegroups[].launchTemplate' | 'nodegroups[].updateConfig' | 'policy' | 'policy.updateTimeoutMinutes';

/** The keys the parser accepts in each object of a spec; anything else is refused as an unknown key. */
export const SPEC_KEYS: Readonly<Record<SpecObject, readonly string[]>> = {
  'spec': Object.keys(spec),
  'assumeRole': Object.keys(assumeRole),
  'controlPlane': Object.keys(controlPlane),
  'addons[]': Object.keys(addon),
  'addons[].podIdentityAssociations[]': Object.keys(podIdentityAssociation),
  'nodegroups[]': Object.keys(nodegroup),
  'nodegroups[].launchTemplate': Object.keys(launchTemplate),
  'nodegroups[].updateConfig': Object.keys(updateConfig),
  'policy': Object.keys(policy),
  'policy.updateTimeoutMinutes': Object.keys(updateTimeoutMinutes),
};

/**
 * Every value of each field that takes one of a few words, by the field's path, from the same `Record<T, true>` trick
 * as the keys above, so a value added to a type is accepted by the parser too.
 */
const insights: Record<InsightsPolicyValue, true> = { fail: true, warn: true, ignore: true };
const dataPlane: Record<DataPlanePolicyValue, true> = { 'required': true, 'best-effort': true, 'off': true };
const evictions: Record<EvictionsPolicyValue, true> = { fail: true, warn: true, force: true };
const resolveConflicts: Record<ResolveConflictsValue, true> = { OVERWRITE: true, NONE: true, PRESERVE: true };
const updateStrategy: Record<UpdateStrategyValue, true> = { DEFAULT: true, MINIMAL: true };

/** The fields that take one of a few words, by the path the parser reports (`[]` for any list item). */
export type SpecValueField = 'addons[].resolveConflicts' | 'nodegroups[].evictions' | 'nodegroups[].updateConfig.updateStrategy'
| 'policy.insights' | 'policy.dataPlane' | 'policy.evictions';

/** The words each such field accepts; anything else is refused with this list. */
export const SPEC_VALUES: Readonly<Record<SpecValueField, readonly string[]>> = {
  'addons[].resolveConflicts': Object.keys(resolveConflicts),
  'nodegroups[].evictions': Object.keys(evictions),
  'nodegroups[].updateConfig.updateStrategy': Object.keys(updateStrategy),
  'policy.insights': Object.keys(insights),
  'policy.dataPlane': Object.keys(dataPlane),
  'policy.evictions': Object.keys(evictions),
};

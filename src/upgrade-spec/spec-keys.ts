import {
  AddonSpec, AssumeRoleSpec, ControlPlaneSpec, LaunchTemplateTargetSpec, NodegroupSpec, PodIdentityAssociationSpec, PolicySpec,
  UpdateConfigSpec, UpdateTimeoutsSpec, UpgradeSpec,
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
  name: true, version: true, releaseVersion: true, launchTemplate: true, force: true, updateConfig: true,
};
const launchTemplate: Record<keyof LaunchTemplateTargetSpec, true> = { id: true, name: true, version: true };
const updateConfig: Record<keyof UpdateConfigSpec, true> = { maxUnavailable: true, maxUnavailablePercentage: true, updateStrategy: true };
const policy: Record<keyof PolicySpec, true> = {
  insights: true, maxConcurrentNodegroups: true, maxKubeletSkew: true, skipLevelNodegroups: true, updateTimeoutMinutes: true, dataPlane: true,
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

import { LiveAddon } from '../../aws/live-state';
import { AddonSpec } from '../../upgrade-spec/upgrade-spec';
import { sameConfigurationValues } from '../configuration-values';
import { samePodIdentityAssociations } from '../pod-identity-associations';

/**
 * ADDON-SETTINGS-CONTENT — a target is met when its content is: EKS takes configurationValues as JSON or YAML
 * (add-on configuration page), so they compare parsed; pod identity associations compare by service account and
 * role, not by count. Omitted fields are not targets.
 */
export function settingsDiffer(a: AddonSpec, live: LiveAddon): boolean {
  return (a.configurationValues !== undefined && !sameConfigurationValues(a.configurationValues, live.configurationValues)) ||
    (a.serviceAccountRoleArn !== undefined && a.serviceAccountRoleArn !== live.serviceAccountRoleArn) ||
    (a.podIdentityAssociations !== undefined && !samePodIdentityAssociations(a.podIdentityAssociations, live.podIdentityAssociations));
}

import { LiveNodegroup } from '../../aws/live-state';
import { NODEGROUP_VERSION_CLUSTER, NodegroupSpec } from '../../upgrade-spec/upgrade-spec';
import { Finding } from '../plan-types';
import { refuse } from './finding';

export function isCustomAmi(live: LiveNodegroup): boolean {
  return live.amiType === 'CUSTOM';
}

/**
 * NG-CUSTOM-AMI — UpdateNodegroupVersion reference ("If you specify launchTemplate, and your launch template uses a
 * custom AMI, then don't specify version, or the node group update will fail"); EKS answers "You cannot specify the
 * field kubernetesVersion when using custom AMIs." Such a node group moves only with a new launch template version.
 */
export function checkCustomAmiFields(ng: NodegroupSpec, live: LiveNodegroup, field: string): Finding[] {
  if (!isCustomAmi(live) || (ng.version === NODEGROUP_VERSION_CLUSTER && ng.releaseVersion === undefined)) return [];
  return [refuse('NG-CUSTOM-AMI', `${field}.${ng.releaseVersion !== undefined ? 'releaseVersion' : 'version'}`,
    `node group '${ng.name}' runs a custom AMI: EKS refuses a version or release version for it ("You cannot specify the field kubernetesVersion when using custom AMIs."); roll it with a launch template version instead`)];
}

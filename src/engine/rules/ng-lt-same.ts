import { LiveNodegroup } from '../../aws/live-state';
import { NodegroupSpec } from '../../upgrade-spec/upgrade-spec';
import { Finding } from '../plan-types';
import { refuse } from './finding';

/**
 * NG-LT-SAME — UpdateNodegroupVersion reference: a launch template only for a node group created with one, and its
 * id or name must be the one it was created with ("Either provide launch template ID or launch template name in the
 * request." covers the XOR, which the spec parser already enforces).
 */
export function checkLaunchTemplate(ng: NodegroupSpec, live: LiveNodegroup, field: string): Finding[] {
  if (!ng.launchTemplate) return [];
  const lt = live.launchTemplate;
  if (!lt) {
    return [refuse('NG-LT-SAME', `${field}.launchTemplate`, `node group '${ng.name}' was created without a launch template; EKS can only roll a node group to a version of the template it was created with`)];
  }
  const want = ng.launchTemplate;
  if ((want.id && lt.id && want.id !== lt.id) || (want.name && lt.name && want.name !== lt.name)) {
    return [refuse('NG-LT-SAME', `${field}.launchTemplate`, `names ${want.id ?? want.name}, but node group '${ng.name}' uses ${lt.id ?? lt.name}; EKS only accepts versions of the node group's own template`)];
  }
  return [];
}

import { compareMinor } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { refuse } from './finding';
import { MatchSubject } from './mng-match-cp';
import { jsonSnippet } from '../../upgrade-spec/fix-snippet';

/**
 * ROLLBACK-MNG-FIRST — EKS user guide, cluster rollback: managed node groups are rolled back to the previous version
 * (UpdateNodegroupVersion) before the control plane rolls back. A node group the plan cannot roll back (not in the
 * spec, or on a custom AMI) and above the rollback target makes the rollback impossible.
 */
export function checkRollsBackFirst(ng: MatchSubject, rollbackTarget: string): Finding[] {
  if (compareMinor(ng.live.version, rollbackTarget) <= 0) return [];
  const name = ng.live.name;
  if (ng.field === undefined) {
    return [refuse('ROLLBACK-MNG-FIRST', `nodegroup/${name}`, `node group '${name}' runs ${ng.live.version}, above the rollback target ${rollbackTarget}, and EKS rolls managed node groups back before the control plane; add it to nodegroups (e.g. ${jsonSnippet({ name })}) so it is rolled back first`)];
  }
  if (ng.custom) {
    return [refuse('ROLLBACK-MNG-FIRST', ng.field, `node group '${name}' runs a custom AMI on ${ng.live.version}, above the rollback target ${rollbackTarget}; EKS rolls managed node groups back before the control plane, and a custom AMI moves only with its launch template: roll it to an image for ${rollbackTarget} first`)];
  }
  return [];
}

/** Whether a targeted managed node group must step down before the control plane rolls back. */
export function needsRollback(version: string, rollbackTarget: string): boolean {
  return compareMinor(version, rollbackTarget) > 0;
}

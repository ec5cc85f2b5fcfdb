import { LiveState } from '../../aws/live-state';
import { minorDistance } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { refuse } from './finding';

/** EKS rolls back only within 7 days of the upgrade (User Guide, Roll back a cluster, Prerequisites). */
export const ROLLBACK_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * ROLLBACK-ELIGIBLE — User Guide, Roll back a cluster, Prerequisites: EKS refuses a rollback more than 7 days after the
 * upgrade, for a cluster created at its current version, and to a version in extended support while the upgrade policy
 * is STANDARD; `force` lifts none of these. Checked at plan, so a refused rollback moves no node group (the plan rolls
 * node groups back first, ROLLBACK-MNG-FIRST). The window is measured from when the upgrade started (the update history
 * gives no end), so it never closes later than EKS's. ERROR and UNKNOWN rollback-readiness insights are checked before
 * any change too (preflight.ts).
 */
export function checkRollbackEligible(state: LiveState, target: string): Finding[] {
  const live = state.cluster.version;
  // Other distances are CP-ROLLBACK's refusal (cp-rollback.ts).
  if (minorDistance(target, live) !== 1) return [];
  const findings: Finding[] = [];
  const last = state.rollback?.lastVersionChange;
  const field = 'controlPlane.version';
  if (state.rollback !== undefined && (last === undefined || last.type !== 'VersionUpdate' || last.to !== live)) {
    const why = last === undefined ? 'its update history shows no upgrade' : last.type === 'VersionRollback' ? `its last version change was a rollback to ${last.to}` : `its last upgrade went to ${last.to}`;
    findings.push(refuse('ROLLBACK-ELIGIBLE', field, `cluster ${state.cluster.name} was not upgraded in place to ${live} (${why}): EKS rolls back only a cluster upgraded in place to its current version, and a cluster created at ${live} cannot be rolled back; keep ${live} as the target`));
  } else if (last !== undefined && state.support !== undefined) {
    const closes = Date.parse(last.at) + ROLLBACK_WINDOW_MS;
    if (Date.parse(state.support.readAt) > closes) {
      findings.push(refuse('ROLLBACK-ELIGIBLE', field, `the upgrade of cluster ${state.cluster.name} to ${live} started ${last.at}, and EKS allows a rollback only within 7 days of an upgrade (the window closed ${new Date(closes).toISOString()}); keep ${live} as the target`));
    }
  }
  const support = state.support?.versions[target];
  if (support?.status === 'EXTENDED_SUPPORT' && state.support?.upgradePolicy === 'STANDARD') {
    findings.push(refuse('ROLLBACK-ELIGIBLE', field, `${target} is in extended support and cluster ${state.cluster.name}'s upgrade policy is STANDARD: EKS rolls back to an extended-support version only under the EXTENDED policy; first run aws eks update-cluster-config --name ${state.cluster.name} --upgrade-policy supportType=EXTENDED (extended support is billed), then apply again`));
  }
  return findings;
}

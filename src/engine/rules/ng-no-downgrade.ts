import { refuse } from './finding';
import { LiveNodegroup } from '../../aws/live-state';
import { compareReleaseVersions } from '../../aws/release-versions';
import { compareMinor } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';

/**
 * NG-NO-DOWNGRADE — UpdateNodegroupVersion reference: "You cannot roll back a node group to an earlier Kubernetes
 * version or AMI version." The one exception is ROLLBACK-MNG-FIRST: a node group follows its control plane back.
 */
export function checkNoDowngrade(live: LiveNodegroup, version: string, releaseVersion: string | undefined, rollbackTarget: string | undefined, field: string): Finding[] {
  if (compareMinor(version, live.version) < 0 && version !== rollbackTarget) {
    return [refuse('NG-NO-DOWNGRADE', `${field}.version`, `${version} is below node group '${live.name}''s ${live.version}: EKS cannot roll a node group back; target ${live.version} or later`)];
  }
  if (releaseVersion !== undefined && version === live.version && live.releaseVersion !== undefined && compareReleaseVersions(releaseVersion, live.releaseVersion) < 0) {
    return [refuse('NG-NO-DOWNGRADE', `${field}.releaseVersion`, `${releaseVersion} is older than node group '${live.name}''s ${live.releaseVersion}: EKS cannot roll an AMI back`)];
  }
  return [];
}

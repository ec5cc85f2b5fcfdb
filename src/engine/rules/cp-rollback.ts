import { compareMinor, minorDistance, previousMinor } from '../../upgrade-spec/kubernetes-minor';
import { UpgradeSpec } from '../../upgrade-spec/upgrade-spec';
import { Finding } from '../plan-types';
import { refuse } from './finding';

/**
 * CP-ROLLBACK — UpdateClusterVersion reference and the user guide's cluster rollback page: EKS never downgrades
 * a control plane, except one minor back to the version it was upgraded from, run as a VersionRollback update.
 */
export function checkControlPlaneDirection(spec: UpgradeSpec, cpLive: string): Finding[] {
  const target = spec.controlPlane.version;
  if (compareMinor(target, cpLive) >= 0) return [];
  if (spec.controlPlane.allowRollback && minorDistance(target, cpLive) === 1) return [];
  return [refuse('CP-ROLLBACK', 'controlPlane.version', spec.controlPlane.allowRollback
    ? `${target} is more than one minor below the cluster's ${cpLive}: EKS rolls back one minor at most (to ${previousMinor(cpLive)})`
    : `${target} is below the cluster's ${cpLive}: EKS does not downgrade; set the target to ${cpLive} or later (or allowRollback for a one-minor rollback)`)];
}

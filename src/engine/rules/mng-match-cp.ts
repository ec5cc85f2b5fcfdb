import { LiveNodegroup } from '../../aws/live-state';
import { compareMinor, minorDistance, nextMinor, previousMinor } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { refuse, warn } from './finding';
import { jsonSnippet } from '../../upgrade-spec/fix-snippet';

/**
 * MNG-MATCH-CP — UpdateClusterVersion reference: with managed node groups attached, all of their Kubernetes versions
 * must match the cluster's before the cluster moves to a new version; EKS refuses otherwise with
 * InvalidParameterException "Nodegroups <names> must be updated to match cluster version <v> before updating cluster
 * version". So a multi-minor upgrade interleaves: control plane one minor, every managed node group to it, next minor.
 * These checks refuse, before any change, what cannot follow that walk.
 */
export interface MatchSubject {
  readonly live: LiveNodegroup;
  /** Spec path when the node group is targeted, undefined when the spec does not name it. */
  readonly field?: string;
  readonly custom: boolean;
  /** The targeted version (undefined for custom AMIs, whose version only a launch template roll moves). */
  readonly version?: string;
  /** A new launch template version is rolled after the control plane in this apply (custom AMIs follow that way). */
  readonly rollsTemplate?: boolean;
}

export function checkFollowsControlPlane(ng: MatchSubject, cpLive: string, cpTarget: string): Finding[] {
  if (compareMinor(cpTarget, cpLive) <= 0) return [];
  const name = ng.live.name;
  const field = ng.field ?? `nodegroup/${name}`;
  const lastFrom = previousMinor(cpTarget);
  if (ng.field !== undefined && !ng.custom) {
    if (ng.version !== undefined && compareMinor(ng.version, lastFrom) < 0) {
      return [refuse('MNG-MATCH-CP', `${ng.field}.version`, `${ng.version} would block the control plane's step ${lastFrom} → ${cpTarget}: EKS requires managed node groups to match the control plane before each minor step; target ${lastFrom} or later (or "cluster"), or set policy.skipLevelNodegroups to let node groups skip minors within the kubelet skew`)];
    }
    return [];
  }
  // Untargeted or custom-AMI node groups do not move with the walk: they must already match, and can match only one step.
  const fix = ng.custom
    ? `a custom-AMI node group moves only with a new launch template version (an image for the next minor), so upgrade one minor per apply: roll its launch template, then target ${nextMinor(ng.live.version)}`
    : `add it to nodegroups (e.g. ${jsonSnippet({ name })}) so it is upgraded along`;
  if (ng.live.version !== cpLive) {
    return [refuse('MNG-MATCH-CP', field, `node group '${name}' runs ${ng.live.version}, and EKS refuses to move the control plane from ${cpLive} until every managed node group matches it; ${fix}`)];
  }
  if (minorDistance(cpLive, cpTarget) > 1) {
    return [refuse('MNG-MATCH-CP', field, `node group '${name}' would stay on ${cpLive} while the control plane steps through ${nextMinor(cpLive)}, and EKS refuses the step ${nextMinor(cpLive)} → ${nextMinor(nextMinor(cpLive))} until it matches; ${fix}`)];
  }
  // A custom-AMI node group whose new template is rolled after the step comes level with it (EKS reads its image).
  if (ng.custom && ng.rollsTemplate) return [];
  return [warn('MNG-MATCH-CP', field, `node group '${name}' stays on ${cpLive} while the control plane moves to ${cpTarget}; EKS will refuse the next control-plane update until it matches (${ng.custom ? `roll its launch template to an image for ${cpTarget}` : 'add it to nodegroups'})`)];
}

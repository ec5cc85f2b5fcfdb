import { minorDistance } from '../src/upgrade-spec/kubernetes-minor';

/** A managed node group as the minimum-rolls count needs it. */
export interface NodegroupAt {
  readonly version: string;
  /** True when its AMI release must move even at the target minor (the spec asks for a newer release). */
  readonly releaseMoves: boolean;
}

/**
 * The fewest UpdateNodegroupVersion calls EKS's rules allow for a control plane going to `target`, derived from
 * the rule itself and not from the planner: before each control-plane minor step every managed node group must
 * already run the control plane's current minor (MNG-MATCH-CP, docs/eks-rules.md), and one UpdateNodegroupVersion
 * moves a node group by one minor at most under that rule. So a node group below the target rolls once per minor
 * it crosses (its last roll also takes the newest AMI release); with skip-level node groups on, the kubelet skew
 * lets it wait and roll once. A node group already on the target rolls once if its release moves, else not at all.
 */
export function minimumNodegroupRolls(nodegroups: readonly NodegroupAt[], target: string, skipLevel = false): number {
  return nodegroups.reduce((sum, ng) => {
    const behind = minorDistance(ng.version, target);
    if (behind > 0) return sum + (skipLevel ? 1 : behind);
    return sum + (ng.releaseMoves ? 1 : 0);
  }, 0);
}

import { clusterErrors } from '../eks-errors';
import { minorDistance } from '../minor-version';
import type { ClusterState, NodegroupState } from '../state';
import { rollbackTarget } from './cp-rollback';

/**
 * ROLLBACK-MNG-FIRST: "You must rollback your managed node groups to the previous version before rolling back
 * the control plane. Use the UpdateNodegroupVersion API." (User Guide, Rollback cluster to previous Kubernetes
 * version). The control-plane rollback is refused while a managed node group runs above the rollback target;
 * EKS publishes no message for it, so the simulator's is its own (docs/simulator.md).
 */
export function checkNodegroupsRolledBack(c: ClusterState, target: string): void {
  const above = c.nodegroups.filter((n) => (minorDistance(target, n.version) ?? 0) > 0).map((n) => n.name);
  if (above.length) throw clusterErrors.nodegroupsNotRolledBack(c.name, target, above);
}

/**
 * The one downgrade UpdateNodegroupVersion accepts (NG-NO-DOWNGRADE's exception): a node group on the
 * cluster's version rolls back to the cluster's rollback target, while the cluster can still roll back.
 */
export function isNodegroupRollback(c: ClusterState, n: NodegroupState, target: string, now: number): boolean {
  return n.version === c.version && rollbackTarget(c, now) === target;
}

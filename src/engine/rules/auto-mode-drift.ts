import { withinKubeletSkew } from './kubelet-skew';
import { DataPlaneNode } from '../../kubernetes/data-plane-view';
import { compareMinor } from '../../upgrade-spec/kubernetes-minor';

/**
 * AUTO-MODE-DRIFT — update-cluster guide: "After you upgrade the control plane, EKS Auto Mode will begin incrementally
 * updating managed nodes. EKS Auto Mode respects pod disruption budgets." Nothing in EKS waits for that drift, so a
 * chained apply that takes its next step first can leave Auto Mode nodes beyond the kubelet skew. They are not refused
 * (EKS moves them); the engine waits, before each control-plane step up, until none lags beyond the skew of its
 * target. A rollback is not awaited: its VersionRollback rolls the Auto Mode nodes back itself (ROLLBACK-AUTO-MODE).
 */
export function autoNodesBeyondSkew(nodes: readonly DataPlaneNode[], from: string, target: string, maxSkew: number): DataPlaneNode[] {
  if (compareMinor(target, from) < 0) return [];
  return nodes.filter((n) => n.managedBy.kind === 'auto' && n.minor !== undefined && !withinKubeletSkew(n.minor, target, maxSkew));
}

/** One progress line: how many Auto Mode nodes still lag, and the oldest of them. */
export function driftProgress(waiting: readonly DataPlaneNode[], target: string): string {
  const oldest = [...waiting].sort((a, b) => compareMinor(a.minor!, b.minor!))[0];
  return `waiting for EKS Auto Mode to replace ${waiting.length} node(s) beyond the kubelet skew of ${target} (oldest: ${oldest.name} on kubelet ${oldest.kubeletVersion}) [AUTO-MODE-DRIFT]`;
}

import type { SeedDataPlane, SeedDataPlaneNode, SeedDataPlanePod } from './seed-document';
import type { DataPlaneNode, DataPlanePod, DataPlaneView } from '../kubernetes/data-plane-view';

/**
 * The data plane as a seed says it (the simulator's `dataPlane`), from what the Kubernetes API showed: nodes with what
 * manages them and their kubelets, the pods placed on them, Fargate pods with their pinned kubelets, Deployments and
 * DaemonSets, and the budgets. Names, labels and versions stay; nothing else of the workloads is written (no images,
 * no environment, no specs beyond replicas and selectors).
 */
export function seedDataPlane(view: DataPlaneView): SeedDataPlane {
  const fargateNodes = new Map(view.nodes.filter((n) => n.managedBy.kind === 'fargate').map((n) => [n.name, n]));
  const workloads = view.workloads.map((w) => ({
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    ...(w.kind === 'Deployment' && w.replicas !== undefined ? { replicas: w.replicas } : {}),
    ...(w.selector ? { labels: { ...w.selector } } : {}),
  }));
  return {
    nodes: view.nodes.filter((n) => !fargateNodes.has(n.name)).map(seedNode),
    workloads,
    // DaemonSet pods run on every eligible node in the simulator; listing them as well would double them.
    pods: view.pods.filter((p) => p.owner?.kind !== 'DaemonSet' && !(p.nodeName && fargateNodes.has(p.nodeName))).map((p) => seedPod(p, workloads)),
    fargatePods: view.pods.filter((p) => p.nodeName && fargateNodes.has(p.nodeName)).map((p) => ({
      name: p.name, namespace: p.namespace, labels: { ...p.labels }, kubeletVersion: fargateNodes.get(p.nodeName!)!.kubeletVersion,
    })),
    podDisruptionBudgets: view.podDisruptionBudgets.map((b) => ({
      name: b.name,
      namespace: b.namespace,
      selector: { ...b.selector },
      ...(b.minAvailable !== undefined ? { minAvailable: b.minAvailable } : {}),
      ...(b.maxUnavailable !== undefined ? { maxUnavailable: b.maxUnavailable } : {}),
    })),
  };
}

function seedNode(n: DataPlaneNode): SeedDataPlaneNode {
  const m = n.managedBy;
  return {
    name: n.name,
    managedBy: m.kind === 'nodegroup' ? 'nodegroup' : m.kind === 'karpenter' ? 'karpenter' : m.kind === 'auto' ? 'auto' : 'self-managed',
    ...(m.kind === 'nodegroup' ? { nodegroup: m.nodegroup } : {}),
    ...((m.kind === 'karpenter' || m.kind === 'auto') && m.nodePool ? { nodePool: m.nodePool } : {}),
    kubeletVersion: n.kubeletVersion,
    ...(n.unschedulable ? { unschedulable: true } : {}),
  };
}

/**
 * A pod with its controller as the seed names it: a ReplicaSet's pods belong to the Deployment whose selector
 * matches them (Deployments own pods through ReplicaSets); a pod with no such owner stays without one.
 */
function seedPod(p: DataPlanePod, workloads: readonly { kind: string; name: string; namespace: string; labels?: Record<string, string> }[]): SeedDataPlanePod {
  const deployment = p.owner?.kind === 'ReplicaSet'
    ? workloads.find((w) => w.kind === 'Deployment' && w.namespace === p.namespace && w.labels && Object.entries(w.labels).every(([k, v]) => p.labels[k] === v))
    : undefined;
  return {
    name: p.name,
    namespace: p.namespace,
    ...(deployment ? { owner: { kind: 'Deployment' as const, name: deployment.name } } : {}),
    ...(p.nodeName ? { nodeName: p.nodeName } : {}),
    labels: { ...p.labels },
  };
}

import {
  DataPlaneBudget, DataPlaneNode, DataPlanePod, DataPlaneWorkload, kubeletMinor, nodeManager,
} from './data-plane-view';

/** The fields of the Kubernetes objects this product reads; everything else in them is ignored. */
interface Meta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly ownerReferences?: ReadonlyArray<{ readonly kind?: string; readonly name?: string; readonly controller?: boolean }>;
}

export interface KubeNode {
  readonly metadata?: Meta;
  readonly spec?: { readonly unschedulable?: boolean };
  readonly status?: {
    readonly nodeInfo?: { readonly kubeletVersion?: string };
    readonly conditions?: ReadonlyArray<{ readonly type?: string; readonly status?: string }>;
  };
}

export interface KubePod {
  readonly metadata?: Meta;
  readonly spec?: { readonly nodeName?: string; readonly containers?: ReadonlyArray<{ readonly image?: string }> };
  readonly status?: { readonly phase?: string; readonly conditions?: ReadonlyArray<{ readonly type?: string; readonly status?: string }> };
}

export interface KubeBudget {
  readonly metadata?: Meta;
  readonly spec?: {
    readonly selector?: { readonly matchLabels?: Record<string, string> };
    readonly minAvailable?: number | string;
    readonly maxUnavailable?: number | string;
  };
  readonly status?: {
    readonly disruptionsAllowed?: number;
    readonly expectedPods?: number;
    readonly desiredHealthy?: number;
    readonly currentHealthy?: number;
  };
}

export interface KubeWorkload {
  readonly metadata?: Meta;
  readonly spec?: { readonly replicas?: number; readonly selector?: { readonly matchLabels?: Record<string, string> } };
}

export function toNode(n: KubeNode): DataPlaneNode {
  const kubeletVersion = n.status?.nodeInfo?.kubeletVersion ?? '';
  const minor = kubeletMinor(kubeletVersion);
  return {
    name: n.metadata?.name ?? '',
    kubeletVersion,
    ...(minor !== undefined ? { minor } : {}),
    managedBy: nodeManager(n.metadata?.labels ?? {}),
    unschedulable: n.spec?.unschedulable === true,
    ...readiness(n),
  };
}

export function toPod(p: KubePod): DataPlanePod {
  const refs = p.metadata?.ownerReferences ?? [];
  const owner = refs.find((r) => r.controller) ?? refs[0];
  return {
    namespace: p.metadata?.namespace ?? 'default',
    name: p.metadata?.name ?? '',
    ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
    ...(owner?.kind && owner.name ? { owner: { kind: owner.kind, name: owner.name } } : {}),
    ...(p.status?.phase ? { phase: p.status.phase } : {}),
    labels: p.metadata?.labels ?? {},
    ...readiness(p),
    images: (p.spec?.containers ?? []).flatMap((c) => (c.image ? [c.image] : [])),
  };
}

/** A node's or a pod's Ready condition, when it reports one. */
function readiness(o: { readonly status?: { readonly conditions?: ReadonlyArray<{ readonly type?: string; readonly status?: string }> } }): { ready?: boolean } {
  const ready = o.status?.conditions?.find((c) => c.type === 'Ready');
  return ready ? { ready: ready.status === 'True' } : {};
}

export function toBudget(b: KubeBudget): DataPlaneBudget {
  return {
    namespace: b.metadata?.namespace ?? 'default',
    name: b.metadata?.name ?? '',
    selector: b.spec?.selector?.matchLabels ?? {},
    ...(b.status?.disruptionsAllowed !== undefined ? { disruptionsAllowed: b.status.disruptionsAllowed } : {}),
    ...budgetCounts(b),
  };
}

export function toWorkload(kind: DataPlaneWorkload['kind'], w: KubeWorkload): DataPlaneWorkload {
  return {
    kind,
    namespace: w.metadata?.namespace ?? 'default',
    name: w.metadata?.name ?? '',
    ...(kind === 'Deployment' && w.spec?.replicas !== undefined ? { replicas: w.spec.replicas } : {}),
    ...(w.spec?.selector?.matchLabels ? { selector: w.spec.selector.matchLabels } : {}),
  };
}

/** What an eviction prediction needs of a budget: its spec's bounds and its status's counts, each only when set. */
function budgetCounts(b: KubeBudget): Partial<DataPlaneBudget> {
  const out: Record<string, number | string> = {};
  if (b.spec?.minAvailable !== undefined) out.minAvailable = b.spec.minAvailable;
  if (b.spec?.maxUnavailable !== undefined) out.maxUnavailable = b.spec.maxUnavailable;
  for (const k of ['expectedPods', 'desiredHealthy', 'currentHealthy'] as const) {
    if (b.status?.[k] !== undefined) out[k] = b.status[k]!;
  }
  return out;
}

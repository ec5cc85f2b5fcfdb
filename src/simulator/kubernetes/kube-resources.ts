import type { ClusterState } from '../state';
import type { DataPlaneState, PodState, WorkloadState } from './data-plane-state';
import type { ServedResource } from './discovery';
import {
  allPods, daemonSetObject, deploymentObject, namespaceObject, nodeObject, pdbObject, podObject,
} from './kube-objects';

/** One served resource's objects (in a namespace, or all of them), and the fields its field selectors may name. */
export interface ResourceReader {
  fieldSelectors: readonly string[];
  list(namespace: string | undefined): Record<string, any>[];
  fields(obj: Record<string, any>): Record<string, string>;
}

const metaFields = (o: Record<string, any>) => ({ 'metadata.name': o.metadata.name, 'metadata.namespace': o.metadata.namespace ?? '' });
const inNamespace = <T extends { namespace: string }>(items: T[], ns: string | undefined) => (ns === undefined ? items : items.filter((i) => i.namespace === ns));
const byName = <T extends Record<string, any>>(items: T[]) => [...items].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));

/** An add-on update in progress: its DaemonSet's pods move to `version` one node at a time over the update. */
export interface AddonRollout {
  readonly addon: string;
  readonly version: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Readers for each resource of discovery.ts, over a cluster's data plane at simulated time `now`. */
export function resourceReader(resource: ServedResource, c: ClusterState, now: number, rollouts: readonly AddonRollout[] = []): ResourceReader {
  const dp: DataPlaneState = { ...c.dataPlane, workloads: c.dataPlane.workloads.map((w) => withAddonImage(c, w, rollouts, now)) };
  switch (resource.name) {
    case 'nodes':
      return {
        list: () => byName(dp.nodes.map((n) => nodeObject(n, now))),
        fieldSelectors: ['metadata.name', 'spec.unschedulable'],
        fields: (o) => ({ ...metaFields(o), 'spec.unschedulable': String(o.spec.unschedulable === true) }),
      };
    case 'pods':
      return {
        list: (ns) => byName(inNamespace<PodState>(allPods(dp), ns).map((p) => podObject(dp, p, now))),
        fieldSelectors: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'],
        fields: (o) => ({ ...metaFields(o), 'spec.nodeName': o.spec.nodeName ?? '', 'status.phase': o.status.phase }),
      };
    case 'namespaces':
      return {
        list: () => dp.namespaces.map((n) => namespaceObject(n, c.createdAt)),
        fieldSelectors: ['metadata.name', 'status.phase'],
        fields: (o) => ({ ...metaFields(o), 'status.phase': o.status.phase }),
      };
    case 'deployments':
    case 'daemonsets': {
      const kind = resource.kind as 'Deployment' | 'DaemonSet';
      return {
        list: (ns) => byName(inNamespace(dp.workloads.filter((w) => w.kind === kind), ns)
          .map((w) => (kind === 'Deployment' ? deploymentObject(dp, w, now) : daemonSetObject(dp, w)))),
        fieldSelectors: ['metadata.name', 'metadata.namespace'],
        fields: metaFields,
      };
    }
    default:
      return {
        list: (ns) => byName(inNamespace(dp.podDisruptionBudgets, ns).map((b) => pdbObject(dp, b, now))),
        fieldSelectors: ['metadata.name', 'metadata.namespace'],
        fields: metaFields,
      };
  }
}

/** The DaemonSets EKS add-ons install, and the add-on each runs (its image tag is the add-on's version). */
const ADDON_DAEMONSETS: Record<string, string> = { 'kube-proxy': 'kube-proxy', 'aws-node': 'vpc-cni' };

/**
 * An add-on's DaemonSet (kube-proxy, aws-node in kube-system) runs the add-on's current version, so an UpdateAddon
 * shows in its pods' images: kube-proxy's version is read from its image, as the Kubernetes version-skew policy
 * bounds it against the kubelets.
 */
function withAddonImage(c: ClusterState, w: WorkloadState, rollouts: readonly AddonRollout[], now: number): WorkloadState {
  const addon = w.kind === 'DaemonSet' && w.namespace === 'kube-system' ? c.addons.find((a) => a.name === ADDON_DAEMONSETS[w.name]) : undefined;
  if (!addon) return w;
  const repository = w.image.replace(/:[^:/]*$/, '');
  const rollout = rollouts.find((r) => r.addon === addon.name);
  const current = { ...w, image: `${repository}:${addon.version}` };
  // A rolling update of the DaemonSet: pods move to the new image one node at a time, the last as the update ends
  // (no source gives EKS's pace within an add-on update; an even spread is the simplest that ends with it).
  return rollout ? { ...current, rollout: { image: `${repository}:${rollout.version}`, startMs: rollout.startMs, endMs: rollout.endMs, now } } : current;
}

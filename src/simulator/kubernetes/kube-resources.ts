import type { ClusterState } from '../state';
import { addonDataPlane, type AddonUpdate } from './addon-workloads';
import type { PodState } from './data-plane-state';
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

/** Readers for each resource of discovery.ts, over a cluster's data plane at simulated time `now` (its add-ons' `updates` shown in their workloads). */
export function resourceReader(resource: ServedResource, c: ClusterState, now: number, updates: readonly AddonUpdate[] = []): ResourceReader {
  const dp = addonDataPlane(c, updates, now);
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

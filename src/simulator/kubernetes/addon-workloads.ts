import type { ClusterState, SimState } from '../state';
import { deploymentPods, type DataPlaneState, type WorkloadState } from './data-plane-state';

/**
 * The workloads EKS add-ons install in kube-system, and the add-on each runs: its image tag is the add-on's version.
 * For CoreDNS the User Guide reads the installed version off the `coredns` Deployment's image tag
 * (https://docs.aws.amazon.com/eks/latest/userguide/coredns-add-on-create.html); the kube-proxy and aws-node
 * DaemonSets' images carry their add-on's version the same way.
 */
const ADDON_WORKLOADS: readonly { kind: WorkloadState['kind']; name: string; addon: string }[] = [
  { kind: 'DaemonSet', name: 'kube-proxy', addon: 'kube-proxy' },
  { kind: 'DaemonSet', name: 'aws-node', addon: 'vpc-cni' },
  { kind: 'Deployment', name: 'coredns', addon: 'coredns' },
];

/** An add-on update on record for the cluster; while it runs, the add-on's workload rolls to `version`. */
export interface AddonUpdate {
  readonly addon: string;
  readonly version: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly running: boolean;
}

/** The add-on updates of one cluster (every one EKS took, running or ended; a cancelled one never applied). */
export function addonUpdates(state: SimState, cluster: string): AddonUpdate[] {
  return state.updates.flatMap((u) => (u.cluster === cluster && u.addon !== undefined && u.effect.kind === 'addon' && u.status !== 'Cancelled'
    ? [{ addon: u.addon, version: u.effect.version, startMs: Date.parse(u.createdAt), endMs: Date.parse(u.endsAt), running: u.status === 'InProgress' }]
    : []));
}

/**
 * The data plane as the Kubernetes API shows it at `now`: each add-on's workload runs the add-on's current version
 * (kube-proxy's version is read from its image, as the Kubernetes version-skew policy bounds it against the kubelets),
 * and while an update of the add-on runs, the workload rolls to the new version: its template names the new image, and
 * its pods move to it one at a time, the last as the update ends (DaemonSet pods are derived from the nodes on read,
 * kube-objects.ts; a Deployment's stored pods are shown here with the image they have reached). Derived on read, never
 * stored: the seed's images keep only their repository.
 */
export function addonDataPlane(c: ClusterState, updates: readonly AddonUpdate[], now: number): DataPlaneState {
  const workloads = c.dataPlane.workloads.map((w) => withAddonImage(c, w, updates, now));
  const rolled = new Map<string, string>();
  for (const w of workloads) {
    if (w.kind !== 'Deployment' || !addonOf(c, w)) continue;
    const pods = deploymentPods(c.dataPlane, w);
    pods.forEach((p, i) => rolled.set(`${p.namespace}/${p.name}`, rolledImage(w, i, pods.length)));
  }
  const pods = c.dataPlane.pods.map((p) => {
    const image = rolled.get(`${p.namespace}/${p.name}`);
    return image === undefined ? p : { ...p, image };
  });
  return { ...c.dataPlane, workloads, pods };
}

/**
 * The image of a workload's i-th of n pods: during a rollout, pod i moves at its share of the update's time (no source
 * gives EKS's pace within an add-on update; an even spread is the simplest that ends with it).
 */
export function rolledImage(w: WorkloadState, i: number, n: number): string {
  const r = w.rollout;
  if (!r) return w.image;
  return r.now >= r.startMs + ((i + 1) / n) * (r.endMs - r.startMs) ? r.image : w.image;
}

/** The cluster's add-on that runs this workload, if one does. */
function addonOf(c: ClusterState, w: WorkloadState): ClusterState['addons'][number] | undefined {
  const entry = w.namespace === 'kube-system' ? ADDON_WORKLOADS.find((a) => a.kind === w.kind && a.name === w.name) : undefined;
  return entry && c.addons.find((a) => a.name === entry.addon);
}

function withAddonImage(c: ClusterState, w: WorkloadState, updates: readonly AddonUpdate[], now: number): WorkloadState {
  const addon = addonOf(c, w);
  if (!addon) return w;
  const own = updates.filter((u) => u.addon === addon.name);
  const repository = w.image.replace(/:[^:/]*$/, '');
  // Each update EKS took applied the add-on's manifest anew: the workload's spec changed that many times.
  const current = { ...w, image: `${repository}:${addon.version}`, generation: 1 + own.length };
  const rollout = own.find((u) => u.running);
  return rollout ? { ...current, rollout: { image: `${repository}:${rollout.version}`, startMs: rollout.startMs, endMs: rollout.endMs, now } } : current;
}

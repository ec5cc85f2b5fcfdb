import { budgetKey, selects } from './eviction-pods';
import type { ProgressReading } from './update-progress';
import { inNodegroup, type DataPlaneNode, type DataPlanePod, type DataPlaneView } from '../kubernetes/data-plane-view';

/** What a node-group roll is heading for. */
export interface NodegroupRoll {
  readonly nodegroup: string;
  /** The Kubernetes minor the roll moves to. */
  readonly minor: string;
  /** Whether the roll changes the minor: then the kubelet tells new nodes from old; else only joining does. */
  readonly changesMinor: boolean;
  /** The nodes the group should have when the roll is done (its desired size). */
  readonly desired: number;
}

/**
 * Follows one managed node-group roll in the data plane, in EKS's own phases (managed-node-update-behavior): scale up
 * (new nodes join before any old one goes), upgrade (old nodes cordoned and drained, a batch at a time), scale down
 * (the old nodes gone, the group back to its size). A node is new when its kubelet runs the target minor, or, for a
 * roll within a minor (an AMI release, a launch template version), when it was not there at the first reading. It
 * remembers when each old node was first seen cordoned, to say how long a drain has been held.
 */
export class NodegroupProgress {
  private initial?: Set<string>;
  private readonly cordonedSince = new Map<string, number>();

  constructor(private readonly roll: NodegroupRoll) {}

  read(view: DataPlaneView, now: number): ProgressReading {
    const nodes = view.nodes.filter((n) => inNodegroup(n, this.roll.nodegroup));
    this.initial ??= new Set(nodes.map((n) => n.name));
    const fresh = nodes.filter((n) => this.isNew(n));
    const old = nodes.filter((n) => !this.isNew(n));
    const total = Math.max(this.roll.desired, 1);
    // A node counts once it is replaced: its successor Ready and an old node gone. New nodes join a batch ahead of the
    // old ones leaving (scale up first), so counting joins alone would run a batch ahead of the work left.
    const completed = Math.min(fresh.filter((n) => n.ready !== false).length, Math.max(0, total - old.length));
    const phase = old.length === 0 ? 'scale down' : fresh.length === 0 ? 'scale up' : 'upgrade';
    return {
      completed: Math.min(completed, total),
      total,
      unit: `nodes on ${this.roll.minor}`,
      done: old.length === 0 && completed >= Math.min(total, nodes.length) && nodes.length > 0,
      phase,
      ...this.drainDetail(old, view, now),
    };
  }

  /**
   * Whether a reading of these nodes names a drain (an old node of the group cordoned), and so needs the pods and the
   * budgets beside them; a probe reads those only then.
   */
  drains(nodes: readonly DataPlaneNode[]): boolean {
    return nodes.some((n) => inNodegroup(n, this.roll.nodegroup) && n.unschedulable && !this.isNew(n));
  }

  /** Within a minor, no node is new before the first reading: every node then is one the roll replaces. */
  private isNew(node: DataPlaneNode): boolean {
    return this.roll.changesMinor ? node.minor === this.roll.minor : this.initial !== undefined && !this.initial.has(node.name);
  }

  /** `draining ip-10-0-3-4 (PDB default/web allows 0 disruptions, 6m)` for the old node held longest. */
  private drainDetail(old: readonly DataPlaneNode[], view: DataPlaneView, now: number): { detail?: string } {
    const cordoned = old.filter((n) => n.unschedulable);
    for (const name of [...this.cordonedSince.keys()]) if (!cordoned.some((n) => n.name === name)) this.cordonedSince.delete(name);
    for (const n of cordoned) if (!this.cordonedSince.has(n.name)) this.cordonedSince.set(n.name, now);
    if (cordoned.length === 0) return {};
    const longest = [...cordoned].sort((a, b) => this.cordonedSince.get(a.name)! - this.cordonedSince.get(b.name)!)[0];
    const held = heldBy(longest.name, view);
    const minutes = Math.floor((now - this.cordonedSince.get(longest.name)!) / 60_000);
    const why = held ? `PDB ${held} allows 0 disruptions, ${minutes}m` : `${minutes}m`;
    return { detail: `draining ${longest.name}${cordoned.length > 1 ? ` and ${cordoned.length - 1} more` : ''} (${why})` };
  }
}

/** The first budget that allows no disruption and selects a pod still on `node`, as `namespace/name`. */
function heldBy(node: string, view: DataPlaneView): string | undefined {
  const pods = view.pods.filter((p) => p.nodeName === node);
  const budget = view.podDisruptionBudgets.find((b) => b.disruptionsAllowed === 0 && pods.some((p) => selects(b, p)));
  return budget ? budgetKey(budget) : undefined;
}

/**
 * Follows an add-on update in its pods: EKS rolls the add-on's DaemonSet or Deployment to images tagged with the
 * add-on's version (`amazon-k8s-cni:v1.19.0-eksbuild.1`; kube-proxy's images add `-minimal` after the patch). The
 * add-on's pods are those running either the version it had or the one it moves to. Undefined when none does: the
 * packaging is not one the tags tell apart, and the waiter keeps to EKS's schedule.
 */
export function addonProgress(view: DataPlaneView, from: string, to: string): ProgressReading | undefined {
  // A change of settings alone rolls no image: nothing to follow.
  if (bare(from) === bare(to)) return undefined;
  const runs = (pod: DataPlanePod, version: string) => (pod.images ?? []).some((image) => tagOf(image) === bare(version));
  const pods = view.pods.filter((p) => runs(p, from) || runs(p, to));
  if (pods.length === 0) return undefined;
  const updated = pods.filter((p) => runs(p, to) && p.phase === 'Running').length;
  return { completed: updated, total: pods.length, unit: `pods on ${to}`, done: updated === pods.length };
}

/** An image's tag without the `-minimal` variant marker. */
function tagOf(image: string): string {
  const tag = image.slice(image.lastIndexOf(':') + 1);
  return bare(tag);
}

function bare(version: string): string {
  return version.replace('-minimal', '');
}

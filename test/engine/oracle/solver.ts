/**
 * Brute force over the model: a breadth-first search (0-1 BFS, node-group version updates cost 1, every other call
 * 0) through every sequence of calls EKS accepts, deciding whether any reaches the targets and, if so, the fewest
 * node-group rolls it takes. Written against eks-model.ts only; knows nothing of how the planner orders things.
 *
 * The moves tried are every call the spec could justify: the control plane one minor up or back to where it came
 * from, each targeted node group to any minor (with and without the spec's release and launch template), each
 * targeted add-on to any listed version. Bounds that lose no solution:
 * - minors stay between the live and target control-plane minors (leaving that range only adds calls to undo);
 * - a node group never passes its target minor, an add-on never passes its target version (neither comes back:
 *   NG-NO-DOWNGRADE; add-ons move towards their targets from either side, see `moves`);
 * - untargeted resources never move (the engine never changes what the spec does not name);
 * - the control plane moves up only while every targeted add-on runs a version listed for its current minor
 *   (ADDON-AFTER-CP: the add-on moves right after the step that left it behind).
 */
import { accept, EksState, offeredFor } from './eks-model';
import { k8s } from './minor';
import { Targets, unmetTargets } from './targets';
import { PlanStep } from '../../../src/engine/plan-types';

/** Safety valve for the test's time budget. */
const MAX_STATES = 200_000;

export interface SolverResult {
  readonly reachable: boolean;
  /** The fewest UpdateNodegroupVersion calls over all accepted paths (when reachable). */
  readonly minNodegroupRolls?: number;
  /** One cheapest accepted path (when reachable). */
  readonly path?: readonly PlanStep[];
  readonly explored: number;
}

/** The spec's launch-template reference per node group: a path may only use the template the spec names. */
export type LaunchTemplateRefs = Readonly<Record<string, { readonly id?: string; readonly name?: string } | undefined>>;

interface Node {
  readonly state: EksState;
  readonly cost: number;
  readonly parent?: Node;
  readonly via?: PlanStep;
}

export function solve(start: EksState, targets: Targets, ltRefs: LaunchTemplateRefs): SolverResult {
  // updateConfig is one UpdateNodegroupConfig call that no modelled rule constrains: not part of the search.
  const searchTargets: Targets = {
    ...targets,
    nodegroups: Object.fromEntries(Object.entries(targets.nodegroups).map(([n, t]) => [n, { ...t, updateConfig: undefined }])),
  };
  const lo = Math.min(start.cp, targets.cp);
  const hi = Math.max(start.cp, targets.cp);
  const done = new Set<string>();
  const deque: Node[] = [{ state: start, cost: 0 }];
  let head = 0;
  // A deque as an array with a movable head: cost-0 moves go to the front, cost-1 moves to the back.
  const front: Node[] = [];
  let explored = 0;
  while (front.length > 0 || head < deque.length) {
    const node = front.length > 0 ? front.pop()! : deque[head++];
    const key = stateKey(node.state);
    // 0-1 BFS pops states in order of cost: the first pop of a state is its cheapest.
    if (done.has(key)) continue;
    done.add(key);
    explored++;
    if (explored > MAX_STATES) throw new Error(`oracle solver: more than ${MAX_STATES} states; shrink the scenario`);
    if (unmetTargets(node.state, searchTargets).length === 0) {
      return { reachable: true, minNodegroupRolls: node.cost, path: pathOf(node), explored };
    }
    for (const step of moves(node.state, searchTargets, ltRefs, lo, hi)) {
      const v = accept(node.state, step);
      if (!v.ok) continue;
      if (done.has(stateKey(v.next))) continue;
      const cost = node.cost + (step.action === 'nodegroup-version' ? 1 : 0);
      const child: Node = { state: v.next, cost, parent: node, via: step };
      if (cost === node.cost) front.push(child);
      else deque.push(child);
    }
  }
  return { reachable: false, explored };
}

function pathOf(node: Node): PlanStep[] {
  const out: PlanStep[] = [];
  for (let n: Node | undefined = node; n?.via; n = n.parent) out.unshift(n.via);
  return out;
}

function stateKey(s: EksState): string {
  const ngs = Object.keys(s.nodegroups).sort().map((n) => {
    const g = s.nodegroups[n];
    return `${n}=${g.version}/${g.releaseVersion ?? ''}/${g.launchTemplate?.version ?? ''}`;
  });
  const addons = Object.keys(s.addons).sort().map((n) => `${n}=${s.addons[n].version}`);
  return `${s.cp}|${s.rollbackTo ?? ''}|${ngs.join(',')}|${addons.join(',')}`;
}

function* moves(s: EksState, t: Targets, ltRefs: LaunchTemplateRefs, lo: number, hi: number): Generator<PlanStep> {
  const cluster = { kind: 'cluster' as const, name: 'cluster' };
  // ADDON-AFTER-CP (ledger): an add-on left behind by a control-plane step moves right after it, so the next step
  // never starts over a stale add-on. Not an EKS refusal: a product order that keeps the solver from counting paths
  // that drag an add-on across several minors.
  const addonsCurrent = Object.keys(t.addons).every((n) => !s.addons[n] || offeredFor(s, n, s.addons[n].version, s.cp));
  if (s.cp + 1 <= hi && addonsCurrent) yield { action: 'cluster-version', resource: cluster, reason: 'solver', from: k8s(s.cp), to: k8s(s.cp + 1), force: false };
  if (s.rollbackTo !== undefined && s.rollbackTo >= lo) {
    yield { action: 'cluster-version', resource: cluster, reason: 'solver', from: k8s(s.cp), to: k8s(s.rollbackTo), force: false, rollbackTimeoutMinutes: 720 };
  }
  for (const [name, target] of Object.entries(t.nodegroups)) {
    const ng = s.nodegroups[name];
    if (!ng) continue;
    const ref = ltRefs[name];
    const lt = target.launchTemplateVersion !== undefined && ref ? { ...ref, version: target.launchTemplateVersion } : undefined;
    const base = { action: 'nodegroup-version' as const, resource: { kind: 'nodegroup' as const, name }, reason: 'solver', force: false, from: { version: k8s(ng.version) } };
    if (ng.customAmi) {
      if (lt) yield { ...base, launchTemplate: lt };
      continue;
    }
    const versions = new Set<number>();
    for (let v = ng.version; v <= Math.min(s.cp, target.version ?? s.cp); v++) versions.add(v);
    if (s.rollbackTo !== undefined && s.rollbackTo >= lo && s.rollbackTo < ng.version) versions.add(s.rollbackTo);
    for (const v of versions) {
      yield { ...base, version: k8s(v) };
      if (target.releaseVersion !== undefined) yield { ...base, version: k8s(v), releaseVersion: target.releaseVersion };
      if (lt) yield { ...base, version: k8s(v), launchTemplate: lt };
      if (lt && target.releaseVersion !== undefined) yield { ...base, version: k8s(v), releaseVersion: target.releaseVersion, launchTemplate: lt };
    }
  }
  for (const [name, target] of Object.entries(t.addons)) {
    const addon = s.addons[name];
    const catalog = s.catalog[name] ?? [];
    if (!addon || target.version === undefined) continue;
    // Newest first: a smaller index is a newer version.
    const cur = catalog.findIndex((v) => v.version === addon.version);
    const goal = catalog.findIndex((v) => v.version === target.version);
    if (goal < 0) continue;
    for (const [i, v] of catalog.entries()) {
      if (v.version === addon.version) continue;
      // EKS lets an add-on go down, but the planner downgrades one only on a rollback, and only when its version does
      // not run on the version rolled back to (ROLLBACK-ELIGIBLE; otherwise product policy refuses it), so the solver
      // moves down only then, towards the target and never past it; otherwise only up.
      const down = t.cp < hi && goal > cur && cur >= 0 && !offeredFor(s, name, addon.version, t.cp);
      const towards = down ? i > cur && i <= goal : (cur < 0 || i < cur) && i >= goal;
      if (!towards) continue;
      yield { action: 'addon-update', resource: { kind: 'addon', name }, reason: 'solver', from: addon.version, version: v.version };
    }
  }
}

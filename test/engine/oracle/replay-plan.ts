/**
 * Runs a plan through the model phase by phase. Steps of one phase may run at the same time (PlanPhase), only
 * those on one resource keep their listed order, so every step is checked in every position it could take.
 *
 * Why checking positions is checking all orders: a node-group or add-on call depends only on the cluster's state
 * (minor, rollback availability) and its own resource's state, and its result does not depend on the cluster's
 * minor. So a step on resource R can meet exactly: its own chain's earlier steps done (listed order), and the
 * cluster before or after any of the phase's control-plane steps. A control-plane step depends on every node group,
 * so it is checked against every combination of how far each node group's chain has got (all interleavings).
 */
import { accept, EksState } from './eks-model';
import { Plan, PlanStep } from '../../../src/engine/plan-types';
import { describeStep } from '../fixtures/planner-fixtures';

export interface ReplayFailure {
  readonly ok: false;
  readonly phase: number;
  readonly title: string;
  readonly step: string;
  readonly rule: string;
  readonly why: string;
  /** Where in the phase the step was when EKS refused it (for concurrent phases). */
  readonly when: string;
}

export type ReplayResult = { readonly ok: true; readonly end: EksState } | ReplayFailure;

export function replayPlan(start: EksState, plan: Plan, untouchable: ReadonlySet<string> = new Set()): ReplayResult {
  let state = start;
  for (const [p, phase] of plan.phases.entries()) {
    const result = replayPhase(state, phase.steps, untouchable);
    if (!result.ok) return { ...result, phase: p + 1, title: phase.title };
    state = result.end;
  }
  return { ok: true, end: state };
}

type PhaseResult = { ok: true; end: EksState } | Omit<ReplayFailure, 'phase' | 'title'>;

function replayPhase(start: EksState, steps: readonly PlanStep[], untouchable: ReadonlySet<string>): PhaseResult {
  const chains = new Map<string, PlanStep[]>();
  for (const s of steps) {
    const key = `${s.resource.kind}/${s.resource.name}`;
    // UNTARGETED-COMPATIBLE — the engine never changes what the spec does not name.
    if (untouchable.has(key)) return { ok: false, step: describeStep(s), rule: 'UNTARGETED-COMPATIBLE', why: `${key} is not in the spec and must not be changed`, when: 'any order' };
    chains.set(key, [...(chains.get(key) ?? []), s]);
  }
  const clusterChain = [...chains.entries()].filter(([k]) => k.startsWith('cluster/')).flatMap(([, c]) => c);
  const others = [...chains.entries()].filter(([k]) => !k.startsWith('cluster/'));

  // Each resource's own states along its chain (independent of the cluster's minor), checked against every
  // cluster state the phase passes through.
  const clusterStates: EksState[] = [start];
  const prefixes = new Map<string, EksState[]>();
  for (const [key, chain] of others) {
    const states = [start];
    for (const [j, s] of chain.entries()) {
      const v = accept(states[j], s);
      if (!v.ok) return { ok: false, step: describeStep(s), rule: v.rule, why: v.why, when: `phase start${chain.length > 1 ? `, after ${j} earlier step(s) on ${key}` : ''}` };
      states.push(v.next);
    }
    prefixes.set(key, states);
  }

  // Control-plane steps in listed order, each against every combination of node-group chain progress.
  const ngKeys = others.map(([k]) => k).filter((k) => k.startsWith('nodegroup/'));
  for (const s of clusterChain) {
    const before = clusterStates[clusterStates.length - 1];
    for (const combo of combinations(ngKeys.map((k) => prefixes.get(k)!.length))) {
      const probe = withNodegroupsFrom(before, ngKeys, combo, prefixes);
      const v = accept(probe, s);
      if (!v.ok) {
        const progress = ngKeys.map((k, i) => `${k} after ${combo[i]} of ${prefixes.get(k)!.length - 1}`).join(', ');
        return { ok: false, step: describeStep(s), rule: v.rule, why: v.why, when: ngKeys.length > 0 ? `concurrently with ${progress}` : 'in order' };
      }
    }
    const v = accept(before, s);
    if (!v.ok) return { ok: false, step: describeStep(s), rule: v.rule, why: v.why, when: 'in order' };
    clusterStates.push(v.next);
  }

  // Every non-cluster step again, against each later cluster state (it may start after a control-plane step).
  for (const [key, chain] of others) {
    const states = prefixes.get(key)!;
    for (const [ci, c] of clusterStates.entries()) {
      if (ci === 0) continue;
      for (const [j, s] of chain.entries()) {
        const v = accept(withClusterOf(states[j], c), s);
        if (!v.ok) return { ok: false, step: describeStep(s), rule: v.rule, why: v.why, when: `after control-plane step ${ci} of the same phase` };
      }
    }
  }

  // The phase's end does not depend on the order: the cluster's last state, each resource at its chain's end.
  let end = clusterStates[clusterStates.length - 1];
  for (const [key, chain] of others) {
    const last = prefixes.get(key)!.at(-1)!;
    const name = chain[0].resource.name;
    end = key.startsWith('nodegroup/')
      ? { ...end, nodegroups: { ...end.nodegroups, [name]: last.nodegroups[name] } }
      : { ...end, addons: { ...end.addons, [name]: last.addons[name] } };
  }
  return { ok: true, end };
}

function withClusterOf(resource: EksState, cluster: EksState): EksState {
  return { ...resource, cp: cluster.cp, rollbackTo: cluster.rollbackTo };
}

function withNodegroupsFrom(base: EksState, keys: string[], combo: number[], prefixes: Map<string, EksState[]>): EksState {
  const nodegroups = { ...base.nodegroups };
  keys.forEach((k, i) => {
    const name = k.slice('nodegroup/'.length);
    nodegroups[name] = prefixes.get(k)![combo[i]].nodegroups[name];
  });
  return { ...base, nodegroups };
}

/** Every tuple (i0, i1, …) with 0 ≤ ik < sizes[k]. */
function combinations(sizes: number[]): number[][] {
  return sizes.reduce<number[][]>((acc, n) => acc.flatMap((t) => Array.from({ length: n }, (_, i) => [...t, i])), [[]]);
}

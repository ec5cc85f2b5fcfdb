import type { Clock } from './clock';
import { addonProgress, NodegroupProgress } from './data-plane-progress';
import type { PlanStep } from './plan-types';
import type { ProgressProbe } from './update-progress';
import { liveNodegroup, type LiveState } from '../aws/live-state';
import { NODEGROUP_LABEL } from '../kubernetes/data-plane-view';
import type { DataPlaneRead, DataPlaneScope } from '../kubernetes/read-data-plane';

/**
 * The probe that follows one plan step's update in the data plane: a node-group roll by its nodes, an add-on update
 * by its pods; none for a control-plane step or a change of settings alone. Each probe reads afresh only what its
 * line needs — the group's nodes (by their label), and the pods and budgets only while one of its nodes drains; the
 * add-on's pods — and throws when it cannot be read, which ends probing for that wait (the waiter then keeps to
 * EKS's schedule).
 */
export function progressProbeFor(step: PlanStep, state: LiveState, read: (scope: DataPlaneScope) => Promise<DataPlaneRead>, clock: Clock): ProgressProbe | undefined {
  if (step.action === 'nodegroup-version') {
    const live = liveNodegroup(state, step.resource.name);
    const minor = step.version ?? step.from.version;
    const roll = new NodegroupProgress({ nodegroup: step.resource.name, minor, changesMinor: minor !== step.from.version, desired: live?.desiredSize ?? 1 });
    const groupNodes = { nodes: { labelSelector: `${NODEGROUP_LABEL}=${step.resource.name}` } };
    return async () => {
      const nodes = await view(read, groupNodes);
      const drain = roll.drains(nodes.nodes) ? await view(read, { pods: {}, podDisruptionBudgets: {} }) : undefined;
      return roll.read(drain ? { ...nodes, pods: drain.pods, podDisruptionBudgets: drain.podDisruptionBudgets } : nodes, clock.now());
    };
  }
  if (step.action === 'addon-update' && step.version !== step.from) {
    return async () => addonProgress(await view(read, { pods: {} }), step.from, step.version)
      ?? fail(`no pod of add-on ${step.resource.name} runs ${step.from} or ${step.version}`);
  }
  return undefined;
}

async function view(read: (scope: DataPlaneScope) => Promise<DataPlaneRead>, scope: DataPlaneScope) {
  const r = await read(scope);
  if (r.status !== 'read') throw new Error(r.reason);
  return r.view;
}

function fail(reason: string): never {
  throw new Error(reason);
}

import { FakeClock } from './fake-clock';
import { liveState, nodegroup } from './fixtures/planner-fixtures';
import type { PlanStep } from '../../src/engine/plan-types';
import { progressProbeFor } from '../../src/engine/progress-probes';
import type { DataPlaneNode, DataPlanePod, DataPlaneView } from '../../src/kubernetes/data-plane-view';
import type { DataPlaneRead, DataPlaneScope } from '../../src/kubernetes/read-data-plane';

/**
 * A probe is polled every few seconds during a wait: it reads only what its line needs, never the whole data plane a
 * plan reads (nodes, pods, budgets, Deployments and DaemonSets).
 */
const node = (name: string, minor: string, o: Partial<DataPlaneNode> = {}): DataPlaneNode => ({
  name, kubeletVersion: `v${minor}.9-eks-abc`, minor, managedBy: { kind: 'nodegroup', nodegroup: 'general' }, unschedulable: false, ready: true, ...o,
});

/** A reader that answers from `world` as the API server would for the scope asked, and records each scope. */
function reader(world: DataPlaneView) {
  const scopes: DataPlaneScope[] = [];
  const read = async (scope: DataPlaneScope): Promise<DataPlaneRead> => {
    scopes.push(scope);
    return {
      status: 'read',
      view: {
        nodes: scope.nodes ? world.nodes : [],
        pods: scope.pods ? world.pods : [],
        podDisruptionBudgets: scope.podDisruptionBudgets ? world.podDisruptionBudgets : [],
        workloads: scope.workloads ? world.workloads : [],
      },
    };
  };
  return { read, scopes };
}

const state = liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30', { desiredSize: 2 })] });
const roll: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'general' }, from: { version: '1.30' }, version: '1.31', force: false, reason: 'r' };
const pods: DataPlanePod[] = [{ namespace: 'default', name: 'web-1', nodeName: 'a', labels: { app: 'web' } }];
const budgets = [{ namespace: 'default', name: 'web', selector: { app: 'web' }, disruptionsAllowed: 0 }];
const workloads = [{ kind: 'Deployment' as const, namespace: 'default', name: 'web', replicas: 1 }];

describe('progressProbeFor', () => {
  test('a node-group probe lists the group\'s nodes by their label, and no pod, budget or workload while none drains', async () => {
    const world = reader({ nodes: [node('a', '1.30'), node('b', '1.31')], pods, podDisruptionBudgets: budgets, workloads });
    const reading = await progressProbeFor(roll, state, world.read, new FakeClock())!();
    expect(world.scopes).toEqual([{ nodes: { labelSelector: 'eks.amazonaws.com/nodegroup=general' } }]);
    expect(reading).toMatchObject({ completed: 1, total: 2, unit: 'nodes on 1.31', phase: 'upgrade', done: false });
    expect(reading.detail).toBeUndefined();
  });

  test('while an old node drains, it reads the pods and budgets too, and the line names the budget that holds it', async () => {
    const world = reader({ nodes: [node('a', '1.30', { unschedulable: true }), node('b', '1.31')], pods, podDisruptionBudgets: budgets, workloads });
    const reading = await progressProbeFor(roll, state, world.read, new FakeClock())!();
    expect(world.scopes).toEqual([{ nodes: { labelSelector: 'eks.amazonaws.com/nodegroup=general' } }, { pods: {}, podDisruptionBudgets: {} }]);
    expect(reading.detail).toBe('draining a (PDB default/web allows 0 disruptions, 0m)');
  });

  test('within a minor, the first reading\'s cordoned nodes are old ones draining', async () => {
    const sameMinor: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'general' }, from: { version: '1.30' }, releaseVersion: '1.30.1-20250101', force: false, reason: 'r' };
    const world = reader({ nodes: [node('a', '1.30', { unschedulable: true }), node('b', '1.30')], pods, podDisruptionBudgets: budgets, workloads });
    const reading = await progressProbeFor(sameMinor, state, world.read, new FakeClock())!();
    expect(world.scopes[1]).toEqual({ pods: {}, podDisruptionBudgets: {} });
    expect(reading.detail).toBe('draining a (PDB default/web allows 0 disruptions, 0m)');
  });

  test('an add-on probe lists pods only', async () => {
    const cni = (v: string) => `602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:${v}`;
    const world = reader({ nodes: [node('a', '1.30')], pods: [{ namespace: 'kube-system', name: 'aws-node-1', labels: {}, phase: 'Running', images: [cni('v1.19.0-eksbuild.1')] }], podDisruptionBudgets: budgets, workloads });
    const step: PlanStep = { action: 'addon-update', resource: { kind: 'addon', name: 'vpc-cni' }, from: 'v1.18.0-eksbuild.1', version: 'v1.19.0-eksbuild.1', reason: 'r' };
    const reading = await progressProbeFor(step, state, world.read, new FakeClock())!();
    expect(world.scopes).toEqual([{ pods: {} }]);
    expect(reading).toMatchObject({ completed: 1, total: 1, unit: 'pods on v1.19.0-eksbuild.1', done: true });
  });
});

import { addonProgress, NodegroupProgress } from '../../src/engine/data-plane-progress';
import type { DataPlaneNode, DataPlanePod, DataPlaneView } from '../../src/kubernetes/data-plane-view';

const node = (name: string, minor: string, o: Partial<DataPlaneNode> = {}): DataPlaneNode => ({
  name, kubeletVersion: `v${minor}.9-eks-abc`, minor, managedBy: { kind: 'nodegroup', nodegroup: 'general' }, unschedulable: false, ready: true, ...o,
});
const view = (nodes: DataPlaneNode[], pods: DataPlanePod[] = [], budgets: DataPlaneView['podDisruptionBudgets'] = []): DataPlaneView => ({ nodes, pods, podDisruptionBudgets: budgets, workloads: [] });
const roll = { nodegroup: 'general', minor: '1.31', changesMinor: true, desired: 3 };

describe('NodegroupProgress', () => {
  test.each([
    ['scale up: new nodes not there yet', [node('a', '1.30'), node('b', '1.30'), node('c', '1.30')], 0, 'scale up', false],
    ['upgrade: a new node joined ahead of its batch replaces none yet', [node('a', '1.30', { unschedulable: true }), node('b', '1.30'), node('c', '1.30'), node('d', '1.31')], 0, 'upgrade', false],
    ['upgrade: one old node gone and its successor Ready is one replaced', [node('b', '1.30', { unschedulable: true }), node('c', '1.30'), node('d', '1.31'), node('e', '1.31')], 1, 'upgrade', false],
    ['a new node not Ready yet does not count', [node('b', '1.30'), node('c', '1.30'), node('d', '1.31', { ready: false })], 0, 'upgrade', false],
    ['scale down: every old node gone', [node('d', '1.31'), node('e', '1.31'), node('f', '1.31')], 3, 'scale down', true],
    ['other groups and other managers are not counted', [node('d', '1.31'), node('e', '1.31'), node('f', '1.31'), node('x', '1.29', { managedBy: { kind: 'karpenter', nodePool: 'p' } })], 3, 'scale down', true],
  ])('%s', (_what, nodes, completed, phase, done) => {
    const r = new NodegroupProgress(roll).read(view(nodes), 0);
    expect(r).toMatchObject({ completed, total: 3, unit: 'nodes on 1.31', phase, done });
  });

  test('within a minor, nodes that joined after the first reading are the new ones', () => {
    const p = new NodegroupProgress({ ...roll, minor: '1.30', changesMinor: false });
    expect(p.read(view([node('a', '1.30'), node('b', '1.30'), node('c', '1.30')]), 0)).toMatchObject({ completed: 0, done: false });
    expect(p.read(view([node('b', '1.30'), node('c', '1.30'), node('d', '1.30')]), 1)).toMatchObject({ completed: 1, done: false });
    expect(p.read(view([node('d', '1.30'), node('e', '1.30'), node('f', '1.30')]), 2)).toMatchObject({ completed: 3, done: true });
  });

  test('says which node drains, the budget that holds it, and for how long', () => {
    const p = new NodegroupProgress(roll);
    const pods: DataPlanePod[] = [{ namespace: 'default', name: 'web-1', nodeName: 'a', labels: { app: 'web' } }];
    const budgets = [{ namespace: 'default', name: 'web', selector: { app: 'web' }, disruptionsAllowed: 0 }];
    const nodes = [node('a', '1.30', { unschedulable: true }), node('b', '1.30'), node('d', '1.31')];
    p.read(view(nodes, pods, budgets), 0);
    expect(p.read(view(nodes, pods, budgets), 6 * 60_000).detail).toBe('draining a (PDB default/web allows 0 disruptions, 6m)');
  });

  test('a budget with an empty selector holds every pod of its namespace, as policy/v1 reads it', () => {
    const p = new NodegroupProgress(roll);
    const pods: DataPlanePod[] = [{ namespace: 'default', name: 'web-1', nodeName: 'a', labels: { app: 'web' } }];
    const budgets = [{ namespace: 'other', name: 'elsewhere', selector: {}, disruptionsAllowed: 0 }, { namespace: 'default', name: 'all', selector: {}, disruptionsAllowed: 0 }];
    const nodes = [node('a', '1.30', { unschedulable: true }), node('b', '1.30'), node('d', '1.31')];
    expect(p.read(view(nodes, pods, budgets), 0).detail).toBe('draining a (PDB default/all allows 0 disruptions, 0m)');
  });
});

describe('addonProgress', () => {
  const pod = (name: string, image: string, phase = 'Running'): DataPlanePod => ({ namespace: 'kube-system', name, labels: {}, phase, images: [image] });
  const cni = (v: string) => `602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:${v}`;

  test.each([
    ['none rolled yet', [pod('a', cni('v1.18.0-eksbuild.1')), pod('b', cni('v1.18.0-eksbuild.1'))], 0, 2, false],
    ['half rolled', [pod('a', cni('v1.19.0-eksbuild.1')), pod('b', cni('v1.18.0-eksbuild.1'))], 1, 2, false],
    ['a new pod still starting does not count', [pod('a', cni('v1.19.0-eksbuild.1'), 'Pending'), pod('b', cni('v1.19.0-eksbuild.1'))], 1, 2, false],
    ['all rolled', [pod('a', cni('v1.19.0-eksbuild.1')), pod('b', cni('v1.19.0-eksbuild.1'))], 2, 2, true],
  ])('%s', (_what, pods, completed, total, done) => {
    expect(addonProgress(view([], pods), 'v1.18.0-eksbuild.1', 'v1.19.0-eksbuild.1')).toMatchObject({ completed, total, done });
  });

  test("kube-proxy's -minimal images count as its version", () => {
    const kp = (v: string) => pod('kp', `602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:${v}`);
    expect(addonProgress(view([], [kp('v1.30.0-minimal-eksbuild.3')]), 'v1.29.0-eksbuild.1', 'v1.30.0-eksbuild.3')).toMatchObject({ completed: 1, done: true });
  });

  test('nothing to follow when no pod runs either version, or only settings change', () => {
    expect(addonProgress(view([], [pod('x', 'busybox:1')]), 'v1', 'v2')).toBeUndefined();
    expect(addonProgress(view([], [pod('a', cni('v1.19.0-eksbuild.1'))]), 'v1.19.0-eksbuild.1', 'v1.19.0-eksbuild.1')).toBeUndefined();
  });
});

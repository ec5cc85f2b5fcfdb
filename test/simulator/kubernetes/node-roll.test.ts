import { dataPlaneOf, kubeGet } from './kube-fixture';
import { Simulator, VirtualClock, defaultSeed, type SimSeed } from '../../../src/simulator';
import type { DataPlaneState } from '../../../src/simulator/kubernetes/data-plane-state';

const post = (sim: Simulator, path: string, body: object = {}) => sim.handle({ method: 'POST', path, body: JSON.stringify(body) });
const updateOf = (sim: Simulator, id: string) => sim.state().updates!.find((u) => u.id === id)!;
const startNodegroupUpdate = async (sim: Simulator, cluster: string, nodegroup: string, body: object = {}) =>
  JSON.parse((await post(sim, `/clusters/${cluster}/node-groups/${nodegroup}/update-version`, body)).body).update.id as string;
const groupNodes = (dp: DataPlaneState, ng: string) => dp.nodes.filter((n) => n.nodegroup === ng);
const readyPods = (dp: DataPlaneState, app: string, now: number) =>
  dp.pods.filter((p) => p.labels.app === app && p.nodeName !== undefined && (p.readyAt === undefined || Date.parse(p.readyAt) <= now)).length;

function simulator(seed: SimSeed = defaultSeed()) {
  const clock = new VirtualClock();
  return { clock, sim: new Simulator({ clock, seed }), start: clock.now() };
}

describe('NODE-ROLL-BATCHES: a node group version update replaces its nodes maxUnavailable at a time', () => {
  test('demo/general (3 nodes, maxUnavailable 1): one new node per batch on the new kubelet, old nodes cordoned, drained and gone at the end', async () => {
    const { sim, clock } = simulator();
    const before = groupNodes(dataPlaneOf(sim.state(), 'demo'), 'general').map((n) => n.name);
    expect(before).toHaveLength(3);
    const id = await startNodegroupUpdate(sim, 'demo', 'general');
    clock.advance(30_000);
    expect(groupNodes(dataPlaneOf(sim.state(), 'demo'), 'general').every((n) => !n.unschedulable)).toBe(true);
    clock.advance(35_000); // 65 s: the first batch began after the 60 s setup phase
    let dp = dataPlaneOf(sim.state(), 'demo');
    expect(groupNodes(dp, 'general')).toHaveLength(4);
    expect(groupNodes(dp, 'general').filter((n) => before.includes(n.name)).every((n) => n.unschedulable)).toBe(true);
    const joined = groupNodes(dp, 'general').filter((n) => !before.includes(n.name));
    expect(joined.map((n) => n.kubeletVersion)).toEqual([expect.stringMatching(/^v1\.29\.15-eks-[0-9a-f]{7}$/)]);
    expect(joined[0].labels['eks.amazonaws.com/nodegroup']).toBe('general');
    expect(dp.pods.some((p) => p.nodeName === before[0])).toBe(false);
    clock.advance(120_000); // 185 s: batch 1 left, batch 2 draining
    dp = dataPlaneOf(sim.state(), 'demo');
    expect(dp.nodes.some((n) => n.name === before[0])).toBe(false);
    expect(groupNodes(dp, 'general')).toHaveLength(4);
    clock.advance(240_000); // 425 s: the update (420 s) is done
    expect(updateOf(sim, id).status).toBe('Successful');
    dp = dataPlaneOf(sim.state(), 'demo');
    expect(groupNodes(dp, 'general')).toHaveLength(3);
    expect(groupNodes(dp, 'general').every((n) => !before.includes(n.name) && !n.unschedulable && n.kubeletVersion.startsWith('v1.29.15-'))).toBe(true);
    expect(groupNodes(dp, 'batch').every((n) => n.kubeletVersion.startsWith('v1.29.10-'))).toBe(true);
  });

  test('the update takes as long as before the data plane existed when nothing holds a drain', async () => {
    const { sim, clock, start } = simulator();
    const id = await startNodegroupUpdate(sim, 'demo', 'batch');
    // 2 nodes at maxUnavailablePercentage 50: two batches of one (docs/simulator.md, Time).
    expect(Date.parse(updateOf(sim, id).endsAt) - start).toBe((60 + 2 * 120) * 1000);
    clock.advance(300_000);
    expect(updateOf(sim, id).status).toBe('Successful');
    expect(groupNodes(dataPlaneOf(sim.state(), 'demo'), 'batch').every((n) => n.kubeletVersion.startsWith('v1.29.15-'))).toBe(true);
  });

  test('state() in the middle of a roll seeds a simulator that finishes it the same way', async () => {
    const { sim, clock } = simulator();
    await startNodegroupUpdate(sim, 'demo', 'general');
    clock.advance(200_000);
    const copy = new Simulator({ clock, seed: sim.state() });
    expect(copy.state()).toEqual(sim.state());
    clock.advance(300_000);
    expect(copy.state()).toEqual(sim.state());
  });
});

describe('EVICTION-BUDGET: drains respect PodDisruptionBudgets', () => {
  test('web (3 replicas, maxUnavailable 1) never has fewer than 2 Ready pods while demo/general rolls', async () => {
    const { sim, clock } = simulator();
    const id = await startNodegroupUpdate(sim, 'demo', 'general');
    for (let t = 0; t <= 420; t += 5) {
      expect(readyPods(dataPlaneOf(sim.state(), 'demo'), 'web', clock.now())).toBeGreaterThanOrEqual(2);
      clock.advance(5_000);
    }
    expect(updateOf(sim, id).status).toBe('Successful');
    expect(readyPods(dataPlaneOf(sim.state(), 'demo'), 'web', clock.now())).toBe(3);
  });

  test('pdb-blocked: a single replica behind minAvailable 1 fails the roll with PodEvictionFailure 15 minutes after its drain began', async () => {
    const { sim, clock, start } = simulator();
    const id = await startNodegroupUpdate(sim, 'pdb-blocked', 'workers');
    clock.advance(60_000);
    const drainStarted = start + updateOf(sim, id).roll!.drainStartedAtMs!;
    clock.set(drainStarted + 15 * 60_000 - 1000);
    expect(updateOf(sim, id).status).toBe('InProgress');
    const pdb = (await kubeGet(sim, 'pdb-blocked', '/apis/policy/v1/namespaces/shop/poddisruptionbudgets/checkout')).json;
    expect(pdb.status).toMatchObject({ expectedPods: 1, desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 });
    clock.set(drainStarted + 15 * 60_000 + 1000);
    const u = updateOf(sim, id);
    expect(u.status).toBe('Failed');
    expect(u.errors).toEqual([{
      errorCode: 'PodEvictionFailure',
      errorMessage: expect.stringMatching(/node group workers\..*shop\/checkout-[0-9a-f]{10}-\w{5} on ip-.*\(PodDisruptionBudget shop\/checkout\)/),
      resourceIds: ['workers'],
    }]);
    expect(u.endsAt).toBe(new Date(drainStarted + 15 * 60_000).toISOString());
    const dp = dataPlaneOf(sim.state(), 'pdb-blocked');
    expect(dp.pods.filter((p) => p.labels.app === 'checkout')).toHaveLength(1);
    expect(dp.nodes.every((n) => !n.unschedulable)).toBe(true);
    const ng = JSON.parse((await sim.handle({ method: 'GET', path: '/clusters/pdb-blocked/node-groups/workers' })).body).nodegroup;
    expect(ng.releaseVersion).toBe('1.29.10-20241213');
  });

  test('pdb-blocked with force: held pods are deleted after 15 minutes and the update succeeds, later than planned', async () => {
    const { sim, clock, start } = simulator();
    const id = await startNodegroupUpdate(sim, 'pdb-blocked', 'workers', { force: true });
    expect(Date.parse(updateOf(sim, id).endsAt) - start).toBe(300_000);
    clock.advance(3 * 3600_000);
    const u = updateOf(sim, id);
    expect(u.status).toBe('Successful');
    expect(Date.parse(u.endsAt) - start).toBeGreaterThan(15 * 60_000);
    const dp = dataPlaneOf(sim.state(), 'pdb-blocked');
    expect(groupNodes(dp, 'workers').every((n) => n.kubeletVersion.startsWith('v1.29.15-'))).toBe(true);
    expect(readyPods(dp, 'checkout', clock.now())).toBe(1);
  });

  test('a pod selected by two budgets cannot be evicted at all', async () => {
    const seed = defaultSeed();
    seed.clusters.find((c) => c.name === 'pdb-blocked')!.dataPlane!.podDisruptionBudgets = [
      { name: 'a', namespace: 'shop', selector: { app: 'checkout' }, maxUnavailable: '100%' },
      { name: 'b', namespace: 'shop', selector: { app: 'checkout' }, maxUnavailable: 1 },
    ];
    const { sim, clock } = simulator(seed);
    const id = await startNodegroupUpdate(sim, 'pdb-blocked', 'workers');
    clock.advance(3 * 3600_000);
    expect(updateOf(sim, id).errors![0].errorMessage).toContain('PodDisruptionBudget shop/a, shop/b');
  });
});

describe('AUTO-MODE-DRIFT, and FARGATE-KUBELET-PINNED: what never moves by itself', () => {
  const seed = () => {
    const s = defaultSeed();
    const demo = s.clusters[0];
    demo.addons!.find((a) => a.name === 'vpc-cni')!.version = 'v1.17.1-eksbuild.1';
    demo.dataPlane!.fargatePods = [{ name: 'batch-job', namespace: 'jobs' }];
    demo.dataPlane!.nodes!.push({ managedBy: 'self-managed', name: 'ip-10-0-99-1.ec2.internal', kubeletVersion: '1.28' });
    return s;
  };
  const kubelets = (sim: Simulator, manager: string) =>
    dataPlaneOf(sim.state(), 'demo').nodes.filter((n) => n.managedBy === manager).map((n) => n.kubeletVersion.replace(/\.\d+-eks-.*/, ''));

  test('after 1.29 → 1.30, Auto Mode nodes move to 1.30 one at a time; Fargate, self-managed and node group nodes stay', async () => {
    const { sim, clock } = simulator(seed());
    const res = await post(sim, '/clusters/demo/updates', { version: '1.30' });
    expect(res.status).toBe(200);
    clock.advance(600_000 + 59_000);
    expect(kubelets(sim, 'auto')).toEqual(['v1.29', 'v1.29']);
    clock.advance(2_000); // the first replacement: 60 s after the control plane's update ended
    expect(kubelets(sim, 'auto').sort()).toEqual(['v1.29', 'v1.30']);
    clock.advance(120_000);
    expect(kubelets(sim, 'auto')).toEqual(['v1.30', 'v1.30']);
    expect(dataPlaneOf(sim.state(), 'demo').autoModeDrift).toBeUndefined();
    expect(kubelets(sim, 'fargate')).toEqual(['v1.29']);
    expect(kubelets(sim, 'self-managed')).toEqual(['v1.28']);
    expect(kubelets(sim, 'nodegroup').every((v) => v === 'v1.29')).toBe(true);
  });

  test('a budget that allows no disruption holds the drifting Auto Mode node, which stays cordoned on its old kubelet', async () => {
    const s = seed();
    s.clusters[0].dataPlane!.workloads!.push({ kind: 'Deployment', name: 'ledger', namespace: 'shop', replicas: 1, nodeSelector: { 'eks.amazonaws.com/compute-type': 'auto' } });
    s.clusters[0].dataPlane!.podDisruptionBudgets!.push({ name: 'ledger', namespace: 'shop', selector: { app: 'ledger' }, minAvailable: 1 });
    const { sim, clock } = simulator(s);
    const host = dataPlaneOf(sim.state(), 'demo').pods.find((p) => p.labels.app === 'ledger')!.nodeName;
    await post(sim, '/clusters/demo/updates', { version: '1.30' });
    clock.advance(6 * 3600_000);
    const dp = dataPlaneOf(sim.state(), 'demo');
    const held = dp.nodes.find((n) => n.name === host)!;
    expect(held).toMatchObject({ unschedulable: true, kubeletVersion: expect.stringMatching(/^v1\.29\./) });
    expect(dp.pods.find((p) => p.labels.app === 'ledger')!.nodeName).toBe(host);
    expect(dp.autoModeDrift).toMatchObject({ targetVersion: '1.30' });
  });

  test('karpenter: the Karpenter node stays two minors behind through a control-plane update', async () => {
    const { sim, clock } = simulator();
    const nodes = async () => (await kubeGet(sim, 'karpenter', '/api/v1/nodes', { labelSelector: 'karpenter.sh/nodepool' })).json.items;
    expect((await nodes()).map((n: any) => n.status.nodeInfo.kubeletVersion)).toEqual([expect.stringMatching(/^v1\.28\./)]);
    await post(sim, '/clusters/karpenter/updates', { version: '1.31' });
    clock.advance(3600_000);
    expect(JSON.parse((await sim.handle({ method: 'GET', path: '/clusters/karpenter' })).body).cluster.version).toBe('1.31');
    expect((await nodes()).map((n: any) => n.status.nodeInfo.kubeletVersion)).toEqual([expect.stringMatching(/^v1\.28\./)]);
  });
});

import { kubeGet } from './kube-fixture';
import { Simulator, VirtualClock, defaultSeed } from '../../../src/simulator';

const post = (sim: Simulator, path: string, body: object = {}) => sim.handle({ method: 'POST', path, body: JSON.stringify(body) });

/** The aws-node pods' image tags, as the Kubernetes API lists them. */
async function cniTags(sim: Simulator): Promise<string[]> {
  const pods = await kubeGet(sim, 'demo', '/api/v1/namespaces/kube-system/pods', { labelSelector: 'k8s-app=aws-node' });
  return pods.json.items.map((p: any) => p.spec.containers[0].image.split(':').pop()).sort();
}

/** The coredns pods (their Deployment's selector, k8s-app=kube-dns), names and image tags as the Kubernetes API lists them. */
async function corednsPods(sim: Simulator): Promise<{ name: string; tag: string }[]> {
  const pods = await kubeGet(sim, 'demo', '/api/v1/namespaces/kube-system/pods', { labelSelector: 'k8s-app=kube-dns' });
  return pods.json.items.map((p: any) => ({ name: p.metadata.name, tag: p.spec.containers[0].image.split(':').pop() }));
}

const corednsTags = async (sim: Simulator) => (await corednsPods(sim)).map((p) => p.tag).sort();

describe('an add-on update rolls its DaemonSet or Deployment one pod at a time while it runs', () => {
  test('vpc-cni: none moved at its start, some halfway, all at its end', async () => {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock, seed: defaultSeed() });
    const before = await cniTags(sim);
    expect(new Set(before)).toEqual(new Set(['v1.16.0-eksbuild.1']));
    const res = await post(sim, '/clusters/demo/addons/vpc-cni/update', { addonVersion: 'v1.17.1-eksbuild.1' });
    const update = JSON.parse(res.body).update;
    const seeded = sim.state().updates!.find((u) => u.id === update.id)!;
    const duration = Date.parse(seeded.endsAt) - Date.parse(seeded.createdAt);
    expect(await cniTags(sim)).toEqual(before);
    clock.advance(duration / 2);
    const halfway = await cniTags(sim);
    expect(halfway.filter((t) => t === 'v1.17.1-eksbuild.1').length).toBeGreaterThan(0);
    expect(halfway.filter((t) => t === 'v1.16.0-eksbuild.1').length).toBeGreaterThan(0);
    clock.advance(duration / 2);
    expect(new Set(await cniTags(sim))).toEqual(new Set(['v1.17.1-eksbuild.1']));
  });

  test('coredns: its Deployment\'s pods move to the new image over the update, and its status counts what they show', async () => {
    const clock = new VirtualClock();
    const sim = new Simulator({ clock, seed: defaultSeed() });
    const deployment = async () => (await kubeGet(sim, 'demo', '/apis/apps/v1/namespaces/kube-system/deployments/coredns')).json;
    expect(new Set(await corednsTags(sim))).toEqual(new Set(['v1.11.1-eksbuild.4']));
    const before = await deployment();
    expect(before.spec.template.spec.containers[0].image).toMatch(/\/eks\/coredns:v1\.11\.1-eksbuild\.4$/);
    expect(before.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: before.metadata.generation });

    const res = await post(sim, '/clusters/demo/addons/coredns/update', { addonVersion: 'v1.11.4-eksbuild.2' });
    const update = JSON.parse(res.body).update;
    const seeded = sim.state().updates!.find((u) => u.id === update.id)!;
    const duration = Date.parse(seeded.endsAt) - Date.parse(seeded.createdAt);
    // The template names the new image at once, a generation later; no pod has moved yet.
    const started = await deployment();
    expect(started.spec.template.spec.containers[0].image).toMatch(/\/eks\/coredns:v1\.11\.4-eksbuild\.2$/);
    expect(started.metadata.generation).toBe(before.metadata.generation + 1);
    expect(started.status).toMatchObject({ observedGeneration: started.metadata.generation, replicas: 2, updatedReplicas: 0, readyReplicas: 2, availableReplicas: 2 });
    expect(await corednsTags(sim)).toEqual(['v1.11.1-eksbuild.4', 'v1.11.1-eksbuild.4']);

    clock.advance(duration / 2);
    expect(await corednsTags(sim)).toEqual(['v1.11.1-eksbuild.4', 'v1.11.4-eksbuild.2']);
    const halfway = await deployment();
    expect(halfway.status).toMatchObject({ replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 });
    expect(halfway.status.conditions).toContainEqual(expect.objectContaining({ type: 'Progressing', reason: 'ReplicaSetUpdated' }));

    clock.advance(duration / 2);
    expect(sim.state().updates!.find((u) => u.id === update.id)!.status).toBe('Successful');
    expect(await corednsTags(sim)).toEqual(['v1.11.4-eksbuild.2', 'v1.11.4-eksbuild.2']);
    const after = await deployment();
    expect(after.spec.template.spec.containers[0].image).toMatch(/\/eks\/coredns:v1\.11\.4-eksbuild\.2$/);
    expect(after.metadata.generation).toBe(started.metadata.generation);
    expect(after.status).toMatchObject({ observedGeneration: after.metadata.generation, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(after.status.conditions).toContainEqual(expect.objectContaining({ type: 'Progressing', reason: 'NewReplicaSetAvailable' }));
  });

  test('a coredns pod a drain recreates after the update runs the add-on\'s new version', async () => {
    const clock = new VirtualClock();
    // demo without its Auto Mode nodes: the coredns pods run on the node groups' nodes, which the rolls below drain.
    const seed = defaultSeed();
    seed.clusters.find((c) => c.name === 'demo')!.dataPlane!.nodes = [];
    const sim = new Simulator({ clock, seed });
    await post(sim, '/clusters/demo/addons/coredns/update', { addonVersion: 'v1.11.4-eksbuild.2' });
    clock.advance(3_600_000);
    const before = await corednsPods(sim);
    // Every node group rolls: the drains evict the coredns pods, and their Deployment recreates them elsewhere.
    for (const ng of ['general', 'batch']) await post(sim, `/clusters/demo/node-groups/${ng}/update-version`, { version: '1.29', force: true });
    clock.advance(3_600_000);
    const after = await corednsPods(sim);
    expect(after.map((p) => p.name)).not.toEqual(before.map((p) => p.name));
    expect(after.map((p) => p.tag)).toEqual(['v1.11.4-eksbuild.2', 'v1.11.4-eksbuild.2']);
  });
});

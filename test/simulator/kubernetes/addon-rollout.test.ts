import { kubeGet } from './kube-fixture';
import { Simulator, VirtualClock, defaultSeed } from '../../../src/simulator';

const post = (sim: Simulator, path: string, body: object = {}) => sim.handle({ method: 'POST', path, body: JSON.stringify(body) });

/** The aws-node pods' image tags, as the Kubernetes API lists them. */
async function cniTags(sim: Simulator): Promise<string[]> {
  const pods = await kubeGet(sim, 'demo', '/api/v1/namespaces/kube-system/pods', { labelSelector: 'k8s-app=aws-node' });
  return pods.json.items.map((p: any) => p.spec.containers[0].image.split(':').pop()).sort();
}

describe('an add-on update rolls its DaemonSet one node at a time while it runs', () => {
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
});

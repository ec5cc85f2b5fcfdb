import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { defaultSeed, Simulator, VirtualClock } from '../../../src/simulator';
import { startFixture, type Fixture } from '../sim-fixture';
import { httpsGet, kubeGet, sdkToken } from './kube-fixture';

describe('served: the Kubernetes API at the endpoint DescribeCluster names, behind its CA', () => {
  let f: Fixture;
  beforeAll(async () => { f = await startFixture(); });
  afterAll(() => f.close());

  test('node https trusting only certificateAuthority.data reads /version and nodes with an SDK-presigned token', async () => {
    const cluster = (await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!;
    const ca = Buffer.from(cluster.certificateAuthority!.data!, 'base64').toString();
    expect(cluster.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/k8s\/demo$/);
    const token = await sdkToken({ cluster: 'demo' });
    expect((await httpsGet(`${cluster.endpoint}/version`, ca, token)).json).toMatchObject({ major: '1', minor: '29+', gitVersion: expect.stringMatching(/^v1\.29\.\d+-eks-[0-9a-f]{7}$/) });
    const nodes = await httpsGet(`${cluster.endpoint}/api/v1/nodes`, ca, token);
    expect(nodes.status).toBe(200);
    expect(nodes.json.kind).toBe('NodeList');
    expect(nodes.json.items).toHaveLength(7);
    await expect(httpsGet(`${cluster.endpoint}/api/v1/nodes`, '', token)).rejects.toThrow(/certificate/);
  });

  test('anything but a well-formed EKS token is 401 with a Status body, logged as a Kubernetes call', async () => {
    const cluster = (await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!;
    const ca = Buffer.from(cluster.certificateAuthority!.data!, 'base64').toString();
    f.running.simulator.clearCalls();
    const res = await httpsGet(`${cluster.endpoint}/api/v1/pods`, ca, 'not-a-token');
    expect(res).toEqual({ status: 401, json: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 } });
    expect(f.running.simulator.calls()).toEqual([expect.objectContaining({ operation: 'ListPods', resource: 'cluster/demo', status: 401, service: 'kubernetes', mutating: false })]);
  });
});

describe('in process: reads, selectors and pagination', () => {
  const sim = new Simulator({ clock: new VirtualClock(), seed: defaultSeed() });

  test('discovery lists the served groups and resources', async () => {
    expect((await kubeGet(sim, 'demo', '/apis')).json.groups.map((g: any) => g.name)).toEqual(['apps', 'policy']);
    expect((await kubeGet(sim, 'demo', '/api/v1')).json.resources.map((r: any) => r.name)).toEqual(['nodes', 'pods', 'namespaces']);
    expect((await kubeGet(sim, 'demo', '/apis/policy/v1')).json.resources[0]).toMatchObject({ name: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true });
  });

  test('nodes carry the labels EKS sets, the kubelet and kube-proxy versions', async () => {
    const items = (await kubeGet(sim, 'demo', '/api/v1/nodes', { labelSelector: 'eks.amazonaws.com/nodegroup=general' })).json.items;
    expect(items).toHaveLength(3);
    expect(items[0].metadata.labels).toMatchObject({
      'eks.amazonaws.com/nodegroup': 'general', 'node.kubernetes.io/instance-type': 'm6i.large', 'kubernetes.io/hostname': items[0].metadata.name, 'role': 'general',
    });
    expect(items[0].status.nodeInfo).toMatchObject({ kubeletVersion: expect.stringMatching(/^v1\.29\.10-eks-/), kubeProxyVersion: expect.stringMatching(/^v1\.29\.10-eks-/) });
    const auto = (await kubeGet(sim, 'demo', '/api/v1/nodes', { labelSelector: 'eks.amazonaws.com/compute-type in (auto)' })).json.items;
    expect(auto).toHaveLength(2);
  });

  test('limit and continue page through a list; a forged continue is 400', async () => {
    const first = (await kubeGet(sim, 'demo', '/api/v1/pods', { limit: '5' })).json;
    expect(first.items).toHaveLength(5);
    const rest = (await kubeGet(sim, 'demo', '/api/v1/pods', { limit: '100', continue: first.metadata.continue })).json;
    const all = (await kubeGet(sim, 'demo', '/api/v1/pods')).json.items;
    expect([...first.items, ...rest.items].map((p: any) => p.metadata.name)).toEqual(all.map((p: any) => p.metadata.name));
    expect(first.metadata.remainingItemCount).toBe(all.length - 5);
    expect((await kubeGet(sim, 'demo', '/api/v1/pods', { continue: 'forged' })).status).toBe(400);
  });

  test('pods per namespace and by field selector, with their node and owner', async () => {
    const shop = (await kubeGet(sim, 'demo', '/api/v1/namespaces/shop/pods')).json.items;
    expect(shop).toHaveLength(3);
    expect(shop[0].metadata.ownerReferences[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
    const node = shop[0].spec.nodeName;
    const onNode = (await kubeGet(sim, 'demo', '/api/v1/pods', { fieldSelector: `spec.nodeName=${node}` })).json.items;
    expect(onNode.every((p: any) => p.spec.nodeName === node)).toBe(true);
    expect(onNode.some((p: any) => p.metadata.ownerReferences?.[0].kind === 'DaemonSet')).toBe(true);
    expect((await kubeGet(sim, 'demo', '/api/v1/pods', { fieldSelector: 'spec.foo=bar' })).status).toBe(400);
  });

  test('PodDisruptionBudgets report their status; Deployments and DaemonSets their rollout', async () => {
    const pdb = (await kubeGet(sim, 'demo', '/apis/policy/v1/poddisruptionbudgets')).json.items[0];
    expect(pdb).toMatchObject({ metadata: { name: 'web', namespace: 'shop' }, spec: { maxUnavailable: 1 }, status: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 } });
    const web = (await kubeGet(sim, 'demo', '/apis/apps/v1/namespaces/shop/deployments/web')).json;
    expect(web.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
    const ds = (await kubeGet(sim, 'demo', '/apis/apps/v1/daemonsets')).json.items.find((d: any) => d.metadata.name === 'kube-proxy');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 7, numberReady: 7 });
  });

  test('a read is logged with the identity behind its token: the access key, or the role AssumeRole issued it to', async () => {
    sim.clearCalls();
    await kubeGet(sim, 'demo', '/api/v1/nodes');
    const assumed = await sim.handle({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Version: '2011-06-15', Action: 'AssumeRole', RoleArn: 'arn:aws:iam::111122223333:role/reader', RoleSessionName: 'k8s' }).toString(),
    });
    const key = /<AccessKeyId>([^<]*)<\/AccessKeyId>/.exec(assumed.body)![1];
    await kubeGet(sim, 'demo', '/api/v1/pods', {}, await sdkToken({ cluster: 'demo', accessKeyId: key }));
    await kubeGet(sim, 'demo', '/api/v1/nodes', {}, 'not-a-token');
    expect(sim.calls().filter((c) => c.service === 'kubernetes').map((c) => [c.operation, c.status, c.identity])).toEqual([
      ['ListNodes', 200, 'AKIAIOSFODNN7EXAMPLE'],
      ['ListPods', 200, 'arn:aws:sts::111122223333:assumed-role/reader/k8s'],
      ['ListNodes', 401, undefined],
    ]);
  });

  test('a client asking for a Table (kubectl get) gets the columns kubectl prints for real clusters', async () => {
    const res = await sim.handle({
      method: 'GET',
      path: '/k8s/pdb-blocked/apis/policy/v1/poddisruptionbudgets',
      query: {},
      headers: { authorization: `Bearer ${await sdkToken({ cluster: 'pdb-blocked' })}`, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const table = JSON.parse(res.body);
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(table.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
    expect(table.rows).toEqual([{ cells: ['checkout', '1', 'N/A', 0, expect.any(String)], object: expect.objectContaining({ kind: 'PartialObjectMetadata', metadata: expect.objectContaining({ namespace: 'shop' }) }) }]);
  });

  test('unknown names, clusters and paths are 404 Status; watches and writes are refused', async () => {
    expect((await kubeGet(sim, 'demo', '/api/v1/nodes/nope')).json).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'nodes "nope" not found', code: 404 });
    expect((await kubeGet(sim, 'nope', '/api/v1/nodes', {}, await sdkToken({ cluster: 'nope' }))).status).toBe(404);
    expect((await kubeGet(sim, 'demo', '/api/v1/secrets')).status).toBe(404);
    expect((await kubeGet(sim, 'demo', '/api/v1/pods', { watch: 'true' })).status).toBe(405);
  });
});

describe('access faults: what a runner without Kubernetes access, or out of the endpoint\'s reach, sees', () => {
  let f: Fixture;
  beforeAll(async () => { f = await startFixture(); });
  afterAll(() => f.close());

  test('kubernetesAccess forbidden answers 403 naming the principal; unreachable drops the connection; both are logged', async () => {
    const cluster = (await f.eks.send(new DescribeClusterCommand({ name: 'demo' }))).cluster!;
    const ca = Buffer.from(cluster.certificateAuthority!.data!, 'base64').toString();
    const token = await sdkToken({ cluster: 'demo' });
    f.running.simulator.injectFault({ kind: 'kubernetesAccess', answer: 'forbidden', operation: 'ListNodes' });
    expect(await httpsGet(`${cluster.endpoint}/api/v1/nodes`, ca, token)).toEqual({
      status: 403,
      json: expect.objectContaining({
        kind: 'Status', reason: 'Forbidden', code: 403, message: 'nodes is forbidden: User "AKIAIOSFODNN7EXAMPLE" cannot list resource "nodes" at the cluster scope',
      }),
    });
    expect((await httpsGet(`${cluster.endpoint}/api/v1/nodes`, ca, token)).status).toBe(200);
    f.running.simulator.injectFault({ kind: 'kubernetesAccess', answer: 'unreachable', resource: 'cluster/demo' });
    await expect(httpsGet(`${cluster.endpoint}/api/v1/pods`, ca, token)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(f.running.simulator.injectFault.bind(f.running.simulator, { kind: 'kubernetesAccess', answer: 'maybe' } as any)).toThrow(/forbidden or unreachable/);
  });
});

test('the kube-proxy DaemonSet runs the kube-proxy add-on\'s version, before and after an UpdateAddon', async () => {
  const clock = new VirtualClock();
  const sim = new Simulator({ clock, seed: defaultSeed() });
  const image = async () => (await kubeGet(sim, 'demo', '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy')).json.spec.template.spec.containers[0].image;
  expect(await image()).toMatch(/\/eks\/kube-proxy:v1\.29\.0-eksbuild\.1$/);
  await sim.handle({ method: 'POST', path: '/clusters/demo/addons/kube-proxy/update', body: JSON.stringify({ addonVersion: 'v1.28.6-eksbuild.2' }) });
  clock.advance(600_000);
  expect(await image()).toMatch(/\/eks\/kube-proxy:v1\.28\.6-eksbuild\.2$/);
  const pods = (await kubeGet(sim, 'demo', '/api/v1/namespaces/kube-system/pods', { labelSelector: 'k8s-app=kube-proxy' })).json.items;
  expect(pods.map((p: any) => p.spec.containers[0].image)).toEqual(pods.map(() => expect.stringMatching(/:v1\.28\.6-eksbuild\.2$/)));
});

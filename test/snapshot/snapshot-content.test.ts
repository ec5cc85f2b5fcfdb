/**
 * What a snapshot writes, and what it never writes: no credentials, certificate data, endpoints or secret-looking
 * settings; parameters and catalogs that do not exist are recorded as absent; a throttled API is retried.
 */
import { EksApi } from '../../src/aws/eks-api';
import { defaultSeed, startSimulator, VirtualClock, type RunningSimulator, type SimSeed } from '../../src/simulator';
import { carriesInsight, DERIVED_FROM_SEED } from '../../src/snapshot/carried-insights';
import { REDACTED } from '../../src/snapshot/redact-configuration';
import { snapshotToSeed } from '../../src/snapshot/snapshot-to-seed';
import { takeSnapshot } from '../../src/snapshot/take-snapshot';
import { SHOP_REGION, shopSeed } from '../fixtures/snapshot/shop-seed';

/** Credentials no seed may contain, in the forms AWS issues them. */
const CREDENTIALS = { accessKeyId: 'AKIAZZSNAPSHOTTEST01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/snapshotTestSecretKey0' };
/** Secret-looking JSON members and values, whatever their setting. */
const SECRET_LOOKING = /"[^"]*(password|passwd|secret|token|credential|private[-_]?key|api[-_]?key|access[-_]?key)[^"]*"\s*:\s*"(?!<redacted)|\b(AKIA|ASIA)[\dA-Z]{16}\b|PRIVATE KEY|BEGIN CERTIFICATE/i;

let sim: RunningSimulator;
afterEach(async () => { await sim?.close(); });

async function snapshot(seed: SimSeed, options: { maxAttempts?: number; cluster?: string } = {}) {
  const clock = new VirtualClock();
  sim = await startSimulator({ seed, clock });
  const api = new EksApi(options.cluster ?? 'shop', { region: SHOP_REGION, endpoints: { eks: sim.url, ssm: sim.url }, credentials: CREDENTIALS, maxAttempts: options.maxAttempts ?? 1 });
  try {
    const reading = await takeSnapshot(api, { now: () => clock.now() });
    return { reading, seed: snapshotToSeed(reading, SHOP_REGION) };
  } finally {
    api.destroy();
  }
}

describe('no credentials, secrets or user data', () => {
  test('the seed holds names, versions and ARNs, never the caller credentials, certificate data, endpoints or secret settings', async () => {
    const source = shopSeed();
    source.clusters[0].addons!.find((a) => a.name === 'aws-ebs-csi-driver')!.configurationValues = JSON.stringify({
      controller: { extraVolumeTags: { team: 'checkout' }, env: [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' }] },
      proxy: { password: 'hunter2', apiToken: 'tok-123' },
    });
    const { reading, seed } = await snapshot(source);
    const text = JSON.stringify(seed);

    // What the reads returned that the seed must leave out.
    const { certificateAuthority, endpoint, identity } = reading.cluster;
    expect(certificateAuthority?.data).toBeTruthy();
    for (const secret of [CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, certificateAuthority!.data!, endpoint!, identity!.oidc!.issuer!, 'hunter2', 'tok-123', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(SECRET_LOOKING);
    expect(text).not.toMatch(/userData|certificateAuthority|"endpoint"|oidc/i);

    // The harmless settings stay, the secret ones are marked, and the snapshot says which.
    const ebs = seed.clusters[0].addons.find((a) => a.name === 'aws-ebs-csi-driver')!;
    expect(JSON.parse(ebs.configurationValues!)).toEqual({
      controller: { extraVolumeTags: { team: 'checkout' }, env: [{ name: 'AWS_ACCESS_KEY_ID', value: REDACTED }] },
      proxy: { password: REDACTED, apiToken: REDACTED },
    });
    expect(seed.snapshot.notes).toEqual(['add-on aws-ebs-csi-driver: configurationValues controller.env[0].value, proxy.password, proxy.apiToken redacted']);
    // ARNs and names may stay (documented).
    expect(ebs.serviceAccountRoleArn).toBe('arn:aws:iam::444455556666:role/shop-ebs-csi');
    expect(seed.clusters[0].arn).toBe('arn:aws:eks:eu-west-1:444455556666:cluster/shop');
  });

  test('settings with nothing secret are written exactly as EKS returned them', async () => {
    const { seed } = await snapshot(shopSeed());
    expect(seed.clusters[0].addons.find((a) => a.name === 'aws-ebs-csi-driver')!.configurationValues).toBe('{"controller":{"extraVolumeTags":{"team":"checkout"}}}');
    expect(seed.snapshot.notes).toEqual([]);
    expect(JSON.stringify(seed)).not.toMatch(SECRET_LOOKING);
  });
});

describe('absent, not fatal', () => {
  test('a release parameter or add-on catalog that does not exist is recorded as absent and the snapshot completes', async () => {
    const source = shopSeed();
    const missing = '/aws/service/bottlerocket/aws-k8s-1.33/x86_64/latest/image_version';
    delete source.ssmParameters![missing];
    source.clusters[0].addons!.push({ name: 'kubecost_kubecost', version: 'v2.7.2-eksbuild.1' });
    source.addonCatalog = source.addonCatalog!.filter((e) => e.addonName !== 'kubecost_kubecost');
    const { seed } = await snapshot(source);
    expect(seed.snapshot.absent).toEqual({ ssmParameters: [missing], addonCatalogs: ['kubecost_kubecost'] });
    expect(seed.ssmParameters).not.toHaveProperty(missing);
    expect(seed.clusters[0].addons.map((a) => a.name)).toContain('kubecost_kubecost');
  });

  test('a cluster without a kube-proxy add-on still learns the minors EKS offers from its catalog', async () => {
    const source = shopSeed();
    source.clusters[0].addons = source.clusters[0].addons!.filter((a) => a.name !== 'kube-proxy');
    const { seed } = await snapshot(source);
    expect(seed.kubernetesVersions).toEqual(['1.30', '1.31', '1.32', '1.33']);
    expect(seed.addonCatalog.map((e) => e.addonName)).toContain('kube-proxy');
  });
});

test('a node group or add-on deleted between its list and its describe is left out of the seed, not taken for a missing cluster', async () => {
  const clock = new VirtualClock();
  sim = await startSimulator({ seed: shopSeed(), clock });
  const api = new EksApi('shop', { region: SHOP_REGION, endpoints: { eks: sim.url, ssm: sim.url }, credentials: CREDENTIALS, maxAttempts: 1 });
  // The lists still name `old-ng` and `old-addon`; EKS no longer has them when they are described.
  const [listNodegroups, listAddons] = [api.listNodegroups.bind(api), api.listAddons.bind(api)];
  api.listNodegroups = async () => [...await listNodegroups(), 'old-ng'];
  api.listAddons = async () => [...await listAddons(), 'old-addon'];
  try {
    const seed = snapshotToSeed(await takeSnapshot(api, { now: () => clock.now() }), SHOP_REGION);
    expect(seed.clusters[0].nodegroups.map((n) => n.name).sort()).toEqual(['arm', 'gpu', 'web']);
    expect(seed.clusters[0].addons.map((a) => a.name).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'kube-proxy', 'vpc-cni']);
    expect(seed.snapshot.absent.addonCatalogs).toEqual([]);
    const gone = sim.simulator.calls().filter((c) => c.status === 404).map((c) => `${c.operation} ${c.resource}`).sort();
    expect(gone).toEqual(['DescribeAddon addon/shop/old-addon', 'DescribeNodegroup nodegroup/shop/old-ng']);
  } finally {
    api.destroy();
  }
});

test('a throttled API is retried as the engine retries (EksApi adaptive mode), and the seed is complete', async () => {
  const source = shopSeed();
  const clock = new VirtualClock();
  sim = await startSimulator({ seed: source, clock });
  sim.simulator.injectFault({ kind: 'throttle', operation: 'DescribeNodegroup', resource: 'nodegroup/shop/gpu', count: 1 });
  sim.simulator.injectFault({ kind: 'throttle', operation: 'GetParameter', count: 1 });
  const api = new EksApi('shop', { region: SHOP_REGION, endpoints: { eks: sim.url, ssm: sim.url }, credentials: CREDENTIALS });
  try {
    const seed = snapshotToSeed(await takeSnapshot(api, { now: () => clock.now() }), SHOP_REGION);
    expect(seed.clusters[0].nodegroups.map((n) => n.name).sort()).toEqual(['arm', 'gpu', 'web']);
    expect(seed.snapshot.absent.ssmParameters).toEqual([]);
    expect(sim.simulator.calls().filter((c) => c.status === 429 || c.status === 400).length).toBe(2);
  } finally {
    api.destroy();
  }
});

test('the insights the simulator derives from a seed are the ones a snapshot leaves out (no insight listed twice)', async () => {
  sim = await startSimulator({ seed: defaultSeed(), clock: new VirtualClock() });
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url }, credentials: CREDENTIALS, maxAttempts: 1 });
  try {
    const names = new Set((await api.listInsights('UPGRADE_READINESS', '1.30')).map((i) => i.name));
    for (const name of DERIVED_FROM_SEED) expect(names).toContain(name);
    const failing = (await api.listInsights('UPGRADE_READINESS')).filter((i) => i.insightStatus?.status !== 'PASSING');
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.filter(carriesInsight)).toEqual([]);
  } finally {
    api.destroy();
  }
});

describe('the data plane', () => {
  test('nodes, placed pods, workloads and budgets are read through the Kubernetes API, and a simulator seeded with them lists the same', async () => {
    const { reading, seed } = await snapshot(defaultSeed(), { cluster: 'demo' });
    expect(reading.dataPlane.status).toBe('read');
    const dataPlane = seed.clusters[0].dataPlane!;
    const live = sim.simulator.state().clusters.find((c) => c.name === 'demo')!.dataPlane!;
    expect(dataPlane.nodes.map((n) => n.name).sort()).toEqual(live.nodes!.map((n) => n.name!).sort());
    expect(dataPlane.nodes.find((n) => n.nodegroup === 'general')).toMatchObject({ managedBy: 'nodegroup', kubeletVersion: expect.stringMatching(/^v1\.29\./) });
    expect(dataPlane.podDisruptionBudgets.map((b) => `${b.namespace}/${b.name}`)).toEqual(live.podDisruptionBudgets!.map((b) => `${b.namespace ?? 'default'}/${b.name}`));
    // The pods a Deployment owns through its ReplicaSets are written as the Deployment's.
    expect(dataPlane.pods.filter((p) => p.owner?.name === 'web').length).toBeGreaterThan(0);
    // No images or endpoints: names, labels and versions only.
    expect(JSON.stringify(dataPlane)).not.toMatch(/dkr\.ecr|https:\/\//);

    const replay = await startSimulator({ seed: seed as unknown as SimSeed, clock: new VirtualClock() });
    try {
      const replayed = replay.simulator.state().clusters.find((c) => c.name === 'demo')!.dataPlane!;
      expect(replayed.nodes!.map((n) => n.name!).sort()).toEqual(dataPlane.nodes.map((n) => n.name).sort());
    } finally {
      await replay.close();
    }
  });

  test('a cluster whose Kubernetes API cannot be read is snapshot without it, and the notes say why', async () => {
    const clock = new VirtualClock();
    sim = await startSimulator({ seed: defaultSeed(), clock });
    sim.simulator.injectFault({ kind: 'kubernetesAccess', answer: 'forbidden', count: 100 });
    const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url }, credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      const seed = snapshotToSeed(await takeSnapshot(api, { now: () => clock.now() }), 'us-east-1');
      expect(seed.clusters[0].dataPlane).toBeUndefined();
      expect(seed.snapshot.notes).toEqual([expect.stringMatching(/^data plane not read: .*403|forbidden|access/i)]);
    } finally {
      api.destroy();
    }
  });
});

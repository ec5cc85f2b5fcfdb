/**
 * SUPPORT-STATUS against the simulator through the real AWS SDK: the plan says what each targeted version means.
 */
import { EksApi } from '../../src/aws/eks-api';
import { planOnly } from '../../src/engine/upgrade';
import { defaultSeed, RunningSimulator, startSimulator, VirtualClock } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

let sim: RunningSimulator;
afterEach(async () => sim.close());

test('SUPPORT-STATUS: an extended-support target shows its dates in the plan; a STANDARD cluster near its automatic upgrade is warned', async () => {
  const clock = new VirtualClock(); // 2025-06-02: 1.29 in extended support, 1.30 leaves standard support on 2025-07-23
  const seed = defaultSeed();
  seed.clusters[1].upgradePolicy = { supportType: 'STANDARD' };
  seed.clusterVersions = [{ clusterVersion: '1.30', releaseDate: '2024-03-01T00:00:00.000Z', endOfStandardSupportDate: '2025-05-01T00:00:00.000Z', endOfExtendedSupportDate: '2026-05-01T00:00:00.000Z' }];
  sim = await startSimulator({ clock, seed });
  const api = (cluster: string) => new EksApi(cluster, { region: 'us-east-1', endpoints: { eks: sim.url, ssm: sim.url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const plan = async (cluster: string, version: string) => {
    const a = api(cluster);
    try {
      const spec = parseSpec(cluster === 'demo' ? demoSpecJson(version) : { specVersion: 1, clusterName: cluster, controlPlane: { version } });
      return (await planOnly({ spec, api: a, clock: { now: () => clock.now(), sleep: async () => {} } })).text;
    } finally {
      a.destroy();
    }
  };
  expect(await plan('demo', '1.30')).toMatch(/support: Kubernetes 1\.30: in extended support \(billed per cluster hour\) since 2025-05-01, until 2026-05-01/);
  const text = await plan('legacy', '1.29');
  expect(text).toMatch(/warning \[SUPPORT-STATUS\] controlPlane\.version: Kubernetes 1\.29 leaves standard support since 2025-03-23 and the cluster's upgrade policy is STANDARD/);
  expect(sim.simulator.calls().filter((c) => c.operation === 'DescribeClusterVersions')).toHaveLength(2);
});

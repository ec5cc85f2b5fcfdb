import {
  UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupVersionCommand, waitUntilAddonActive, waitUntilClusterActive,
  waitUntilNodegroupActive,
} from '@aws-sdk/client-eks';
import { readySeed, sdkClients } from './sim-fixture';
import { startSimulator, type RunningSimulator } from '../../src/simulator';

/** The SDK's own waiters against scaled real time: 600 simulated seconds per real second. */
let sim: RunningSimulator;
let eks: ReturnType<typeof sdkClients>['eks'];
beforeEach(async () => {
  sim = await startSimulator({ timeScale: 600, seed: readySeed() });
  eks = sdkClients(sim.url).eks;
});
afterEach(async () => {
  eks.destroy();
  await sim.close();
});

const waiter = () => ({ client: eks, minDelay: 1, maxDelay: 2, maxWaitTime: 30 });

test('waitUntilClusterActive returns once the 600 s control-plane update is done (about 1 real second)', async () => {
  await eks.send(new UpdateClusterVersionCommand({ name: 'demo', version: '1.30' }));
  const start = Date.now();
  const result = await waitUntilClusterActive(waiter(), { name: 'demo' });
  expect(result.state).toBe('SUCCESS');
  expect((result.reason as any).cluster.version).toBe('1.30');
  expect(Date.now() - start).toBeGreaterThanOrEqual(900);
});

test('waitUntilNodegroupActive and waitUntilAddonActive', async () => {
  await eks.send(new UpdateNodegroupVersionCommand({ clusterName: 'demo', nodegroupName: 'general' }));
  await eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns', addonVersion: 'v1.11.3-eksbuild.1' }));
  const [ng, addon] = await Promise.all([
    waitUntilNodegroupActive(waiter(), { clusterName: 'demo', nodegroupName: 'general' }),
    waitUntilAddonActive(waiter(), { clusterName: 'demo', addonName: 'coredns' }),
  ]);
  expect((ng.reason as any).nodegroup.releaseVersion).toBe('1.29.15-20250610');
  expect((addon.reason as any).addon.addonVersion).toBe('v1.11.3-eksbuild.1');
});

test('waitUntilAddonActive fails on a DEGRADED add-on', async () => {
  sim.simulator.injectFault({ kind: 'addonDegraded', resource: 'addon/demo/coredns' });
  await eks.send(new UpdateAddonCommand({ clusterName: 'demo', addonName: 'coredns' }));
  await expect(waitUntilAddonActive(waiter(), { clusterName: 'demo', addonName: 'coredns' })).rejects.toThrow(/FAILURE/);
});

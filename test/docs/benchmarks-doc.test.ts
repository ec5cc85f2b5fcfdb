/**
 * docs/benchmarks.md reports `npm run bench`; these check that the runs it reports can still be made. The full upgrade
 * runs the engine's runUpgrade in the bench's virtual time, where anything that waits on real I/O stops the clock.
 */
import { fullUpgrade, NODEGROUP_COUNT, nodegroupFleet } from '../../bench/upgrade';

jest.setTimeout(120_000);

test('the full upgrade 1.29 → 1.32 and the node-group fleet run to completion in virtual time', async () => {
  const full = await fullUpgrade(0, 1, 0.2);
  expect(full.nodegroupRolls).toBe(full.minimumNodegroupRolls);
  expect(full.wallSeconds).toBeGreaterThanOrEqual(full.criticalPathSeconds);
  // Only the engine's own time is over the critical path: EKS's insights refreshes before each control-plane step
  // (one before any change, then one before each of the three steps) are on it.
  expect(full.insightsRefreshSeconds).toBe(4 * 60);
  expect(full.criticalPathSeconds).toBeCloseTo(full.phases.reduce((a, p) => a + p.criticalSeconds, 0) + full.insightsRefreshSeconds, 6);
  expect(full.wallSeconds / full.criticalPathSeconds).toBeLessThanOrEqual(1.02);
  const fleet = await nodegroupFleet(0, 1, 0.2, NODEGROUP_COUNT);
  expect(Object.keys(fleet.nodegroupSeconds)).toHaveLength(NODEGROUP_COUNT);
});

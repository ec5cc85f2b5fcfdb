import type { LiveNodegroup } from '../../src/aws/live-state';
import { expectedSeconds, expectedUnitSeconds } from '../../src/engine/expected-duration';
import type { PlanStep } from '../../src/engine/plan-types';

const step = (action: PlanStep['action']) => ({ action }) as PlanStep;
const group = (desiredSize: number, updateConfig: LiveNodegroup['updateConfig']) => ({ name: 'general', desiredSize, updateConfig }) as LiveNodegroup;

describe('expectedUnitSeconds', () => {
  test('a node of a roll takes its batch\'s time, without the setup before the first node is replaced', () => {
    const roll = step('nodegroup-version');
    const perBatch = expectedSeconds(roll, group(2, { maxUnavailable: 1 })) - expectedSeconds(roll, group(1, { maxUnavailable: 1 }));
    expect(expectedUnitSeconds(roll, group(12, { maxUnavailable: 1 }))).toBe(perBatch);
    expect(expectedUnitSeconds(roll, group(12, { maxUnavailable: 3 }))).toBe(perBatch / 3);
    // 25 % of 12 nodes: batches of 3.
    expect(expectedUnitSeconds(roll, group(12, { maxUnavailablePercentage: 25 }))).toBe(perBatch / 3);
    expect(expectedUnitSeconds(roll, group(3, { maxUnavailable: 1 }))).toBeLessThan(expectedSeconds(roll, group(3, { maxUnavailable: 1 })) / 3);
  });

  test('other work has no unit figure: its expected duration is shared evenly', () => {
    expect(expectedUnitSeconds(step('addon-update'))).toBeUndefined();
    expect(expectedUnitSeconds(step('cluster-version'))).toBeUndefined();
  });
});

import { checkBarePods } from '../../../src/engine/rules/eviction-bare-pods';
import { barePod, budget, view, workerSet } from '../fixtures/eviction-fixtures';

const nodes = workerSet(3);

describe('EVICTION-BARE-PODS: each pod without a controller that a roll evicts spends its budget for good', () => {
  test.each([
    // [bare pods on the group, minAvailable over them, Deployment replicas under the same budget, predicted]
    [1, 1, 0, false], // allows none: EVICTION-BUDGET's
    [2, 1, 0, true], // allows 1, two must go
    [2, 0, 0, false], // allows 2, exactly its two
    [3, 2, 2, true], // allows 3, spent by the three, while two replicas must still go
    [1, 2, 2, true],
    [1, 1, 2, false], // allows 2: one spent for good, one left for the replicas
  ] as const)('%i bare pods, minAvailable %i, %i replicas beside them', (bare, minAvailable, replicas, predicted) => {
    const pods = Array.from({ length: bare }, (_, i) => barePod(`solo-${i}`, 'app', `w${i % 3}`));
    const v = view({ pods, deployments: replicas ? [{ name: 'app', replicas, on: ['w1'] }] : [], budgets: [budget('app', 'app', { minAvailable })] });
    const allowed = bare + replicas - minAvailable;
    const found = checkBarePods(v, 'workers', nodes);
    expect([allowed, found.length > 0]).toEqual([allowed, predicted]);
    if (predicted) expect(found[0]).toMatchObject({ rule: 'EVICTION-BARE-PODS', budgets: ['shop/app'] });
  });
});

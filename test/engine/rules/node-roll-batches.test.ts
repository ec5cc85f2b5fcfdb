import { ASSUMED_POD_START_SECONDS, checkBatchDrainTime } from '../../../src/engine/rules/node-roll-batches';
import { budget, view, workerNodes, workerSet } from '../fixtures/eviction-fixtures';

// With one disruption allowed, a batch holding n pods of the budget needs n rounds: the last starts (n − 1) starts in.
const limit = 15 * 60 / ASSUMED_POD_START_SECONDS + 1;

describe('NODE-ROLL-BATCHES: one batch must get its pods out in rounds of what the budget allows, within 15 minutes', () => {
  test.each([
    // [pods of the budget, on how many nodes, batch size, maxUnavailable of the budget, predicted]
    [limit - 1, 1, 1, 1, false],
    [limit, 1, 1, 1, true],
    [limit, 2, 1, 1, false], // spread over two nodes, one batch holds half
    [limit, 2, 2, 1, true], // both nodes in one batch
    [limit * 2 - 2, 1, 1, 2, false],
    [limit * 2 - 1, 1, 1, 2, true],
  ] as const)('%i pods on %i node(s), batches of %i, maxUnavailable %i', (replicas, spread, batch, maxUnavailable, predicted) => {
    const on = Array.from({ length: spread }, (_, i) => `w${i}`);
    const v = view({ nodes: workerNodes(2), deployments: [{ name: 'api', replicas, on }], budgets: [budget('api', 'api', { maxUnavailable })] });
    const found = checkBatchDrainTime(v, 'workers', workerSet(2), batch);
    expect(found.length > 0).toBe(predicted);
    if (predicted) expect(found[0]).toMatchObject({ rule: 'NODE-ROLL-BATCHES', budgets: ['shop/api'] });
  });

  test('a budget that allows nothing is EVICTION-BUDGET\'s, not counted twice', () => {
    const v = view({ deployments: [{ name: 'api', replicas: 100 }], budgets: [budget('api', 'api', { maxUnavailable: 0 })] });
    expect(checkBatchDrainTime(v, 'workers', workerSet(3), 1)).toEqual([]);
  });
});

import { checkBudgetsAllowNothing } from '../../../src/engine/rules/eviction-budget';
import { barePod, budget, view, workerSet } from '../fixtures/eviction-fixtures';

const nodes = workerSet(3);

describe('EVICTION-BUDGET: a budget that allows no disruption, even with every replica back, holds the roll', () => {
  test.each([
    // [case, replicas, bounds, predicted]
    ['a single replica behind minAvailable 1', 1, { minAvailable: 1 }, true],
    ['a single replica behind maxUnavailable 1', 1, { maxUnavailable: 1 }, false],
    ['minAvailable equal to the replicas', 3, { minAvailable: 3 }, true],
    ['minAvailable one below the replicas', 3, { minAvailable: 2 }, false],
    ['minAvailable above the replicas', 2, { minAvailable: 5 }, true],
    ['minAvailable 100%', 4, { minAvailable: '100%' }, true],
    ['minAvailable 75% of 4 (3 kept)', 4, { minAvailable: '75%' }, false],
    ['minAvailable 51% of 2 rounds up to 2', 2, { minAvailable: '51%' }, true],
    ['maxUnavailable 0', 3, { maxUnavailable: 0 }, true],
    ['maxUnavailable 0%', 3, { maxUnavailable: '0%' }, true],
    ['maxUnavailable 1%, rounded up to 1', 3, { maxUnavailable: '1%' }, false],
  ] as const)('%s', (_, replicas, bounds, predicted) => {
    const v = view({ deployments: [{ name: 'checkout', replicas, on: ['w0', 'w1'] }], budgets: [budget('checkout', 'checkout', bounds)] });
    const found = checkBudgetsAllowNothing(v, 'workers', nodes);
    expect(found.length).toBe(predicted ? 1 : 0);
    if (predicted) {
      expect(found[0]).toMatchObject({ rule: 'EVICTION-BUDGET', nodegroup: 'workers', budgets: ['shop/checkout'] });
      expect(found[0].pods).toHaveLength(replicas);
    }
  });

  test('pods currently not Ready do not make it a failure: the replicas come back and free a disruption', () => {
    const v = view({ deployments: [{ name: 'web', replicas: 3, pods: 2 }], budgets: [budget('web', 'web', { minAvailable: 2 })] });
    expect(checkBudgetsAllowNothing(v, 'workers', nodes)).toEqual([]);
  });

  test('a pod two budgets select cannot be evicted at all', () => {
    const v = view({ deployments: [{ name: 'web', replicas: 3 }], budgets: [budget('a', 'web', { maxUnavailable: 1 }), budget('b', 'web', { maxUnavailable: 1 })] });
    const found = checkBudgetsAllowNothing(v, 'workers', nodes);
    expect(found).toHaveLength(3);
    expect(found[0].budgets).toEqual(['shop/a', 'shop/b']);
  });

  test.each([
    ['maxUnavailable', { maxUnavailable: 1 }, true],
    ['a percentage', { minAvailable: '50%' }, true],
    ['minAvailable as a count', { minAvailable: 1 }, false],
  ] as const)('a pod without a controller under %s: predicted %s', (_, bounds, predicted) => {
    const v = view({ pods: [barePod('a', 'job'), barePod('b', 'job', 'w1')], budgets: [budget('job', 'job', bounds)] });
    expect(checkBudgetsAllowNothing(v, 'workers', nodes).length > 0).toBe(predicted);
  });

  test('only pods on the node group count: the same budget over pods elsewhere is not this roll\'s', () => {
    const v = view({ deployments: [{ name: 'checkout', replicas: 1, on: ['elsewhere'] }], budgets: [budget('checkout', 'checkout', { minAvailable: 1 })] });
    expect(checkBudgetsAllowNothing(v, 'workers', nodes)).toEqual([]);
  });

  test('DaemonSet pods are left to go with their node', () => {
    const ds = { ...barePod('node-agent-x', 'agent'), owner: { kind: 'DaemonSet', name: 'agent' } };
    const v = view({ pods: [ds], budgets: [budget('agent', 'agent', { maxUnavailable: 0 })] });
    expect(checkBudgetsAllowNothing(v, 'workers', nodes)).toEqual([]);
  });
});

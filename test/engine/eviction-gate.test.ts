import { barePod, budget, view } from './fixtures/eviction-fixtures';
import { explainEvictionFailure } from '../../src/engine/eviction-gate';
import type { PlanStep } from '../../src/engine/plan-types';

const roll: PlanStep = { action: 'nodegroup-version', resource: { kind: 'nodegroup', name: 'workers' }, from: { version: '1.29' }, version: '1.30', force: false, reason: 'r' };

describe('explainEvictionFailure', () => {
  test('names the pods a drain of the group still has to evict, with their budgets: not a finished pod, a DaemonSet\'s, or one on another group\'s node', async () => {
    const held = view({
      deployments: [{ name: 'checkout', replicas: 1 }],
      pods: [
        { ...barePod('report-1', 'checkout'), phase: 'Succeeded' },
        { ...barePod('agent-1', 'checkout'), owner: { kind: 'DaemonSet', name: 'agent' } },
        barePod('other-1', 'checkout', 'elsewhere'),
      ],
      budgets: [{ ...budget('checkout', 'checkout', { minAvailable: 1 }), disruptionsAllowed: 0 }],
    });
    const text = await explainEvictionFailure(roll, ['PodEvictionFailure'], async () => ({ status: 'read', view: held }));
    expect(text).toBe('read again now, held by PodDisruptionBudgets: shop/checkout-5d4f8-0 on w0: PodDisruptionBudget shop/checkout (disruptionsAllowed 0)');
  });

  test('says nothing for another failure, and says why when the data plane cannot be read now', async () => {
    const read = async () => ({ status: 'skipped' as const, failure: 'forbidden' as const, reason: '403' });
    expect(await explainEvictionFailure(roll, ['NodeCreationFailure'], read)).toBeUndefined();
    expect(await explainEvictionFailure(roll, ['PodEvictionFailure'], read)).toBe('the pods and budgets could not be read again: 403');
  });
});

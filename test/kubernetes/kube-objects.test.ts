import { toBudget, toPod, toWorkload } from '../../src/kubernetes/kube-objects';

// The fields an eviction prediction reads (EVICTION-BUDGET) are mapped when the object has them, and absent when not.
describe('kube-objects: what eviction predictions read', () => {
  test('a budget keeps its bounds as written and its status counts', () => {
    expect(toBudget({
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, maxUnavailable: '25%' },
      status: { disruptionsAllowed: 1, expectedPods: 3, desiredHealthy: 2, currentHealthy: 3 },
    })).toEqual({
      namespace: 'shop', name: 'web', selector: { app: 'web' }, disruptionsAllowed: 1, maxUnavailable: '25%', expectedPods: 3, desiredHealthy: 2, currentHealthy: 3,
    });
    expect(toBudget({ metadata: { name: 'b' }, spec: { minAvailable: 1 } })).toEqual({ namespace: 'default', name: 'b', selector: {}, minAvailable: 1 });
  });

  test.each([
    ['True', true],
    ['False', false],
  ])('a pod whose Ready condition is %s reads ready %s', (status, ready) => {
    expect(toPod({ metadata: { name: 'p' }, status: { conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status }] } }).ready).toBe(ready);
  });

  test('a pod with no Ready condition has no readiness', () => {
    expect(toPod({ metadata: { name: 'p' } })).not.toHaveProperty('ready');
  });

  test('a Deployment keeps its replicas and selector; a DaemonSet has no replicas', () => {
    const spec = { replicas: 3, selector: { matchLabels: { app: 'web' } } };
    expect(toWorkload('Deployment', { metadata: { name: 'web', namespace: 'shop' }, spec })).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 3, selector: { app: 'web' } });
    expect(toWorkload('DaemonSet', { metadata: { name: 'ds' }, spec })).toEqual({ kind: 'DaemonSet', namespace: 'default', name: 'ds', selector: { app: 'web' } });
  });
});

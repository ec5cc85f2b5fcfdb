import { PlanStep } from '../../../src/engine/plan-types';
import { checkCorednsBudget, shipsOwnBudget } from '../../../src/engine/rules/coredns-pdb';
import { view } from '../fixtures/eviction-fixtures';

describe('COREDNS-PDB: the CoreDNS add-on deploys its own PodDisruptionBudget from v1.9.3-eksbuild.6 and v1.10.1-eksbuild.3', () => {
  test.each([
    ['v1.8.7-eksbuild.10', false],
    ['v1.9.3-eksbuild.5', false],
    ['v1.9.3-eksbuild.6', true],
    ['v1.9.3-eksbuild.15', true],
    ['v1.10.1-eksbuild.2', false],
    ['v1.10.1-eksbuild.3', true],
    ['v1.11.1-eksbuild.4', true],
    ['not-a-version', undefined],
  ])('%s ships its own budget: %s', (version, ships) => {
    expect(shipsOwnBudget(version)).toBe(ships);
  });

  const step = (from: string, to: string): PlanStep => ({ action: 'addon-update', resource: { kind: 'addon', name: 'coredns' }, reason: 'r', from, version: to });
  const corednsPod = { namespace: 'kube-system', name: 'coredns-7d8f-abcde', nodeName: 'w0', owner: { kind: 'ReplicaSet', name: 'coredns-7d8f' }, labels: { 'k8s-app': 'kube-dns' } };
  const userBudget = { namespace: 'kube-system', name: 'dns', selector: { 'k8s-app': 'kube-dns' }, minAvailable: 1 };

  test.each([
    ['crossing the 1.9 boundary with a user budget', step('v1.9.3-eksbuild.5', 'v1.9.3-eksbuild.6'), [userBudget], 1],
    ['crossing from 1.8 to 1.11 with a user budget', step('v1.8.7-eksbuild.10', 'v1.11.1-eksbuild.4'), [userBudget], 1],
    ['crossing without a budget', step('v1.10.1-eksbuild.2', 'v1.10.1-eksbuild.3'), [], 0],
    ['already past the boundary (the budget may be the add-on\'s own)', step('v1.10.1-eksbuild.3', 'v1.11.1-eksbuild.4'), [userBudget], 0],
    ['a budget over other pods', step('v1.9.3-eksbuild.5', 'v1.10.1-eksbuild.3'), [{ ...userBudget, selector: { app: 'web' } }], 0],
  ] as const)('%s: %i warning(s)', (_, s, budgets, warnings) => {
    const found = checkCorednsBudget([s], { ...view({}), pods: [corednsPod], podDisruptionBudgets: [...budgets] });
    expect(found).toHaveLength(warnings);
    if (warnings) expect(found[0]).toMatchObject({ rule: 'COREDNS-PDB', severity: 'warn', field: 'addon/coredns', message: expect.stringMatching(/kube-system\/dns already selects its pods.*resolveConflicts: OVERWRITE/) });
  });
});

/**
 * TIMEOUT-COVERS-WORK (docs/eks-rules.md): a step's timeout is at least 1.5 times the engine's own estimate.
 */
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { liveState, nodegroup, specFor } from '../fixtures/planner-fixtures';

test.each([
  // [desired size, maxUnavailable, policy minutes, expected step timeout]
  [3, 1, 180, undefined],
  [100, 1, 180, Math.ceil((1.5 * (60 + 100 * 120)) / 60)],
  [100, 10, 180, undefined],
  [100, 10, 10, Math.ceil((1.5 * (60 + 10 * 120)) / 60)],
])('%d nodes, maxUnavailable %d, policy %d min → timeout %s', (size, maxUnavailable, minutes, timeout) => {
  const plan = planUpgrade(
    specFor('1.31', { nodegroups: [{ name: 'big' }], policy: { updateTimeoutMinutes: { nodegroup: minutes } } }),
    liveState({ version: '1.31', nodegroups: [nodegroup('big', '1.30', { desiredSize: size, updateConfig: { maxUnavailable } })] }),
  );
  const [step] = planSteps(plan);
  expect(step.timeoutMinutes).toBe(timeout);
  expect(plan.findings.map((f) => f.rule)).toEqual(timeout === undefined ? [] : ['TIMEOUT-COVERS-WORK']);
});

/**
 * AUTO-MODE-DRIFT (docs/eks-rules.md): Auto Mode nodes are not refused but awaited before each step up until they are
 * within the kubelet skew of its target; a rollback does not wait (its VersionRollback moves them).
 */
import { autoNodesBeyondSkew } from '../../../src/engine/rules/auto-mode-drift';
import { AUTO, KARPENTER, node } from '../fixtures/data-plane-fixtures';

describe('AUTO-MODE-DRIFT', () => {
  test.each([
    // [kubelet, from, to, max skew, awaited]
    ['1.29', '1.30', '1.31', 3, false],
    ['1.29', '1.31', '1.32', 3, false],
    ['1.29', '1.32', '1.33', 3, true],
    ['1.29', '1.30', '1.31', 1, true],
    ['1.30', '1.30', '1.31', 1, false],
    ['1.31', '1.31', '1.30', 3, false], // rollback: not awaited
  ])('an Auto Mode node on %s before the step %s -> %s (skew %i): awaited %s', (kubelet, from, to, skew, awaited) => {
    expect(autoNodesBeyondSkew([node('i-0abc', kubelet, AUTO)], from, to, skew).length > 0).toBe(awaited);
  });

  test('only Auto Mode nodes are awaited', () => {
    expect(autoNodesBeyondSkew([node('k', '1.20', KARPENTER)], '1.32', '1.33', 3)).toEqual([]);
  });
});

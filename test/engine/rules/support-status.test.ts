/**
 * SUPPORT-STATUS (docs/eks-rules.md): the plan says what each version it targets means (status, dates, extended
 * support), and warns a STANDARD cluster that is close to EKS's automatic upgrade.
 */
import { SupportFacts } from '../../../src/aws/live-state';
import { formatPlan } from '../../../src/engine/plan-format';
import { planUpgrade } from '../../../src/engine/planner';
import { checkAutoUpgrade, supportLines } from '../../../src/engine/rules/support-status';
import { liveState, specFor } from '../fixtures/planner-fixtures';

const NOW = Date.UTC(2026, 0, 10);
const DAY = 24 * 3600 * 1000;
const facts = (policy: string, endOfStandard: number): SupportFacts => ({
  upgradePolicy: policy,
  readAt: new Date(NOW).toISOString(),
  versions: {
    1.31: { version: '1.31', status: 'EXTENDED_SUPPORT', endOfStandardSupport: '2025-11-26T00:00:00.000Z', endOfExtendedSupport: '2026-11-26T00:00:00.000Z' },
    1.32: { version: '1.32', status: 'STANDARD_SUPPORT', endOfStandardSupport: new Date(endOfStandard).toISOString(), endOfExtendedSupport: '2027-03-23T00:00:00.000Z' },
  },
});

test('SUPPORT-STATUS: one line per targeted version, with its dates and whether extended support (billed) applies', () => {
  expect(supportLines(facts('EXTENDED', Date.UTC(2026, 2, 23)), ['1.31', '1.32', '1.33'])).toEqual([
    'Kubernetes 1.31: in extended support (billed per cluster hour) since 2025-11-26, until 2026-11-26',
    'Kubernetes 1.32: standard support until 2026-03-23, then extended support (billed) until 2027-03-23',
    'Kubernetes 1.33: DescribeClusterVersions does not list it',
  ]);
  expect(supportLines({ readAt: '', versions: {}, unavailable: 'refused' }, ['1.31'])).toEqual(['support status not read: refused']);
});

test.each([
  ['STANDARD', 59, true],
  ['STANDARD', 60, true],
  ['STANDARD', 61, false],
  ['STANDARD', -3, true],
  ['EXTENDED', 10, false],
])('SUPPORT-STATUS: policy %s, standard support ends in %i day(s): warned %s', (policy, days, warned) => {
  const found = checkAutoUpgrade(facts(policy, NOW + days * DAY), '1.32');
  expect(found.map((f) => f.rule)).toEqual(warned ? ['SUPPORT-STATUS'] : []);
  if (warned) expect(found[0].message).toMatch(/EKS then upgrades the control plane by itself and leaves managed node groups behind/);
});

test('SUPPORT-STATUS: the plan prints the lines for the versions its steps target, and the warning', () => {
  const state = { ...liveState({ version: '1.30' }), support: facts('STANDARD', NOW + 20 * DAY) };
  const plan = planUpgrade(specFor('1.32'), state);
  const text = formatPlan(plan, '1.30', '1.32');
  expect(text).toMatch(/support: Kubernetes 1\.31: in extended support \(billed per cluster hour\) since 2025-11-26, until 2026-11-26/);
  expect(text).toMatch(/support: Kubernetes 1\.32: standard support until 2026-01-30/);
  expect(text).toMatch(/warning \[SUPPORT-STATUS\] controlPlane\.version: Kubernetes 1\.32 leaves standard support in 20 day\(s\)/);
});

/**
 * ROLLBACK-ELIGIBLE (docs/eks-rules.md): a rollback EKS would refuse is refused at plan, before any node group moves;
 * add-ons on a rollback get advice that never leads back to the refusal.
 */
import { LiveState, RollbackFacts, SupportFacts } from '../../../src/aws/live-state';
import { planSteps } from '../../../src/engine/plan-types';
import { planUpgrade } from '../../../src/engine/planner';
import { addon, describePlan, liveState, nodegroup, offer, planProblems, specFor } from '../fixtures/planner-fixtures';

const NOW = Date.UTC(2026, 0, 10);
const DAY = 24 * 3600 * 1000;
const upgraded = (daysAgo: number, type = 'VersionUpdate', to = '1.31'): RollbackFacts => ({ lastVersionChange: { type, to, at: new Date(NOW - daysAgo * DAY).toISOString() } });
const support = (status = 'STANDARD_SUPPORT', upgradePolicy = 'EXTENDED'): SupportFacts => ({
  upgradePolicy,
  readAt: new Date(NOW).toISOString(),
  versions: { '1.30': { version: '1.30', status, endOfStandardSupport: '2025-07-23T00:00:00.000Z', endOfExtendedSupport: '2026-07-23T00:00:00.000Z' } },
});
const state = (facts: Partial<LiveState>): LiveState => ({ ...liveState({ version: '1.31', nodegroups: [nodegroup('a', '1.31')] }), ...facts });
const spec = (extra: Record<string, unknown> = {}) => specFor('1.30', { controlPlane: { allowRollback: true, ...extra }, nodegroups: [{ name: 'a' }] });

test.each([
  ['more than 7 days after the upgrade', { rollback: upgraded(7.01), support: support() }, /only within 7 days of an upgrade \(the window closed 2026-01-09T23:45:36\.000Z\)/],
  ['a cluster created at its current version', { rollback: {}, support: support() }, /its update history shows no upgrade[\s\S]*created at 1\.31 cannot be rolled back/],
  ['a cluster whose last change was a rollback', { rollback: upgraded(1, 'VersionRollback'), support: support() }, /its last version change was a rollback to 1\.31/],
  ['an extended-support target under the STANDARD policy', { rollback: upgraded(1), support: support('EXTENDED_SUPPORT', 'STANDARD') }, /upgrade-policy supportType=EXTENDED/],
])('ROLLBACK-ELIGIBLE: refused at plan: %s', (_name, facts, message) => {
  const problems = planProblems(() => planUpgrade(spec(), state(facts)));
  expect(problems.map((p) => [p.rule, p.field])).toEqual([['ROLLBACK-ELIGIBLE', 'controlPlane.version']]);
  expect(problems[0].message).toMatch(message);
});

test.each([
  ['6.99 days after the upgrade, standard support', { rollback: upgraded(6.99), support: support() }],
  ['an extended-support target under the EXTENDED policy', { rollback: upgraded(1), support: support('EXTENDED_SUPPORT', 'EXTENDED') }],
  ['no facts read (an older reader)', {}],
])('ROLLBACK-ELIGIBLE: planned: %s', (_name, facts) => {
  expect(planSteps(planUpgrade(spec(), state(facts))).map((s) => s.rule)).toEqual(['ROLLBACK-MNG-FIRST', 'CP-ROLLBACK']);
});

describe('ROLLBACK-ELIGIBLE: add-ons on a rollback', () => {
  const proxy = [offer('v1.31.2-eksbuild.1', '1.31', '1.33', ['1.31']), offer('v1.30.1-eksbuild.1', '1.30', '1.30', ['1.30'])];
  const cni = [offer('v1.19.0-eksbuild.1', '1.30', '1.33', ['1.31']), offer('v1.18.0-eksbuild.1', '1.29', '1.30', ['1.30'])];
  const catalog = { 'kube-proxy': proxy, 'vpc-cni': cni };
  const withAddons = (targeted: boolean) => ({
    ...liveState({ version: '1.31', catalog, ...(targeted ? { addons: [addon('kube-proxy', 'v1.31.2-eksbuild.1')] } : { untargetedAddons: [addon('kube-proxy', 'v1.31.2-eksbuild.1')] }) }),
    rollback: upgraded(1),
    support: support(),
  });

  test('an untargeted add-on that does not run on the target: the advice names a version for the target, not the upgrade advice', () => {
    const problems = planProblems(() => planUpgrade(specFor('1.30', { controlPlane: { allowRollback: true } }), withAddons(false)));
    expect(problems.map((p) => p.rule)).toEqual(['UNTARGETED-COMPATIBLE']);
    expect(problems[0].message).toMatch(/EKS does not roll add-ons back with the control plane[\s\S]*"version": "clusterDefault" \} \(v1\.30\.1-eksbuild\.1\)/);
    expect(problems[0].message).not.toMatch(/moves with the control plane/);
  });

  test('following that advice does not lead back to a refusal: it names force, the only way EKS allows', () => {
    const following = specFor('1.30', { controlPlane: { allowRollback: true }, addons: [{ name: 'kube-proxy', version: 'clusterDefault' }] });
    const problems = planProblems(() => planUpgrade(following, withAddons(true)));
    expect(problems.map((p) => [p.rule, p.field])).toEqual([['ROLLBACK-ELIGIBLE', 'addons[0].version']]);
    expect(problems[0].message).toMatch(/only right after the control plane rolls back[\s\S]*set controlPlane\.force: true/);
    expect(problems[0].message).not.toMatch(/does not downgrade|add it to addons/);
  });

  test('with force, the add-on is downgraded right after the control plane rolls back', () => {
    const forced = specFor('1.30', { controlPlane: { allowRollback: true, force: true }, addons: [{ name: 'kube-proxy', version: 'clusterDefault' }] });
    expect(describePlan(planUpgrade(forced, withAddons(true)))).toEqual([
      { title: 'roll the control plane back to 1.30', steps: ['cluster 1.31->1.30 rollback(720) force'] },
      { title: 'add-ons to their targets', steps: ['addon kube-proxy v1.31.2-eksbuild.1->v1.30.1-eksbuild.1'] },
    ]);
  });

  test('an add-on with a version on both sides is downgraded before the control plane rolls back', () => {
    const state2 = { ...liveState({ version: '1.31', catalog, addons: [addon('vpc-cni', 'v1.19.0-eksbuild.1')] }), rollback: upgraded(1), support: support() };
    // v1.19.0 runs on 1.30 too: nothing to undo, and no downgrade is planned for it.
    expect(planSteps(planUpgrade(specFor('1.30', { controlPlane: { allowRollback: true }, addons: [{ name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' }] }), state2))
      .map((s) => s.action)).toEqual(['cluster-version']);
    expect(planProblems(() => planUpgrade(specFor('1.30', { controlPlane: { allowRollback: true }, addons: [{ name: 'vpc-cni', version: 'clusterDefault' }] }), state2))
      .map((p) => p.message)).toEqual([expect.stringMatching(/v1\.18\.0-eksbuild\.1 is older than the installed vpc-cni v1\.19\.0-eksbuild\.1: this engine does not downgrade add-ons/)]);
    const catalog2 = { 'vpc-cni': [offer('v1.19.0-eksbuild.1', '1.31', '1.33', ['1.31']), offer('v1.18.0-eksbuild.1', '1.29', '1.31', ['1.30'])] };
    const state3 = { ...liveState({ version: '1.31', catalog: catalog2, addons: [addon('vpc-cni', 'v1.19.0-eksbuild.1')] }), rollback: upgraded(1), support: support() };
    const plan = planUpgrade(specFor('1.30', { controlPlane: { allowRollback: true }, addons: [{ name: 'vpc-cni', version: 'clusterDefault' }] }), state3);
    expect(describePlan(plan)).toEqual([
      { title: 'add-ons onto versions that run on 1.30', steps: ['addon vpc-cni v1.19.0-eksbuild.1->v1.18.0-eksbuild.1'] },
      { title: 'roll the control plane back to 1.30', steps: ['cluster 1.31->1.30 rollback(720)'] },
    ]);
  });
});

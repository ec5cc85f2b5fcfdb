/**
 * Regressions: planner bugs found by the table and property tests, each kept as its minimal reproduction.
 */
import { addon, customNodegroup, describePlan, liveState, nodegroup, offer, planProblems, specFor } from './fixtures/planner-fixtures';
import { compareAddonVersions } from '../../src/engine/addon-versions';
import { planSteps } from '../../src/engine/plan-types';
import { PlanError, planUpgrade } from '../../src/engine/planner';

describe('planner regressions', () => {
  /*
   * Bottlerocket node groups report the Bottlerocket OS version as their releaseVersion (for example
   * "1.47.0-6154605b"; SSM /aws/service/bottlerocket/aws-k8s-<k8s>/<arch>/latest/image_version
   * returns the same kind of value). The planner reads "1.47" as a Kubernetes minor and refuses a
   * perfectly valid pin: "1.43.0-5a2b9c1d is a release of Kubernetes 1.43, but the node group's
   * target is 1.31". The Kubernetes-minor check only holds for EKS-optimized AL2/AL2023 releases.
   */
  test('an exact Bottlerocket release version is not a Kubernetes minor', () => {
    const state = liveState({
      version: '1.31',
      nodegroups: [nodegroup('br', '1.31', { amiType: 'BOTTLEROCKET_x86_64', releaseVersion: '1.42.0-21e1a4c8' })],
    });
    const plan = planUpgrade(specFor('1.31', { nodegroups: [{ name: 'br', releaseVersion: '1.43.0-5a2b9c1d' }] }), state);
    expect(describePlan(plan)).toEqual([
      { title: 'node groups to their targets', steps: ['nodegroup br 1.31->1.31 release=1.43.0-5a2b9c1d'] },
    ]);
  });

  /*
   * The no-downgrade guarantee for add-ons rests on an unchecked assumption: that a newer add-on
   * version never supports fewer future Kubernetes minors than an older one. With a catalog where
   * the bridge chosen before a control-plane step (newest version running on both minors) is newer
   * than the add-on's target, the planner emits the bridge and then a DOWNGRADE to the target:
   *   1.29 -> 1.30, cni-x live v1.1.0 [1.28–1.29], target v1.2.0 [1.30–1.31], v1.3.0 [1.29–1.30]:
   *   prepare: v1.1.0 -> v1.3.0, control plane 1.30, add-ons to targets: v1.3.0 -> v1.2.0.
   * addonGoal only compares the target with the *live* version, never with the version the
   * preparation steps leave. Expected: a refusal naming addons[0] (no downgrade-free path exists),
   * or at least no addon-update step whose version is older than its from.
   */
  test('no add-on step is a downgrade, whatever the catalog', () => {
    const catalog = {
      'cni-x': [
        offer('v1.3.0-eksbuild.1', '1.29', '1.30'),
        offer('v1.2.0-eksbuild.1', '1.30', '1.31', ['1.30', '1.31']),
        offer('v1.1.0-eksbuild.1', '1.28', '1.29', ['1.28', '1.29']),
      ],
    };
    const state = liveState({ version: '1.29', addons: [addon('cni-x', 'v1.1.0-eksbuild.1')], catalog });
    const spec = specFor('1.30', { addons: [{ name: 'cni-x', version: 'v1.2.0-eksbuild.1' }] });
    let downgrades: string[] = [];
    try {
      downgrades = planSteps(planUpgrade(spec, state)).flatMap((s) =>
        s.action === 'addon-update' && compareAddonVersions(s.version, s.from) < 0 ? [`${s.resource.name} ${s.from} -> ${s.version}`] : []);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      expect((e as PlanError).problems.map((p) => p.field)).toEqual(['addons[0]']);
    }
    expect(downgrades).toEqual([]);
  });

  /*
   * A one-minor rollback (allowRollback) must not leave a node group newer than the control plane
   * (DESIGN §4: "Version may not exceed the control plane's"). The planner refuses it for a managed-AMI
   * node group (version "cluster" resolves below the node group's version), but a custom-AMI node group
   * on the old control-plane version is neither refused nor warned about: the plan rolls the control
   * plane back under kubelets one minor newer than the API server.
   */
  test('a rollback below a custom-AMI node group is refused', () => {
    const problems = planProblems(() => planUpgrade(
      specFor('1.30', { controlPlane: { allowRollback: true }, nodegroups: [{ name: 'gpu' }] }),
      liveState({ version: '1.31', nodegroups: [customNodegroup('gpu', '1.31')] }),
    ));
    expect(problems.map((p) => p.field)).toEqual(['nodegroups[0]']);
  });

  /*
   * policy.maxKubeletSkew accepts 0 (parse-spec: "a whole number from 0 to 3"), but no upgrade can
   * keep a lag of 0: the control plane always moves first. The planner refuses the upgrade when an
   * untargeted node group is on the old minor ("EKS allows 0"), yet for a targeted node group in the
   * same position it silently plans control plane 1.30 -> 1.31 with the node group left on 1.30, a
   * lag of 1 the policy forbids. Expected: a refusal either way (or the spec rejecting 0).
   */
  test('policy.maxKubeletSkew 0 is not silently violated for a targeted node group', () => {
    const plan = () => planUpgrade(
      specFor('1.31', { nodegroups: [{ name: 'general' }], policy: { maxKubeletSkew: 0 } }),
      liveState({ version: '1.30', nodegroups: [nodegroup('general', '1.30')] }),
    );
    expect(plan).toThrow(/cannot be planned|invalid upgrade spec/);
  });

  test('a rollback below a node group the spec does not name is refused', () => {
    const problems = planProblems(() => planUpgrade(
      specFor('1.30', { controlPlane: { allowRollback: true } }),
      liveState({ version: '1.31', untargetedNodegroups: [nodegroup('other', '1.31')] }),
    ));
    expect(problems.map((p) => [p.rule, p.field])).toEqual([['ROLLBACK-MNG-FIRST', 'nodegroup/other']]);
  });

  test('an add-on pinned to its installed version plans nothing even after EKS stops listing it', () => {
    const catalog = { 'cni-x': [offer('v1.2.0-eksbuild.1', '1.30', '1.31', ['1.30', '1.31'])] };
    const state = liveState({ version: '1.30', addons: [addon('cni-x', 'v1.1.0-eksbuild.1')], catalog });
    expect(planSteps(planUpgrade(specFor('1.30', { addons: [{ name: 'cni-x', version: 'v1.1.0-eksbuild.1' }] }), state))).toEqual([]);
  });

  /*
   * The README's own example once left kube-proxy, which the spec did not name, on a version EKS does not offer for
   * the new control plane, and the run said "converged" (UNTARGETED-COMPATIBLE).
   */
  test('an installed add-on the spec does not name, incompatible with the target, is refused; a compatible one is not', () => {
    const state = liveState({ version: '1.30', untargetedAddons: [addon('coredns', 'v1.11.1-eksbuild.1'), addon('vpc-cni', 'v1.18.0-eksbuild.1')] });
    const problems = planProblems(() => planUpgrade(specFor('1.31'), state));
    expect(problems.map((p) => [p.rule, p.field])).toEqual([['UNTARGETED-COMPATIBLE', 'addon/coredns']]);
    expect(problems[0].message).toContain('add it to addons, e.g. { "name": "coredns", "version": "clusterDefault" }');
    expect(planSteps(planUpgrade(specFor('1.30'), state))).toEqual([]);
  });

  test('an installed add-on EKS lists no versions for is named in a warning when the control plane moves', () => {
    const state = liveState({ version: '1.30', untargetedAddons: [addon('third-party', 'v0.1.0')] });
    expect(planUpgrade(specFor('1.31'), state).findings.map((f) => [f.rule, f.field])).toEqual([['UNTARGETED-COMPATIBLE', 'addon/third-party']]);
    expect(planUpgrade(specFor('1.30'), state).warnings).toEqual([]);
  });
});

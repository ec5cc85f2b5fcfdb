/**
 * Bad input: construct props rejected at synth (no Terraform, no EKS call), and spec fields rejected by
 * the bundled CLI before any mutating call (exit code 2). Each error names the field and the fix.
 */
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { demoSeed, EXIT_CODES, runCli, smallSpec, SpecJson, withLane } from './harness';
import { Scenario } from './tally';
import {
  AddonVersion, ClusterUpgrade, ClusterUpgradeProps, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs, ReleaseVersion, ResolveConflicts,
} from '../../src';
import type { SimFault, SimSeed } from '../../src/simulator';

interface SynthCase {
  readonly name: string;
  readonly app: (scope: Construct) => void;
  /** The field as the error names it (`stack/Prod: <field>: …`), or the offending value for a value class. */
  readonly field: string;
  readonly fix: RegExp;
}

const k = (v: string) => KubernetesVersion.of(v);

function upgrade(props: Partial<ClusterUpgradeProps>, then?: (u: ClusterUpgrade, scope: Construct) => void) {
  return (scope: Construct) => {
    const u = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: k('1.31'), ...props });
    then?.(u, scope);
  };
}

const SYNTH_CASES: SynthCase[] = [
  { name: 'KubernetesVersion 1.31.2', app: () => k('1.31.2'), field: "'1.31.2'", fix: /use 1\.31\b.*no patch level/ },
  { name: 'KubernetesVersion v1.31', app: () => k('v1.31'), field: "'v1.31'", fix: /use 1\.31\b.*no leading v/ },
  { name: 'KubernetesVersion 2.0', app: () => k('2.0'), field: "'2.0'", fix: /use the form 1\.31/ },
  { name: 'empty clusterName', app: upgrade({ clusterName: '' }), field: 'clusterName', fix: /1–100 letters, digits/ },
  { name: 'region that is not a region name', app: upgrade({ region: 'Ireland' }), field: 'region', fix: /such as eu-west-1/ },
  {
    name: 'node group target above the control plane',
    app: upgrade({ nodegroups: [{ name: 'general', version: k('1.32') }] }),
    field: 'nodegroups[0].version',
    fix: /lower it or use "cluster"/,
  },
  {
    name: 'launch template with both id and name',
    app: upgrade({ nodegroups: [{ name: 'gpu', launchTemplate: { id: 'lt-0123456789abcdef0', name: 'gpu', version: '3' } }] }),
    field: 'nodegroups[0].launchTemplate',
    fix: /drop one/,
  },
  {
    name: 'releaseVersion on a node group of a custom-image launch template',
    app: (scope) => {
      const lt = new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0') });
      upgrade({ nodegroups: [{ name: 'custom', launchTemplate: lt.forNodegroup(), releaseVersion: ReleaseVersion.latest() }] })(scope);
    },
    field: 'nodegroups[0].releaseVersion',
    fix: /remove it: the AMI comes from the template/,
  },
  {
    // AL2-ENDS-1-32: no EKS-optimized Amazon Linux 2 AMI for 1.33 and later.
    name: 'EKS-optimized Amazon Linux 2 AMI for Kubernetes 1.33',
    app: () => NodeAmi.eksOptimized({ kubernetesVersion: k('1.33'), os: NodeOs.AL2 }),
    field: 'os',
    fix: /no Amazon Linux 2 AMI for kubernetesVersion 1\.33 .*use NodeOs\.AL2023 or NodeOs\.BOTTLEROCKET/,
  },
  {
    // ADDON-SETTINGS-CONTENT: EKS takes JSON or YAML, so 'replicaCount: 3' is valid; an unclosed flow sequence is neither.
    name: 'configurationValues that parses as neither JSON nor YAML',
    app: upgrade({ addons: [{ name: 'coredns', configurationValues: 'replicaCount: [3' }] }),
    field: 'addons[0].configurationValues',
    fix: /does not parse as JSON or YAML/,
  },
  {
    name: 'negative update timeout',
    app: upgrade({ policy: { updateTimeoutMinutes: { cluster: -30 } } }),
    field: 'policy.updateTimeoutMinutes.cluster',
    fix: /must be a positive number of minutes/,
  },
  { name: 'negative rollback timeout', app: upgrade({ allowRollback: true, rollbackTimeoutMinutes: -1 }), field: 'rollbackTimeoutMinutes', fix: /from 120 to 10080/ },
  {
    name: 'maxUnavailablePercentage of 150',
    app: upgrade({ nodegroups: [{ name: 'general', updateConfig: { maxUnavailablePercentage: 150 } }] }),
    field: 'nodegroups[0].updateConfig.maxUnavailablePercentage',
    fix: /from 1 to 100/,
  },
  { name: 'add-on without a name', app: upgrade({ addons: [{ name: '' }] }), field: 'addons[0].name', fix: /an add-on name such as vpc-cni/ },
  {
    name: 'add-on version that is not a version',
    app: upgrade({ addons: [{ name: 'vpc-cni', version: AddonVersion.of('1.19') }] }),
    field: 'addons[0].version',
    fix: /use "latest", "clusterDefault" or an exact version/,
  },
  {
    name: 'resolveConflicts outside the enum',
    app: upgrade({ addons: [{ name: 'vpc-cni', resolveConflicts: 'FORCE' as ResolveConflicts }] }),
    field: 'addons[0].resolveConflicts',
    fix: /OVERWRITE, NONE, PRESERVE/,
  },
  { name: 'maxKubeletSkew of 4', app: upgrade({ policy: { maxKubeletSkew: 4 } }), field: 'policy.maxKubeletSkew', fix: /whole number from \d to 3/ },
  {
    name: 'releaseVersion of another Kubernetes minor than the node group target',
    app: upgrade({ nodegroups: [{ name: 'general', releaseVersion: ReleaseVersion.of('1.30.11-20250610') }] }),
    field: 'nodegroups[0].releaseVersion',
    fix: /1\.31 release or "latest"/,
  },
  {
    name: 'node group target more minors behind the control plane than the kubelet skew allows',
    app: upgrade({ nodegroups: [{ name: 'general', version: k('1.27') }] }),
    field: 'nodegroups[0].version',
    fix: /raise it or use "cluster"/,
  },
];

/** Construct props rejected at synth: the error names the prop's path and the fix. */
export function synthRejections(): Scenario[] {
  return SYNTH_CASES.map((c): Scenario => ({
    name: `synth: ${c.name}`,
    expect: 'fail',
    run: async (v) => {
      let message: string | undefined;
      try {
        Testing.synthScope(c.app);
      } catch (e) {
        message = (e as Error).message;
      }
      if (!v.check(message !== undefined, 'synth accepted it: the value is known at synth, so synth should reject it')) return;
      const named = c.field.startsWith("'") ? message!.includes(c.field) : message!.includes(`: ${c.field}: `);
      v.check(named, `the error does not name ${c.field}: ${message}`);
      v.check(c.fix.test(message!), `the error does not give the fix (${c.fix}): ${message}`);
    },
  }));
}

interface CliCase {
  readonly name: string;
  /** The spec file's content: JSON, or text that is not JSON. */
  readonly spec: SpecJson | string;
  readonly field: string;
  readonly fix: RegExp;
  readonly seed?: SimSeed;
  /** Texts stderr must not carry: a refusal for another reason than the one the case is about. */
  readonly not?: RegExp;
  readonly faults?: SimFault[];
  readonly args?: string[];
}

const ng = (extra: SpecJson) => ({ name: 'general', ...extra });
/** The custom-AMI node group on `legacy` (a launch template naming its own image). */
const custom = (extra: SpecJson) => ({ name: 'custom', ...extra });
const legacy = (targets: Parameters<typeof smallSpec>[0]) => smallSpec({ clusterName: 'legacy', ...targets });

/** The default seed, with legacy's custom-AMI nodes on an older kubelet than EKS reports for their node group. */
function customKubelets(kubelet: string): SimSeed {
  const seed = demoSeed();
  const c = seed.clusters.find((x) => x.name === 'legacy')!;
  c.dataPlane = { ...c.dataPlane, nodes: [...(c.dataPlane?.nodes ?? []), { managedBy: 'nodegroup', nodegroup: 'custom', kubeletVersion: kubelet, count: 2 }] };
  return seed;
}
/**
 * Every add-on of `demo`, and of `legacy` (both run vpc-cni, coredns and kube-proxy), to its newest version: what an
 * untargeted add-on would otherwise refuse.
 */
const EVERY_ADDON = ['vpc-cni', 'coredns', 'kube-proxy'].map((name) => ({ name, version: 'latest' }));
const withSpec = (mutate: (s: SpecJson) => void) => {
  const s = smallSpec({});
  mutate(s);
  return s;
};

const CLI_CASES: CliCase[] = [
  { name: 'controlPlane.version 1.31.2', spec: smallSpec({ version: '1.31.2' }), field: 'controlPlane.version', fix: /use the form 1\.31 \(no patch, no leading v\)/ },
  { name: 'controlPlane.version v1.31', spec: smallSpec({ version: 'v1.31' }), field: 'controlPlane.version', fix: /use the form 1\.31 \(no patch, no leading v\)/ },
  { name: 'controlPlane.version 2.0', spec: smallSpec({ version: '2.0' }), field: 'controlPlane.version', fix: /use the form 1\.31/ },
  { name: 'controlPlane.version missing', spec: withSpec((s) => { delete s.controlPlane.version; }), field: 'controlPlane.version', fix: /is required: a Kubernetes minor version such as 1\.31/ },
  { name: 'controlPlane missing', spec: withSpec((s) => { delete s.controlPlane; }), field: 'controlPlane', fix: /is required: \{ "version": "1\.31" \}/ },
  { name: 'downgrade 1.29 → 1.28', spec: smallSpec({ version: '1.28' }), field: 'controlPlane.version', fix: /set the target to 1\.29 or later/ },
  {
    name: 'rollback by two minors',
    spec: smallSpec({ version: '1.27', controlPlane: { allowRollback: true } }),
    field: 'controlPlane.version',
    fix: /one minor at most \(to 1\.28\)/,
  },
  {
    name: 'node-group target above the control plane',
    spec: smallSpec({ version: '1.30', nodegroups: [ng({ version: '1.31' })] }),
    field: 'nodegroups[0].version',
    fix: /lower it or use "cluster"/,
  },
  { name: 'node-group downgrade', spec: smallSpec({ nodegroups: [ng({ version: '1.28' })] }), field: 'nodegroups[0].version', fix: /target 1\.29 or later/ },
  {
    name: 'node-group target lagging the control plane beyond the kubelet skew',
    spec: smallSpec({ version: '1.33', nodegroups: [ng({ version: '1.29' })] }),
    field: 'nodegroups[0].version',
    fix: /raise it or use "cluster"/,
  },
  {
    name: 'launch template with id and name (legacy/custom)',
    spec: legacy({ nodegroups: [custom({ launchTemplate: { id: 'lt-0123456789abcdef0', name: 'demo-custom-lt', version: '2' } })] }),
    field: 'nodegroups[0].launchTemplate',
    fix: /drop one/,
  },
  {
    name: 'launch template on a node group created without one',
    spec: smallSpec({ nodegroups: [ng({ launchTemplate: { name: 'demo-batch-lt', version: '2' } })] }),
    field: 'nodegroups[0].launchTemplate',
    fix: /was created without a launch template/,
  },
  {
    name: 'launch template other than the node group\'s (legacy/custom)',
    spec: legacy({ nodegroups: [custom({ launchTemplate: { name: 'other-lt', version: '2' } })] }),
    field: 'nodegroups[0].launchTemplate',
    fix: /only accepts versions of the node group's own template/,
  },
  {
    name: 'releaseVersion on the custom-AMI node group (legacy/custom)',
    spec: legacy({ nodegroups: [custom({ releaseVersion: 'latest' })] }),
    field: 'nodegroups[0].releaseVersion',
    fix: /roll it with a launch template version instead/,
  },
  {
    name: 'version on the custom-AMI node group (legacy/custom)',
    spec: legacy({ nodegroups: [custom({ version: '1.29' })] }),
    field: 'nodegroups[0].version',
    fix: /roll it with a launch template version instead/,
  },
  {
    name: 'releaseVersion of another minor',
    spec: smallSpec({ version: '1.30', nodegroups: [ng({ releaseVersion: '1.31.7-20250610' })] }),
    field: 'nodegroups[0].releaseVersion',
    fix: /pick a 1\.30 release or "latest"/,
  },
  {
    // CUSTOM-AMI-SKEW: the untargeted custom-AMI node group's nodes, read through the Kubernetes API, run kubelet 1.27,
    // which the step 1.30 → 1.31 would leave four minors behind.
    name: 'untargeted custom-AMI node group whose kubelets a two-minor step leaves beyond the skew (legacy 1.29 → 1.31)',
    seed: customKubelets('1.27'),
    spec: legacy({ version: '1.31', addons: EVERY_ADDON, nodegroups: [{ name: 'al2' }] }),
    field: 'nodegroup/custom',
    fix: /runs kubelet v1\.27.*add a new version of launch template demo-custom-lt \(version 1 in use\) with an image for Kubernetes 1\.28 or later/,
  },
  {
    // CUSTOM-AMI-SKEW: rolling a new launch template version after the last step is too late for kubelets on 1.27.
    name: 'custom-AMI node group whose template rolls too late for its kubelets (legacy 1.29 → 1.31)',
    seed: customKubelets('1.27'),
    spec: legacy({ version: '1.31', addons: EVERY_ADDON, nodegroups: [{ name: 'al2' }, custom({ launchTemplate: { name: 'demo-custom-lt', version: '2' } })] }),
    field: 'nodegroups[1]',
    fix: /in an apply that targets 1\.30 at most, before going further/,
  },
  {
    // AL2-ENDS-1-32: no EKS-optimized Amazon Linux 2 AMI for 1.33 and later.
    name: 'Amazon Linux 2 node group to 1.33 (legacy/al2)',
    spec: legacy({ version: '1.33', addons: EVERY_ADDON, nodegroups: [{ name: 'al2' }] }),
    field: 'nodegroups[0]',
    fix: /EKS publishes no Amazon Linux 2 AMI for Kubernetes 1\.33 .*move its workloads to a new AL2023 or Bottlerocket node group/,
  },
  {
    // UNTARGETED-COMPATIBLE: kube-proxy's installed early build is listed for 1.29 only, and the spec does not move it.
    name: 'untargeted add-on incompatible with the target (kube-proxy left out of a 1.29 → 1.30 spec)',
    spec: smallSpec({ version: '1.30', addons: [{ name: 'vpc-cni', version: 'latest' }], nodegroups: [ng({}), { name: 'batch' }] }),
    field: 'addon/kube-proxy',
    fix: /does not run on Kubernetes 1\.30 .*add it to addons, e\.g\. \{ "name": "kube-proxy", "version": "clusterDefault" \}/,
    not: /vpc-cni/,
  },
  {
    // MNG-MATCH-CP: a node group pinned to 1.29 would have to match 1.30 before the control plane's second step.
    name: 'node-group version pinned below a control-plane step it would block (general at 1.29, demo 1.29 → 1.31)',
    spec: smallSpec({ version: '1.31', addons: EVERY_ADDON, nodegroups: [ng({ version: '1.29' }), { name: 'batch' }] }),
    field: 'nodegroups[0].version',
    fix: /would block the control plane's step 1\.30 → 1\.31.*target 1\.30 or later \(or "cluster"\)/,
    not: /batch/,
  },
  { name: 'unknown cluster', spec: withSpec((s) => { s.clusterName = 'prod'; }), field: 'clusterName', fix: /was not found in region .*; check the name and the region/ },
  { name: 'unknown node group', spec: smallSpec({ nodegroups: [{ name: 'gpu' }] }), field: 'nodegroups[0].name', fix: /it has: general, batch\); check the name/ },
  { name: 'add-on not installed', spec: smallSpec({ addons: [{ name: 'aws-ebs-csi-driver' }] }), field: 'addons[0].name', fix: /install it first or fix the name/ },
  {
    name: 'add-on version EKS does not offer',
    spec: smallSpec({ addons: [{ name: 'vpc-cni', version: 'v0.0.1-eksbuild.1' }] }),
    field: 'addons[0].version',
    fix: /offered: v1\./,
  },
  {
    name: 'add-on downgrade',
    spec: smallSpec({ addons: [{ name: 'coredns', version: 'v1.10.1-eksbuild.7' }] }),
    field: 'addons[0].version',
    fix: /target v1\.11\.1-eksbuild\.4 or later/,
  },
  {
    name: 'configurationValues that parses as neither JSON nor YAML',
    spec: smallSpec({ addons: [{ name: 'coredns', configurationValues: 'replicaCount: [3' }] }),
    field: 'addons[0].configurationValues',
    fix: /does not parse as JSON or YAML/,
  },
  { name: 'resolveConflicts FORCE', spec: smallSpec({ addons: [{ name: 'vpc-cni', resolveConflicts: 'FORCE' }] }), field: 'addons[0].resolveConflicts', fix: /OVERWRITE, NONE, PRESERVE/ },
  {
    name: 'negative timeout',
    spec: smallSpec({ policy: { updateTimeoutMinutes: { nodegroup: -5 } } }),
    field: 'policy.updateTimeoutMinutes.nodegroup',
    fix: /must be a positive number of minutes/,
  },
  { name: 'maxUnavailable 0', spec: smallSpec({ nodegroups: [ng({ updateConfig: { maxUnavailable: 0 } })] }), field: 'nodegroups[0].updateConfig.maxUnavailable', fix: /from 1 to 100/ },
  { name: 'insights policy strict', spec: smallSpec({ policy: { insights: 'strict' } }), field: 'policy.insights', fix: /fail, warn, ignore/ },
  { name: 'unknown specVersion', spec: withSpec((s) => { s.specVersion = 2; }), field: 'specVersion', fix: /upgrade cdktf-eks-upgrade so synth and apply use the same major version/ },
  { name: 'empty cluster name', spec: withSpec((s) => { s.clusterName = ''; }), field: 'clusterName', fix: /1–100 letters, digits/ },
  { name: 'region that is not a region name', spec: withSpec((s) => { s.region = 'Ireland'; }), field: 'region', fix: /such as eu-west-1/ },
  { name: 'duplicate add-on', spec: smallSpec({ addons: [{ name: 'coredns' }, { name: 'coredns' }] }), field: 'addons[1]', fix: /merge the two/ },
  {
    // INSIGHTS-PER-STEP: the first control-plane step's insights are read before any change, even though the
    // plan moves vpc-cni before that step.
    name: 'ERROR upgrade insight under the fail policy',
    spec: smallSpec({ version: '1.30', addons: EVERY_ADDON }),
    field: 'insights',
    fix: /set controlPlane\.force: true to override the check/,
    faults: [{ kind: 'insight', kubernetesVersion: '1.30', status: 'ERROR', name: 'Deprecated APIs removed', description: 'Workloads call APIs removed in 1.30' }],
  },
  { name: '--time-scale 0', spec: smallSpec({}), field: '--time-scale', fix: /must be a positive number; 1 is real time/, args: ['--time-scale', '0'] },
];

/** Spec fields the CLI rejects: exit code 2, the field and the fix on stderr, no mutating call. */
export function cliRejections(): Scenario[] {
  return CLI_CASES.map((c): Scenario => ({
    name: `apply: ${c.name}`,
    expect: 'fail',
    run: async (v) => {
      await withLane(c.seed ?? demoSeed(), {}, async (lane) => {
        for (const f of c.faults ?? []) lane.sim.injectFault(f);
        const run = await runCli(lane, c.spec, c.args ? { args: c.args } : {});
        v.check(run.code === EXIT_CODES.rejected, () => `exit code ${run.code}, expected ${EXIT_CODES.rejected}: ${run.stderr}${run.stdout.slice(-1500)}`);
        v.check(run.stderr.includes(c.field), `stderr does not name ${c.field}: ${run.stderr}`);
        v.check(c.fix.test(run.stderr), `stderr does not give the fix (${c.fix}): ${run.stderr}`);
        if (c.not) v.check(!c.not.test(run.stderr), `stderr refuses for another reason too (${c.not}): ${run.stderr}`);
        const mutations = lane.sim.calls().filter((call) => call.mutating);
        v.mutationsAfterRejection += mutations.length;
        v.check(mutations.length === 0, `a rejected spec made ${mutations.length} mutating call(s): ${mutations.map((m) => `${m.operation} ${m.resource}`).join(', ')}`);
        v.converged = run.code === 0;
      });
    },
  }));
}

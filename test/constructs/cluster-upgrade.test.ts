import { TerraformVariable } from 'cdktf';
import { onlyResource, runnerSpec, synth } from './helpers';
import {
  AddonVersion, Arch, ClusterUpgrade, DataPlanePolicy, EvictionsPolicy, InsightsPolicy, KubernetesVersion, NodeAmi, NodeLaunchTemplate, NodeOs,
  ReleaseVersion, ResolveConflicts, UpdateStrategy,
} from '../../src';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';

describe('ClusterUpgrade', () => {
  test('minimal upgrade: one runner with the control-plane target and every default written out', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
    });
    expect(out).toMatchSnapshot();
    expect(runnerSpec(out)).toEqual({
      specVersion: 1,
      clusterName: 'prod',
      controlPlane: { version: '1.31', force: false, allowRollback: false, rollbackTimeoutMinutes: 720 },
      addons: [],
      nodegroups: [],
      policy: {
        insights: 'fail',
        maxConcurrentNodegroups: 3,
        maxKubeletSkew: 3,
        updateTimeoutMinutes: { cluster: 90, nodegroup: 180, addon: 30 },
      },
    });
    // The spec is written once, in a local: the runner's input refers to it and its trigger is the spec's digest.
    const runner = onlyResource(out, 'terraform_data');
    const local = /^\$\{(local\.[\w-]+)\}$/.exec(runner.input)![1];
    expect(runner.triggers_replace).toEqual({ spec: `\${sha256(jsonencode(${local}))}` });
    expect(out.split('"clusterName": "prod"').length - 1).toBe(1);
  });

  test('full upgrade: add-ons, node groups of every kind and the policy in the spec', () => {
    const out = synth((scope) => {
      const lt = new NodeLaunchTemplate(scope, 'GpuLt', {
        ami: NodeAmi.eksOptimized({ kubernetesVersion: KubernetesVersion.of('1.31'), os: NodeOs.AL2023, arch: Arch.X86_64 }),
        launchTemplate: { instanceType: 'g5.xlarge', userData: 'nodeconfig' },
      });
      const upgrade = new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        region: 'eu-west-1',
        version: KubernetesVersion.of('1.31'),
        force: true,
        allowRollback: true,
        rollbackTimeoutMinutes: 240,
        addons: [
          { name: 'vpc-cni', version: AddonVersion.latest(), resolveConflicts: ResolveConflicts.OVERWRITE, configuration: { env: { WARM_IP_TARGET: '5' } } },
          { name: 'coredns', version: AddonVersion.clusterDefault(), configurationValues: '{"replicaCount":3}' },
          {
            name: 'eks-pod-identity-agent',
            version: AddonVersion.of('v1.3.4-eksbuild.1'),
            resolveConflicts: ResolveConflicts.PRESERVE,
            serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/agent',
            podIdentityAssociations: [{ serviceAccount: 'agent', roleArn: 'arn:aws:iam::123456789012:role/agent-pod' }],
          },
          { name: 'aws-ebs-csi-driver', podIdentityAssociations: [] },
        ],
        nodegroups: [
          { name: 'general', releaseVersion: ReleaseVersion.latest(), updateConfig: { maxUnavailablePercentage: 25, updateStrategy: UpdateStrategy.MINIMAL } },
          { name: 'legacy', version: KubernetesVersion.of('1.30'), releaseVersion: ReleaseVersion.of('1.30.4-20241024'), updateConfig: { maxUnavailable: 2 } },
          { name: 'gpu', launchTemplate: lt.forNodegroup(), force: true },
          { name: 'named', launchTemplate: { name: 'batch-template', version: '7' } },
        ],
        policy: {
          insights: InsightsPolicy.WARN,
          maxConcurrentNodegroups: 5,
          maxKubeletSkew: 2,
          updateTimeoutMinutes: { cluster: 60, nodegroup: 240, addon: 15 },
        },
      });
      upgrade.addNodegroup({ name: 'batch' });
      upgrade.addAddon({ name: 'kube-proxy' });
    });
    expect(out).toMatchSnapshot();

    const input = runnerSpec(out);
    expect(input.nodegroups.map((n: any) => n.name)).toEqual(['general', 'legacy', 'gpu', 'named', 'batch']);
    expect(input.addons.map((a: any) => a.name)).toEqual(['vpc-cni', 'coredns', 'eks-pod-identity-agent', 'aws-ebs-csi-driver', 'kube-proxy']);
    expect(input.nodegroups[2].launchTemplate).toEqual({
      id: '${aws_launch_template.GpuLt_A82D3C23.id}',
      version: '${aws_launch_template.GpuLt_A82D3C23.latest_version}',
    });
    expect(input.addons[0].configurationValues).toBe('{"env":{"WARM_IP_TARGET":"5"}}');
    // An empty list is kept: it means "remove every association", unlike an omitted one.
    expect(input.addons[3].podIdentityAssociations).toEqual([]);
    expect(input.addons[4]).toEqual({ name: 'kube-proxy', version: 'latest' });
    expect(input.controlPlane).toEqual({ version: '1.31', force: true, allowRollback: true, rollbackTimeoutMinutes: 240 });
  });

  test('targets added after construction reach the synthesized runner (the spec renders lazily)', () => {
    let upgrade!: ClusterUpgrade;
    const out = synth((scope) => {
      upgrade = new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
      upgrade.addNodegroup({ name: 'late' });
      upgrade.addAddon({ name: 'coredns', version: AddonVersion.clusterDefault() });
    });
    const input = runnerSpec(out);
    expect(input.nodegroups).toEqual([{ name: 'late', version: 'cluster', force: false }]);
    expect(input.addons).toEqual([{ name: 'coredns', version: 'clusterDefault' }]);
    expect(upgrade.spec).toEqual(input);
  });

  test('policy.dataPlane is rendered only when set, and the engine parses it', () => {
    const input = runnerSpec(synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), policy: { dataPlane: DataPlanePolicy.REQUIRED } });
    }));
    expect(input.policy.dataPlane).toBe('required');
    expect(parseSpec(input).policy.dataPlane).toBe('required');
    const unset = runnerSpec(synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
    }));
    expect(unset.policy.dataPlane).toBeUndefined();
  });

  test('the spec getter shows Terraform references and is what the engine parses', () => {
    synth((scope) => {
      const lt = new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
      const upgrade = new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: KubernetesVersion.of('1.31'),
        nodegroups: [{ name: 'general' }],
      });
      // Every default is written out except skipLevelNodegroups, rendered only when set so that existing specs stay as
      // they were; the engine reads its absence as false (and dataPlane's as 'best-effort').
      const spec = upgrade.spec;
      expect(parseSpec(spec)).toEqual({ ...spec, policy: { ...spec.policy, skipLevelNodegroups: false, dataPlane: 'best-effort', evictions: 'fail' } });
      upgrade.addAddon({ name: 'aws-ebs-csi-driver', podIdentityAssociations: [] });
      expect(upgrade.spec.addons).toEqual([{ name: 'aws-ebs-csi-driver', version: 'latest', podIdentityAssociations: [] }]);
      upgrade.addNodegroup({ name: 'custom', launchTemplate: lt.forNodegroup() });
      expect(upgrade.spec.nodegroups[1].launchTemplate.version).toBe('${aws_launch_template.Lt_FD2A8520.latest_version}');
    });
  });

  test.each([true, false])('MNG-MATCH-CP: policy.skipLevelNodegroups %s, when set, is in the spec the engine parses', (skipLevelNodegroups) => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), policy: { skipLevelNodegroups } });
    });
    const input = runnerSpec(out);
    expect(input.policy).toEqual({
      insights: 'fail', maxConcurrentNodegroups: 3, maxKubeletSkew: 3, skipLevelNodegroups, updateTimeoutMinutes: { cluster: 90, nodegroup: 180, addon: 30 },
    });
    expect(parseSpec(input).policy.skipLevelNodegroups).toBe(skipLevelNodegroups);
  });

  test('EVICTION-BUDGET: policy.evictions and a node group\'s evictions are in the spec the engine parses, and absent when not set', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: KubernetesVersion.of('1.31'),
        nodegroups: [{ name: 'general', evictions: EvictionsPolicy.FORCE }, { name: 'batch' }],
        policy: { evictions: EvictionsPolicy.WARN },
      });
    });
    const spec = parseSpec(runnerSpec(out));
    expect(spec.policy.evictions).toBe('warn');
    expect(spec.nodegroups.map((n) => n.evictions)).toEqual(['force', undefined]);
    const plain = runnerSpec(synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), nodegroups: [{ name: 'general' }] });
    }));
    expect(plain.policy).not.toHaveProperty('evictions');
    expect(plain.nodegroups[0]).not.toHaveProperty('evictions');
  });

  test('MNG-MATCH-CP: without skipLevelNodegroups the spec does not name it (node groups match the control plane)', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31'), policy: { maxKubeletSkew: 2 } });
    });
    expect(runnerSpec(out).policy).not.toHaveProperty('skipLevelNodegroups');
  });

  test('values only Terraform knows are left to the engine', () => {
    const out = synth((scope) => {
      const variable = (name: string) => new TerraformVariable(scope, name, { type: 'string' }).stringValue;
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: variable('cluster_name'),
        version: KubernetesVersion.of(variable('k8s_version')),
        nodegroups: [{ name: 'general', launchTemplate: { id: 'lt-0123', version: variable('lt_version') } }],
      });
    });
    const input = runnerSpec(out);
    expect(input.clusterName).toBe('${var.cluster_name}');
    expect(input.controlPlane.version).toBe('${var.k8s_version}');
    expect(input.nodegroups[0].launchTemplate.version).toBe('${var.lt_version}');
  });

  test('a configuration object holding Terraform values is encoded by Terraform', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: KubernetesVersion.of('1.31'),
        addons: [{ name: 'vpc-cni', configuration: { env: { WARM_IP_TARGET: new TerraformVariable(scope, 'warm', { type: 'string' }).stringValue } } }],
      });
    });
    expect(runnerSpec(out).addons[0].configurationValues)
      .toBe('${jsonencode({"env" = {"WARM_IP_TARGET" = var.warm}})}');
  });
});

/**
 * A small model of what EKS accepts, one API call at a time, written from the rule ledger (rule ids as in
 * docs/eks-rules.md) and the AWS pages cited beside each rule — never from the planner or the simulator.
 * `accept` answers for one plan step: refused with the rule id, or accepted with the state that follows.
 */
import { k8s, Minor, minorOf } from './minor';
import { PlanStep } from '../../../src/engine/plan-types';

export interface ModelLaunchTemplate {
  readonly id?: string;
  readonly name?: string;
  readonly version: string;
}

export interface ModelUpdateConfig {
  readonly maxUnavailable?: number;
  readonly maxUnavailablePercentage?: number;
  readonly updateStrategy?: string;
}

export interface ModelNodegroup {
  readonly name: string;
  /** The node group's Kubernetes minor (for a custom AMI: its image's kubelet). */
  readonly version: Minor;
  readonly amiType: string;
  /** amiType CUSTOM: the launch template names the image; EKS does not pick it. */
  readonly customAmi: boolean;
  readonly releaseVersion?: string;
  readonly launchTemplate?: ModelLaunchTemplate;
  readonly updateConfig: ModelUpdateConfig;
}

export interface ModelAddon {
  readonly name: string;
  readonly version: string;
  readonly configurationValues?: string;
}

/** One version DescribeAddonVersions lists, with the cluster minors it is listed for. */
export interface OfferedVersion {
  readonly version: string;
  readonly minors: readonly Minor[];
}

/**
 * What governs a managed node group when the control plane moves: `match` is the UpdateClusterVersion API
 * reference (MNG-MATCH-CP); `skew` is the world the opt-in skip-level mode assumes (KUBELET-SKEW only).
 */
export type NodegroupRule = 'match' | 'skew';

export interface EksState {
  readonly cp: Minor;
  /** CP-ROLLBACK: the minor the cluster was upgraded from, while EKS still offers a VersionRollback to it. */
  readonly rollbackTo?: Minor;
  readonly nodegroups: Readonly<Record<string, ModelNodegroup>>;
  readonly addons: Readonly<Record<string, ModelAddon>>;
  /** Per add-on, newest first (the order DescribeAddonVersions returns). */
  readonly catalog: Readonly<Record<string, readonly OfferedVersion[]>>;
  /** The release EKS picks when UpdateNodegroupVersion names none, per node group and minor, where the world knows it. */
  readonly latestRelease: Readonly<Record<string, Readonly<Record<number, string>>>>;
  readonly nodegroupRule: NodegroupRule;
}

export type Verdict =
  | { readonly ok: true; readonly next: EksState }
  | { readonly ok: false; readonly rule: string; readonly why: string };

const refuse = (rule: string, why: string): Verdict => ({ ok: false, rule, why });

/** Prefix of the release EKS picks by itself when this world does not know its name (newest for its minor). */
export const EKS_PICKED = 'eks-latest-';

/**
 * KUBELET-SKEW — Kubernetes version-skew policy (https://kubernetes.io/releases/version-skew-policy/#kubelet) and
 * the EKS user guide (https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html): a kubelet may lag the
 * API server by three minors from 1.28, two before. (Equivalent to the policy's "kubelet < 1.25: two minors":
 * a three-minor lag reaches an API server ≥ 1.28 exactly when the kubelet is ≥ 1.25.)
 */
export function kubeletSkewAllowed(apiServer: Minor): number {
  return apiServer >= 28 ? 3 : 2;
}

/**
 * The minor a release belongs to: Amazon Linux `1.31.3-20241213` and Windows `1.31-2024.11.12` name it; a
 * Bottlerocket release is an OS version and spans minors (RELEASE-FORMAT).
 */
export function releaseMinor(amiType: string, release: string): Minor | undefined {
  if (amiType.startsWith('BOTTLEROCKET')) return undefined;
  const m = /^1\.(\d+)\.\d+-\d{8}$/.exec(release) ?? /^1\.(\d+)-\d{4}\.\d{2}\.\d{2}$/.exec(release);
  return m ? Number(m[1]) : undefined;
}

/**
 * Release order within one family: the dotted numbers, then the build date (Amazon Linux `1.31.3-20241213`,
 * Windows `1.31-2024.11.12`); a Bottlerocket suffix is a commit hash and carries no order.
 */
export function compareReleases(a: string, b: string): number {
  const key = (r: string): number[] => {
    const [head, tail = ''] = r.split(/-(.*)/s);
    const date = /^\d{8}$/.test(tail) ? [Number(tail)] : /^\d{4}\.\d{2}\.\d{2}$/.test(tail) ? [Number(tail.replace(/\./g, ''))] : [];
    return [...head.split('.').map(Number), ...date];
  };
  const x = key(a);
  const y = key(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** The minor in an add-on version's name ("v1.19.0-eksbuild.1" → 19), for VPCCNI-ONE-MINOR. */
export function addonMinor(version: string): number {
  const m = /^v?\d+\.(\d+)\./.exec(version);
  if (!m) throw new Error(`oracle: add-on version '${version}' has no minor`);
  return Number(m[1]);
}

export function offeredFor(state: EksState, addon: string, version: string, minor: Minor): boolean {
  return (state.catalog[addon] ?? []).some((v) => v.version === version && v.minors.includes(minor));
}

/** Whether EKS accepts this one call in this state, and what the state becomes once the update succeeds. */
export function accept(state: EksState, step: PlanStep): Verdict {
  switch (step.action) {
    case 'cluster-version': return acceptClusterVersion(state, minorOf(step.from), minorOf(step.to), step.rollbackTimeoutMinutes);
    case 'nodegroup-version': return acceptNodegroupVersion(state, step);
    case 'nodegroup-config': return acceptNodegroupConfig(state, step.resource.name, step.updateConfig);
    case 'addon-update': return acceptAddonUpdate(state, step.resource.name, step.version, step.configurationValues);
  }
}

function acceptClusterVersion(state: EksState, from: Minor, to: Minor, rollbackTimeoutMinutes: number | undefined): Verdict {
  const cp = state.cp;
  // Not an EKS rule: the step's `from` is what the executor checks before calling; a wrong one is a planner slip.
  if (from !== cp) return refuse('PLAN-FROM', `the step says from ${k8s(from)} but the control plane is on ${k8s(cp)}`);
  const ngs = Object.values(state.nodegroups);
  if (to < cp) {
    // CP-ROLLBACK — https://docs.aws.amazon.com/eks/latest/userguide/rollback-cluster.html: only to the previous minor
    // the cluster came from; rollbackConfig.timeoutMinutes 120–10080 (API reference, UpdateClusterVersion).
    if (state.rollbackTo === undefined || to !== state.rollbackTo || to !== cp - 1) {
      return refuse('CP-ROLLBACK', `no VersionRollback from ${k8s(cp)} to ${k8s(to)}: EKS rolls back one minor, to the version the cluster came from${state.rollbackTo !== undefined ? ` (${k8s(state.rollbackTo)})` : ' (none available)'}`);
    }
    if (rollbackTimeoutMinutes === undefined || rollbackTimeoutMinutes < 120 || rollbackTimeoutMinutes > 10080) {
      return refuse('CP-ROLLBACK', `a downgrade must be a VersionRollback with rollbackConfig.timeoutMinutes 120–10080 (got ${rollbackTimeoutMinutes ?? 'none'})`);
    }
    // ROLLBACK-MNG-FIRST — rollback-cluster user guide: "You must rollback your managed node groups to the previous
    // version before rolling back the control plane. Use the UpdateNodegroupVersion API."
    const above = ngs.filter((n) => n.version > to).map((n) => `${n.name} (${k8s(n.version)})`);
    if (above.length > 0) return refuse('ROLLBACK-MNG-FIRST', `node groups ${above.join(', ')} must be rolled back to ${k8s(to)} before the control plane`);
    return { ok: true, next: { ...state, cp: to, rollbackTo: undefined } };
  }
  // CP-ONE-MINOR — EKS: InvalidParameterException "Unsupported Kubernetes minor version update from X to Y".
  if (to !== cp + 1) return refuse('CP-ONE-MINOR', `Unsupported Kubernetes minor version update from ${k8s(cp)} to ${k8s(to)}`);
  // MNG-MATCH-CP — UpdateClusterVersion API reference: "all of your node groups' Kubernetes versions must match the
  // cluster's Kubernetes version in order to update the cluster"; EKS: "Nodegroups <names> must be updated to match
  // cluster version <v> before updating cluster version".
  // KUBELET-SKEW governs instead in skip-level mode, and always for custom AMIs (CUSTOM-AMI-SKEW: EKS cannot read
  // their image's version and lets the control plane move ahead of them, eksctl-io/eksctl#5748).
  const bySkew = state.nodegroupRule === 'skew';
  const unmatched = ngs.filter((n) => !bySkew && !n.customAmi && n.version !== cp).map((n) => n.name);
  if (unmatched.length > 0) {
    return refuse('MNG-MATCH-CP', `Nodegroups ${unmatched.join(', ')} must be updated to match cluster version ${k8s(cp)} before updating cluster version`);
  }
  const lagging = ngs.filter((n) => (bySkew || n.customAmi) && to - n.version > kubeletSkewAllowed(to)).map((n) => `${n.name} (${k8s(n.version)})`);
  if (lagging.length > 0) {
    return refuse('KUBELET-SKEW', `kubelets of ${lagging.join(', ')} would lag control plane ${k8s(to)} by more than ${kubeletSkewAllowed(to)} minors`);
  }
  return { ok: true, next: { ...state, cp: to, rollbackTo: cp } };
}

function acceptNodegroupVersion(state: EksState, step: Extract<PlanStep, { action: 'nodegroup-version' }>): Verdict {
  const name = step.resource.name;
  const ng = state.nodegroups[name];
  if (!ng) return refuse('NG-EXISTS', `ResourceNotFoundException: no node group ${name}`);
  if (ng.customAmi) {
    // NG-CUSTOM-AMI — UpdateNodegroupVersion API reference: "If you specify launchTemplate, and your launch template
    // uses a custom AMI, then don't specify version"; EKS: "You cannot specify a kubernetes version to use when
    // specifying an image id to use within the launch template." and, with no template in the request, "Launch
    // template details can't be null for Custom ami type node group" (kubernetes-sigs/cluster-api-provider-aws#4327).
    if (step.version !== undefined || step.releaseVersion !== undefined) {
      return refuse('NG-CUSTOM-AMI', `${name} runs a custom AMI: no version or releaseVersion (got ${step.version ?? ''} ${step.releaseVersion ?? ''})`);
    }
    if (!step.launchTemplate) return refuse('NG-CUSTOM-AMI', `Launch template details can't be null for Custom ami type node group (${name})`);
  }
  const to = step.version === undefined ? ng.version : minorOf(step.version);
  // NG-NOT-ABOVE-CP — UpdateNodegroupVersion: "You can specify the Kubernetes version of the cluster"; a kubelet is
  // never newer than the API server (version-skew policy).
  if (to > state.cp) return refuse('NG-NOT-ABOVE-CP', `${name} to ${k8s(to)} would run above the control plane ${k8s(state.cp)}`);
  if (to < ng.version) {
    // NG-NO-DOWNGRADE — API reference: "You cannot roll back a node group to an earlier Kubernetes version or AMI
    // version", except ROLLBACK-MNG-FIRST: node groups follow a cluster rollback, before the control plane does.
    const withCluster = state.rollbackTo !== undefined && to === state.rollbackTo && ng.version === state.cp && to === state.cp - 1;
    if (!withCluster) return refuse('NG-NO-DOWNGRADE', `${name} cannot go back from ${k8s(ng.version)} to ${k8s(to)}${state.rollbackTo === undefined ? ' (no cluster rollback available)' : ''}`);
  }
  // AL2-ENDS-1-32 — https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-build-scripts.html: "Kubernetes version
  // 1.32 is the last version for which Amazon EKS will release AL2 AMIs".
  if (ng.amiType.startsWith('AL2_') && to >= 33) return refuse('AL2-ENDS-1-32', `${name} (${ng.amiType}) has no EKS-optimized AMI for ${k8s(to)}`);

  let releaseVersion = ng.releaseVersion;
  if (!ng.customAmi) {
    if (step.releaseVersion !== undefined) {
      // RELEASE-MATCHES-VERSION — EKS: "Requested release version 1.31.3-20250103 is not valid for kubernetes
      // version 1.30." (https://github.com/eksctl-io/eksctl/issues/7976)
      const minor = releaseMinor(ng.amiType, step.releaseVersion);
      if (minor !== undefined && minor !== to) return refuse('RELEASE-MATCHES-VERSION', `Requested release version ${step.releaseVersion} is not valid for kubernetes version ${k8s(to)}`);
      // What EKS picked as "latest" (a name this world does not know) is newer than anything a spec could pin.
      const pickedLatest = ng.releaseVersion?.startsWith(EKS_PICKED) && step.releaseVersion !== ng.releaseVersion;
      if (to === ng.version && ng.releaseVersion !== undefined && (pickedLatest || compareReleases(step.releaseVersion, ng.releaseVersion) < 0)) {
        return refuse('NG-NO-DOWNGRADE', `${name} cannot go back from AMI ${ng.releaseVersion} to ${step.releaseVersion}`);
      }
      releaseVersion = step.releaseVersion;
    } else {
      // API reference, releaseVersion: "By default, the latest available AMI version for the node group's current
      // Kubernetes version is used."
      releaseVersion = state.latestRelease[name]?.[to] ?? `${EKS_PICKED}${k8s(to)}`;
    }
  }

  let launchTemplate = ng.launchTemplate;
  if (step.launchTemplate) {
    // NG-LT-SAME — API reference: "You can update a node group using a launch template only if the node group was
    // originally deployed with a launch template. Additionally, the launch template ID or name must match"; EKS:
    // "Either provide launch template ID or launch template name in the request."
    const lt = step.launchTemplate;
    if (!ng.launchTemplate) return refuse('NG-LT-SAME', `${name} was created without a launch template`);
    if ((lt.id === undefined) === (lt.name === undefined)) return refuse('NG-LT-SAME', 'Either provide launch template ID or launch template name in the request.');
    if ((lt.id !== undefined && lt.id !== ng.launchTemplate.id) || (lt.name !== undefined && lt.name !== ng.launchTemplate.name)) {
      return refuse('NG-LT-SAME', `${name} uses ${ng.launchTemplate.id ?? ng.launchTemplate.name}, not ${lt.id ?? lt.name}`);
    }
    launchTemplate = { ...ng.launchTemplate, version: String(lt.version) };
  }
  // A custom image's kubelet comes with its template version; the worlds this oracle builds keep it (scenario.ts).
  const next: ModelNodegroup = { ...ng, version: to, releaseVersion, launchTemplate };
  return { ok: true, next: { ...state, nodegroups: { ...state.nodegroups, [name]: next } } };
}

function acceptNodegroupConfig(state: EksState, name: string, updateConfig: ModelUpdateConfig): Verdict {
  const ng = state.nodegroups[name];
  if (!ng) return refuse('NG-EXISTS', `ResourceNotFoundException: no node group ${name}`);
  // UpdateNodegroupConfig API reference: maxUnavailable and maxUnavailablePercentage are alternatives.
  if (updateConfig.maxUnavailable !== undefined && updateConfig.maxUnavailablePercentage !== undefined) {
    return refuse('UPDATECONFIG-ONE-OF', `${name}: maxUnavailable and maxUnavailablePercentage together`);
  }
  const merged: ModelUpdateConfig = {
    ...(updateConfig.maxUnavailable === undefined && updateConfig.maxUnavailablePercentage === undefined
      ? { maxUnavailable: ng.updateConfig.maxUnavailable, maxUnavailablePercentage: ng.updateConfig.maxUnavailablePercentage }
      : { maxUnavailable: updateConfig.maxUnavailable, maxUnavailablePercentage: updateConfig.maxUnavailablePercentage }),
    updateStrategy: updateConfig.updateStrategy ?? ng.updateConfig.updateStrategy,
  };
  return { ok: true, next: { ...state, nodegroups: { ...state.nodegroups, [name]: { ...ng, updateConfig: merged } } } };
}

function acceptAddonUpdate(state: EksState, name: string, version: string, configurationValues: string | undefined): Verdict {
  const addon = state.addons[name];
  if (!addon) return refuse('ADDON-EXISTS', `ResourceNotFoundException: no add-on ${name}`);
  // ADDON-VERSION-OFFERED — EKS: InvalidParameterException "Addon version specified is not supported"; the version
  // must be one DescribeAddonVersions lists for the cluster's version at the moment of the call.
  if (!offeredFor(state, name, version, state.cp)) {
    return refuse('ADDON-VERSION-OFFERED', `Addon version specified is not supported: ${name} ${version} on ${k8s(state.cp)}`);
  }
  // VPCCNI-ONE-MINOR — https://docs.aws.amazon.com/eks/latest/userguide/vpc-add-on-update.html ("You can only update
  // one minor version at a time"); EKS: "Updating VPC-CNI can only go up or down 1 minor version at a time".
  if (name === 'vpc-cni' && Math.abs(addonMinor(version) - addonMinor(addon.version)) > 1) {
    return refuse('VPCCNI-ONE-MINOR', `Updating VPC-CNI can only go up or down 1 minor version at a time (${addon.version} → ${version})`);
  }
  const next: ModelAddon = { ...addon, version, ...(configurationValues !== undefined ? { configurationValues } : {}) };
  return { ok: true, next: { ...state, addons: { ...state.addons, [name]: next } } };
}

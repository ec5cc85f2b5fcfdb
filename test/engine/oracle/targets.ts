/**
 * What a spec asks of the cluster, resolved the way EKS names things (`latest` = the newest version
 * DescribeAddonVersions lists for the target minor, `clusterDefault` = the one marked default for it), and the
 * check that a model state meets it — including UNTARGETED-COMPATIBLE for what the spec does not name.
 */
import { EksState, ModelUpdateConfig, offeredFor } from './eks-model';
import { k8s, Minor, minorOf } from './minor';
import { LiveState } from '../../../src/aws/live-state';
import { UpgradeSpec } from '../../../src/upgrade-spec/upgrade-spec';

export interface NodegroupTarget {
  /** Undefined for a custom AMI: its kubelet comes with its launch template's image. */
  readonly version?: Minor;
  readonly releaseVersion?: string;
  readonly launchTemplateVersion?: string;
  readonly updateConfig?: ModelUpdateConfig;
}

export interface AddonTarget {
  /** Undefined when EKS offers nothing the spec's word resolves to for the target minor. */
  readonly version?: string;
}

export interface Targets {
  readonly cp: Minor;
  readonly nodegroups: Readonly<Record<string, NodegroupTarget>>;
  readonly addons: Readonly<Record<string, AddonTarget>>;
  readonly untargetedNodegroups: readonly string[];
  readonly untargetedAddons: readonly string[];
}

export function targetsOf(spec: UpgradeSpec, live: LiveState): Targets {
  const cp = minorOf(spec.controlPlane.version);
  const nodegroups: Record<string, NodegroupTarget> = {};
  for (const ng of spec.nodegroups) {
    const custom = live.nodegroups[ng.name]?.amiType === 'CUSTOM';
    const release = ng.releaseVersion === 'latest' ? live.latestReleaseVersions[ng.name] : ng.releaseVersion;
    nodegroups[ng.name] = {
      version: custom ? undefined : ng.version === 'cluster' ? cp : minorOf(ng.version),
      ...(release !== undefined ? { releaseVersion: release } : {}),
      ...(ng.launchTemplate ? { launchTemplateVersion: String(ng.launchTemplate.version) } : {}),
      ...(ng.updateConfig ? { updateConfig: ng.updateConfig } : {}),
    };
  }
  const addons: Record<string, AddonTarget> = {};
  for (const a of spec.addons) {
    const catalog = live.addonCatalog[a.name] ?? [];
    const version = a.version === 'latest'
      ? catalog.find((v) => v.clusterVersions.includes(k8s(cp)))?.version
      : a.version === 'clusterDefault'
        ? catalog.find((v) => v.defaultFor.includes(k8s(cp)))?.version
        : a.version;
    addons[a.name] = { version };
  }
  return {
    cp,
    nodegroups,
    addons,
    untargetedNodegroups: Object.keys(live.untargetedNodegroups),
    untargetedAddons: Object.keys(live.untargetedAddons),
  };
}

/** Every way `state` falls short of `targets`, as `[RULE] what` lines; empty when met. */
export function unmetTargets(state: EksState, targets: Targets, addonVersionIn: (name: string) => readonly string[] = (n) => [state.addons[n].version]): string[] {
  const out: string[] = [];
  if (state.cp !== targets.cp) out.push(`[TARGET] control plane on ${k8s(state.cp)}, target ${k8s(targets.cp)}`);
  for (const [name, t] of Object.entries(targets.nodegroups)) {
    const ng = state.nodegroups[name];
    if (!ng) {
      out.push(`[TARGET] node group ${name} does not exist`);
      continue;
    }
    if (t.version !== undefined && ng.version !== t.version) out.push(`[TARGET] node group ${name} on ${k8s(ng.version)}, target ${k8s(t.version)}`);
    if (t.releaseVersion !== undefined && ng.releaseVersion !== t.releaseVersion) out.push(`[TARGET] node group ${name} AMI ${ng.releaseVersion}, target ${t.releaseVersion}`);
    if (t.launchTemplateVersion !== undefined && ng.launchTemplate?.version !== t.launchTemplateVersion) {
      out.push(`[TARGET] node group ${name} launch template version ${ng.launchTemplate?.version ?? 'none'}, target ${t.launchTemplateVersion}`);
    }
    const uc = t.updateConfig;
    if (uc && ((uc.maxUnavailable !== undefined && uc.maxUnavailable !== ng.updateConfig.maxUnavailable)
      || (uc.maxUnavailablePercentage !== undefined && uc.maxUnavailablePercentage !== ng.updateConfig.maxUnavailablePercentage)
      || (uc.updateStrategy !== undefined && uc.updateStrategy !== (ng.updateConfig.updateStrategy ?? 'DEFAULT')))) {
      out.push(`[TARGET] node group ${name} updateConfig ${JSON.stringify(ng.updateConfig)}, target ${JSON.stringify(uc)}`);
    }
  }
  for (const [name, t] of Object.entries(targets.addons)) {
    const have = addonVersionIn(name);
    if (t.version === undefined) out.push(`[ADDON-VERSION-OFFERED] add-on ${name}: the spec's version resolves to nothing EKS offers for ${k8s(targets.cp)}`);
    else if (!have.includes(t.version)) out.push(`[TARGET] add-on ${name} on ${have.join('|')}, target ${t.version}`);
    else if (!offeredFor(state, name, t.version, state.cp)) out.push(`[ADDON-VERSION-OFFERED] add-on ${name} ${t.version} is not offered for ${k8s(state.cp)}`);
  }
  for (const name of targets.untargetedAddons) {
    const v = state.addons[name].version;
    // UNTARGETED-COMPATIBLE — an add-on the spec does not name must still be one EKS lists for the final version.
    if (!offeredFor(state, name, v, state.cp)) out.push(`[UNTARGETED-COMPATIBLE] add-on ${name} ${v} (not in the spec) is not offered for ${k8s(state.cp)}`);
  }
  return out;
}

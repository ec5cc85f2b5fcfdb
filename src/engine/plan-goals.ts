import { Finding } from './plan-types';
import { AddonVersionInfo, LiveAddon, LiveNodegroup, LiveState } from '../aws/live-state';
import { settingsDiffer } from './rules/addon-settings-content';
import { resolveAddonTarget } from './rules/addon-version-offered';
import { checkAmazonLinux2 } from './rules/al2-ends-1-32';
import { refuse, warn } from './rules/finding';
import { checkCustomAmiFields, isCustomAmi } from './rules/ng-custom-ami';
import { checkLaunchTemplate } from './rules/ng-lt-same';
import { checkNoDowngrade } from './rules/ng-no-downgrade';
import { checkNotAboveControlPlane } from './rules/ng-not-above-cp';
import { checkRelease } from './rules/release-format';
import { compareMinor } from '../upgrade-spec/kubernetes-minor';
import { AddonSpec, NODEGROUP_VERSION_CLUSTER, NodegroupSpec, RELEASE_VERSION_LATEST, UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/** Where a targeted node group should end up, resolved against the live state. */
export interface NodegroupGoal {
  readonly field: string;
  readonly spec: NodegroupSpec;
  readonly live: LiveNodegroup;
  readonly custom: boolean;
  /** Undefined for custom-AMI node groups, whose kubelet comes from their launch template's image. */
  readonly version?: string;
  readonly releaseVersion?: string;
  readonly launchTemplate?: { readonly id?: string; readonly name?: string; readonly version: string };
}

export interface AddonGoal {
  readonly field: string;
  readonly spec: AddonSpec;
  readonly live: LiveAddon;
  readonly catalog: readonly AddonVersionInfo[];
  readonly version: string;
  readonly settingsChange: boolean;
}

export interface Goals {
  readonly nodegroups: NodegroupGoal[];
  readonly addons: AddonGoal[];
  readonly findings: Finding[];
}

/** Resolves every target of the spec, with every refusal and warning the per-resource rules find. */
export function resolveGoals(spec: UpgradeSpec, state: LiveState): Goals {
  const findings: Finding[] = [];
  const cpLive = state.cluster.version;
  const cpTarget = spec.controlPlane.version;
  const rollbackTarget = compareMinor(cpTarget, cpLive) < 0 ? cpTarget : undefined;

  const nodegroups = spec.nodegroups.flatMap((ng, i): NodegroupGoal[] => {
    const field = `nodegroups[${i}]`;
    const live = state.nodegroups[ng.name];
    if (!live) {
      findings.push(refuse('NG-EXISTS', `${field}.name`, `node group '${ng.name}' does not exist in cluster ${spec.clusterName}; check the name (eks-upgrade plan lists the cluster's node groups)`));
      return [];
    }
    const launchTemplate = ng.launchTemplate && live.launchTemplate?.version !== String(ng.launchTemplate.version)
      ? { id: ng.launchTemplate.id, name: ng.launchTemplate.name, version: String(ng.launchTemplate.version) }
      : undefined;
    findings.push(...checkLaunchTemplate(ng, live, field));
    if (isCustomAmi(live)) {
      findings.push(...checkCustomAmiFields(ng, live, field));
      return [{ field, spec: ng, live, custom: true, launchTemplate }];
    }
    const version = ng.version === NODEGROUP_VERSION_CLUSTER ? cpTarget : ng.version;
    let releaseVersion: string | undefined;
    if (ng.releaseVersion === RELEASE_VERSION_LATEST) {
      releaseVersion = state.latestReleaseVersions[ng.name];
      if (releaseVersion === undefined) {
        findings.push(warn('RELEASE-FORMAT', `${field}.releaseVersion`, `node group '${ng.name}' (${live.amiType}): no public release parameter for this AMI type; EKS picks the release for ${version}`));
      }
    } else if (ng.releaseVersion !== undefined) {
      releaseVersion = ng.releaseVersion;
      findings.push(...checkRelease(ng.name, live.amiType, releaseVersion, version, `${field}.releaseVersion`));
    }
    findings.push(
      ...checkNotAboveControlPlane(ng.name, version, cpTarget, `${field}.version`),
      ...checkNoDowngrade(live, version, releaseVersion, rollbackTarget, field),
      ...checkAmazonLinux2(ng.name, live.amiType, version, `${field}.version`),
    );
    return [{ field, spec: ng, live, custom: false, version, releaseVersion, launchTemplate }];
  });

  const addons = spec.addons.flatMap((a, i): AddonGoal[] => {
    const field = `addons[${i}]`;
    const live = state.addons[a.name];
    if (!live) {
      findings.push(refuse('ADDON-EXISTS', `${field}.name`, `add-on '${a.name}' is not installed on cluster ${spec.clusterName}; install it first (aws_eks_addon) or check the name`));
      return [];
    }
    const catalog = state.addonCatalog[a.name] ?? [];
    const resolved = resolveAddonTarget(a, live, catalog, cpLive, cpTarget, field);
    if ('finding' in resolved) {
      findings.push(resolved.finding);
      return [];
    }
    return [{ field, spec: a, live, catalog, version: resolved.version, settingsChange: settingsDiffer(a, live) }];
  });

  return { nodegroups, addons, findings };
}

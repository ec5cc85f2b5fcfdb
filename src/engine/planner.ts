import { compareAddonVersions, defaultVersionFor, newestCompatible, offersVersion } from './addon-versions';
import { LiveAddon, LiveNodegroup, LiveState } from './live-state';
import { AddonUpdateStep, NodegroupConfigStep, NodegroupVersionStep, Plan, PlanPhase, PlanStep } from './plan-types';
import { compareReleaseVersions, releaseMinor } from './release-versions';
import { allowedKubeletSkew, compareMinor, minorDistance, minorsBetween, previousMinor } from '../spec/kubernetes-minor';
import { SpecProblem } from '../spec/parse-spec';
import {
  ADDON_VERSION_CLUSTER_DEFAULT, ADDON_VERSION_LATEST, AddonSpec, NODEGROUP_VERSION_CLUSTER, NodegroupSpec,
  RELEASE_VERSION_LATEST, UpgradeSpec,
} from '../spec/upgrade-spec';

/** The spec asks for something EKS would refuse, found before any change is made. */
export class PlanError extends Error {
  constructor(public readonly problems: SpecProblem[]) {
    super(`the upgrade cannot be planned:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'PlanError';
  }
}

interface NodegroupGoal {
  readonly spec: NodegroupSpec;
  readonly live: LiveNodegroup;
  /** Undefined for custom-AMI node groups, whose kubelet comes from their launch template's image. */
  readonly version?: string;
  readonly releaseVersion?: string;
  readonly launchTemplate?: { id?: string; name?: string; version: string };
}

interface AddonGoal {
  readonly spec: AddonSpec;
  readonly live: LiveAddon;
  readonly version: string;
  readonly settingsChange: boolean;
}

/**
 * Turns live state and targets into ordered phases of EKS updates. Pure: no I/O, no clock, so every
 * rule can be tested exhaustively. Throws PlanError listing every refusal before anything is changed.
 */
export function planUpgrade(spec: UpgradeSpec, state: LiveState): Plan {
  const problems: SpecProblem[] = [];
  const warnings: string[] = [];
  const cpLive = state.cluster.version;
  const cpTarget = spec.controlPlane.version;
  const skewLimit = (v: string) => allowedKubeletSkew(v, spec.policy.maxKubeletSkew);

  const rollback = compareMinor(cpTarget, cpLive) < 0;
  if (rollback && !(spec.controlPlane.allowRollback && minorDistance(cpTarget, cpLive) === 1)) {
    problems.push({
      field: 'controlPlane.version',
      message: spec.controlPlane.allowRollback
        ? `${cpTarget} is more than one minor below the cluster's ${cpLive}: EKS rolls back one minor at most (to ${previousMinor(cpLive)})`
        : `${cpTarget} is below the cluster's ${cpLive}: EKS does not downgrade; set the target to ${cpLive} or later (or allowRollback for a one-minor rollback)`,
    });
  }

  for (const live of Object.values(state.untargetedNodegroups)) {
    if (compareMinor(live.version, cpTarget) > 0) {
      problems.push({ field: 'nodegroups', message: `node group '${live.name}' is not in the spec and runs ${live.version}, above the control-plane target ${cpTarget}: EKS never runs node groups ahead of the control plane and cannot roll them back` });
    } else if (minorDistance(live.version, cpTarget) > skewLimit(live.version)) {
      problems.push({
        field: 'nodegroups',
        message: `node group '${live.name}' is not in the spec and its kubelet ${live.version} ${skewText(live.version)}: ${live.amiType === 'CUSTOM' ? 'roll its custom AMI forward first' : `add it to nodegroups (e.g. { name: '${live.name}' }) so it is upgraded along`}, or target ${maxControlPlane(live.version)} at most`,
      });
    }
  }

  const nodegroups = spec.nodegroups.flatMap((ng, i) => {
    const goal = nodegroupGoal(ng, `nodegroups[${i}]`);
    return goal ? [goal] : [];
  });
  const addons = spec.addons.flatMap((a, i) => {
    const goal = addonGoal(a, `addons[${i}]`);
    return goal ? [goal] : [];
  });
  if (problems.length > 0) throw new PlanError(problems);

  if (!rollback && compareMinor(cpTarget, cpLive) > 0 && state.untargetedAddons.length > 0) {
    warnings.push(`add-ons not in the spec (${state.untargetedAddons.join(', ')}) are not checked against Kubernetes ${cpTarget}; add them to addons to have them moved when a step needs it`);
  }

  const phases: PlanPhase[] = [];
  const ngVersion = new Map(nodegroups.map((g) => [g.spec.name, g.live.version]));
  const ngDone = new Set<string>();
  const ngConfigured = new Set<string>();
  const addonVersion = new Map(addons.map((g) => [g.spec.name, g.live.version]));
  const addonDone = new Set<string>();
  let cp = cpLive;

  if (rollback) {
    phases.push({
      title: `roll the control plane back to ${cpTarget}`,
      steps: [{
        action: 'cluster-version',
        resource: { kind: 'cluster', name: spec.clusterName },
        from: cpLive,
        to: cpTarget,
        force: spec.controlPlane.force,
        rollbackTimeoutMinutes: spec.controlPlane.rollbackTimeoutMinutes,
        reason: `allowRollback: one-minor rollback from ${cpLive}`,
      }],
    });
    cp = cpTarget;
  }

  for (const next of minorsBetween(cpLive, rollback ? cpLive : cpTarget)) {
    const prepare: PlanStep[] = [];
    for (const g of nodegroups) {
      const cur = ngVersion.get(g.spec.name)!;
      if (g.version === undefined || minorDistance(cur, next) <= skewLimit(cur)) continue;
      const to = compareMinor(g.version, cp) <= 0 ? g.version : cp;
      prepare.push(...nodegroupSteps(g, to, `kubelet ${cur} would lag control plane ${next} by ${minorDistance(cur, next)} minors (EKS allows ${skewLimit(cur)})`));
    }
    for (const g of addons) {
      const cur = addonVersion.get(g.spec.name)!;
      const catalog = state.addonCatalog[g.spec.name] ?? [];
      if (offersVersion(catalog, cur, next)) continue;
      // The newest version that runs on both sides of the step without passing the target, so that
      // reaching the target afterwards is never a downgrade.
      const bridges = catalog
        .filter((v) => v.clusterVersions.includes(cp) && v.clusterVersions.includes(next))
        .map((v) => v.version)
        .filter((v) => compareAddonVersions(v, cur) >= 0 && compareAddonVersions(v, g.version) <= 0)
        .sort(compareAddonVersions);
      const to = bridges[bridges.length - 1];
      if (to === undefined) {
        problems.push({
          field: `addons[${spec.addons.indexOf(g.spec)}]`,
          message: `${g.spec.name} ${cur} does not run on Kubernetes ${next}, and EKS offers no version between it and the target ${g.version} that runs on both ${cp} and ${next}; choose another target or update the add-on by hand first`,
        });
        continue;
      }
      prepare.push(addonStep(g, to, `${g.spec.name} ${cur} is not compatible with Kubernetes ${next}`));
    }
    if (problems.length > 0) throw new PlanError(problems);
    if (prepare.length > 0) phases.push({ title: `prepare for Kubernetes ${next}`, steps: prepare });
    phases.push({
      title: `control plane to ${next}`,
      steps: [{
        action: 'cluster-version',
        resource: { kind: 'cluster', name: spec.clusterName },
        from: cp,
        to: next,
        force: spec.controlPlane.force,
        reason: next === cpTarget ? 'control-plane target' : `one minor at a time towards ${cpTarget}`,
      }],
    });
    cp = next;
  }

  const finalAddons = addons.flatMap((g) => {
    if (addonDone.has(g.spec.name)) return [];
    const cur = addonVersion.get(g.spec.name)!;
    if (cur === g.version && !g.settingsChange) return [];
    return [addonStep(g, g.version, cur === g.version ? 'settings differ from the target' : `add-on target ${g.version}`)];
  });
  if (finalAddons.length > 0) phases.push({ title: 'add-ons to their targets', steps: finalAddons });

  const finalNodegroups = nodegroups.flatMap((g) => {
    if (ngDone.has(g.spec.name)) return [];
    const steps = nodegroupSteps(g, g.version, 'node-group target');
    if (steps.length === 0 && !ngConfigured.has(g.spec.name)) return configStep(g);
    return steps;
  });
  if (finalNodegroups.length > 0) phases.push({ title: 'node groups to their targets', steps: finalNodegroups });

  return {
    clusterName: spec.clusterName,
    phases,
    warnings,
    controlPlaneTargets: rollback ? [] : minorsBetween(cpLive, cpTarget),
  };

  function skewText(kubelet: string): string {
    return `would lag control plane ${cpTarget} by ${minorDistance(kubelet, cpTarget)} minors (EKS allows ${skewLimit(kubelet)} and refuses the control-plane update beyond that)`;
  }

  function maxControlPlane(kubelet: string): string {
    return `1.${Number(kubelet.split('.')[1]) + skewLimit(kubelet)}`;
  }

  function nodegroupGoal(ng: NodegroupSpec, field: string): NodegroupGoal | undefined {
    const live = state.nodegroups[ng.name];
    if (!live) {
      problems.push({ field: `${field}.name`, message: `node group '${ng.name}' does not exist in cluster ${spec.clusterName}; check the name (aws eks list-nodegroups --cluster-name ${spec.clusterName})` });
      return undefined;
    }
    if (ng.launchTemplate) {
      const lt = live.launchTemplate;
      if (!lt) {
        problems.push({ field: `${field}.launchTemplate`, message: `node group '${ng.name}' was created without a launch template; EKS can only roll a node group to a version of the template it was created with` });
      } else if ((ng.launchTemplate.id && lt.id && ng.launchTemplate.id !== lt.id) || (ng.launchTemplate.name && lt.name && ng.launchTemplate.name !== lt.name)) {
        problems.push({ field: `${field}.launchTemplate`, message: `names ${ng.launchTemplate.id ?? ng.launchTemplate.name}, but node group '${ng.name}' uses ${lt.id ?? lt.name}; EKS only accepts versions of the node group's own template` });
      }
    }
    const launchTemplate = ng.launchTemplate && live.launchTemplate?.version !== String(ng.launchTemplate.version)
      ? { id: ng.launchTemplate.id, name: ng.launchTemplate.name, version: String(ng.launchTemplate.version) }
      : undefined;
    if (live.amiType === 'CUSTOM') {
      if (ng.version !== NODEGROUP_VERSION_CLUSTER || ng.releaseVersion !== undefined) {
        problems.push({ field: `${field}.${ng.releaseVersion !== undefined ? 'releaseVersion' : 'version'}`, message: `node group '${ng.name}' runs a custom AMI: EKS refuses a version or release version for it ("You cannot specify the field kubernetesVersion when using custom AMIs."); roll it with a launch template version instead` });
      }
      if (compareMinor(live.version, cpTarget) > 0) {
        problems.push({ field, message: `node group '${ng.name}' runs a custom AMI with kubelet ${live.version}, above the control-plane target ${cpTarget}: EKS never runs node groups ahead of the control plane` });
      } else if (minorDistance(live.version, cpTarget) > skewLimit(live.version)) {
        problems.push({ field, message: `node group '${ng.name}' runs a custom AMI with kubelet ${live.version}, ${skewText(live.version)}: first roll it to a launch template whose image runs a newer kubelet (its own apply), or target ${maxControlPlane(live.version)} at most` });
      }
      return { spec: ng, live, launchTemplate };
    }
    const version = ng.version === NODEGROUP_VERSION_CLUSTER ? cpTarget : ng.version;
    if (compareMinor(version, live.version) < 0) {
      problems.push({ field: `${field}.version`, message: `${version} is below node group '${ng.name}''s ${live.version}: EKS cannot roll a node group back; target ${live.version} or later` });
    } else if (compareMinor(version, cpTarget) > 0) {
      problems.push({ field: `${field}.version`, message: `${version} is above the control-plane target ${cpTarget}: node groups never run ahead of the control plane` });
    } else if (minorDistance(version, cpTarget) > skewLimit(version)) {
      problems.push({ field: `${field}.version`, message: `${version} would lag the control plane target ${cpTarget} by ${minorDistance(version, cpTarget)} minors; EKS allows ${skewLimit(version)}: raise it or use "cluster"` });
    }
    let releaseVersion: string | undefined;
    if (ng.releaseVersion === RELEASE_VERSION_LATEST) {
      releaseVersion = state.latestReleaseVersions[ng.name];
      if (releaseVersion === undefined) warnings.push(`node group '${ng.name}' (${live.amiType}): no public release parameter for this AMI type; EKS picks the release for ${version}`);
    } else if (ng.releaseVersion !== undefined) {
      releaseVersion = ng.releaseVersion;
      const minor = releaseMinor(releaseVersion);
      if (minor !== undefined && minor !== version) {
        problems.push({ field: `${field}.releaseVersion`, message: `${releaseVersion} is a release of Kubernetes ${minor}, but the node group's target is ${version}; pick a ${version} release or "latest"` });
      }
    }
    if (releaseVersion !== undefined && version === live.version && live.releaseVersion !== undefined && compareReleaseVersions(releaseVersion, live.releaseVersion) < 0) {
      problems.push({ field: `${field}.releaseVersion`, message: `${releaseVersion} is older than node group '${ng.name}''s ${live.releaseVersion}: EKS cannot roll an AMI back` });
    }
    return { spec: ng, live, version, releaseVersion, launchTemplate };
  }

  function addonGoal(a: AddonSpec, field: string): AddonGoal | undefined {
    const live = state.addons[a.name];
    if (!live) {
      problems.push({ field: `${field}.name`, message: `add-on '${a.name}' is not installed on cluster ${spec.clusterName}; install it first (aws_eks_addon) or check the name` });
      return undefined;
    }
    const catalog = state.addonCatalog[a.name] ?? [];
    let version: string | undefined;
    if (a.version === ADDON_VERSION_LATEST) {
      version = newestCompatible(catalog, [cpTarget]);
    } else if (a.version === ADDON_VERSION_CLUSTER_DEFAULT) {
      version = defaultVersionFor(catalog, cpTarget);
    } else if (offersVersion(catalog, a.version, cpTarget) || (a.version === live.version && cpTarget === cpLive)) {
      // An installed version EKS no longer lists is still a met target while the control plane stays put.
      version = a.version;
    } else {
      const offered = catalog.filter((v) => v.clusterVersions.includes(cpTarget)).map((v) => v.version).slice(0, 5);
      problems.push({ field: `${field}.version`, message: `EKS does not offer ${a.name} ${a.version} for Kubernetes ${cpTarget} ("Addon version specified is not supported"); offered: ${offered.join(', ') || 'none'}` });
      return undefined;
    }
    if (version === undefined) {
      problems.push({ field: `${field}.version`, message: `EKS offers no ${a.name} version for Kubernetes ${cpTarget}` });
      return undefined;
    }
    if (compareAddonVersions(version, live.version) < 0) {
      problems.push({ field: `${field}.version`, message: `${version} is older than the installed ${a.name} ${live.version}: EKS does not downgrade add-ons; target ${live.version} or later` });
      return undefined;
    }
    const settingsChange =
      (a.configurationValues !== undefined && !sameJson(a.configurationValues, live.configurationValues)) ||
      (a.serviceAccountRoleArn !== undefined && a.serviceAccountRoleArn !== live.serviceAccountRoleArn) ||
      (a.podIdentityAssociations !== undefined && a.podIdentityAssociations.length !== live.podIdentityAssociationCount);
    return { spec: a, live, version, settingsChange };
  }

  function addonStep(g: AddonGoal, to: string, reason: string): AddonUpdateStep {
    const final = to === g.version;
    const from = addonVersion.get(g.spec.name)!;
    addonVersion.set(g.spec.name, to);
    if (final) addonDone.add(g.spec.name);
    return {
      action: 'addon-update',
      resource: { kind: 'addon', name: g.spec.name },
      reason,
      from,
      version: to,
      resolveConflicts: g.spec.resolveConflicts,
      ...(final && g.settingsChange ? {
        configurationValues: g.spec.configurationValues,
        serviceAccountRoleArn: g.spec.serviceAccountRoleArn,
        podIdentityAssociations: g.spec.podIdentityAssociations,
      } : {}),
    };
  }

  function configStep(g: NodegroupGoal): NodegroupConfigStep[] {
    ngConfigured.add(g.spec.name);
    const want = g.spec.updateConfig;
    if (!want) return [];
    const have = g.live.updateConfig ?? {};
    const differs = (want.maxUnavailable !== undefined && want.maxUnavailable !== have.maxUnavailable) ||
      (want.maxUnavailablePercentage !== undefined && want.maxUnavailablePercentage !== have.maxUnavailablePercentage) ||
      (want.updateStrategy !== undefined && want.updateStrategy !== (have.updateStrategy ?? 'DEFAULT'));
    if (!differs) return [];
    return [{
      action: 'nodegroup-config',
      resource: { kind: 'nodegroup', name: g.spec.name },
      updateConfig: { ...want },
      reason: 'rollout settings differ; EKS applies them as a separate update before the node group rolls',
    }];
  }

  /** The steps that take a node group to `to` (its goal's extras ride along once `to` is the goal). */
  function nodegroupSteps(g: NodegroupGoal, to: string | undefined, reason: string): PlanStep[] {
    const name = g.spec.name;
    const cur = ngVersion.get(name)!;
    const final = to === g.version;
    const bump = to !== undefined && compareMinor(to, cur) > 0;
    const release = final && g.releaseVersion !== undefined && !(cur === g.live.version && g.releaseVersion === g.live.releaseVersion)
      ? g.releaseVersion : undefined;
    const launchTemplate = final ? g.launchTemplate : undefined;
    if (!bump && release === undefined && launchTemplate === undefined) return [];
    const step: NodegroupVersionStep = {
      action: 'nodegroup-version',
      resource: { kind: 'nodegroup', name },
      force: g.spec.force,
      from: { version: cur, releaseVersion: g.live.releaseVersion, launchTemplateVersion: g.live.launchTemplate?.version },
      ...(g.version !== undefined ? { version: to } : {}),
      ...(release !== undefined ? { releaseVersion: release } : {}),
      ...(launchTemplate ? { launchTemplate } : {}),
      reason: bump || !final ? reason : launchTemplate ? `launch template version ${launchTemplate.version}` : `AMI release ${release}`,
    };
    if (to !== undefined) ngVersion.set(name, to);
    if (final) ngDone.add(name);
    return [...(ngConfigured.has(name) ? [] : configStep(g)), step];
  }
}

function sameJson(a: string | undefined, b: string | undefined): boolean {
  try {
    return JSON.stringify(sortKeys(JSON.parse(a ?? '{}'))) === JSON.stringify(sortKeys(JSON.parse(b || '{}')));
  } catch {
    return a === b;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

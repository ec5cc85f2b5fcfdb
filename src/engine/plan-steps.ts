import { PlanCursor } from './plan-cursor';
import { AddonGoal, NodegroupGoal } from './plan-goals';
import { AddonUpdateStep, NodegroupConfigStep, PlanStep } from './plan-types';

/** Steps plus the cursor after them: how every step builder answers, so the walk threads one cursor through. */
export interface Planned<T extends PlanStep = PlanStep> {
  readonly steps: T[];
  readonly cursor: PlanCursor;
}

/**
 * NG-CONFIG-SEPARATE — UpdateNodegroupConfig reference: rollout settings (updateConfig) are their own update, never
 * part of a version update, so they go first, once, before the node group's first roll.
 */
export function configStep(g: NodegroupGoal, cursor: PlanCursor): Planned<NodegroupConfigStep> {
  if (cursor.isConfigured(g.spec.name)) return { steps: [], cursor };
  const next = cursor.withConfigured(g.spec.name);
  const want = g.spec.updateConfig;
  if (!want) return { steps: [], cursor: next };
  const have = g.live.updateConfig ?? {};
  const differs = (want.maxUnavailable !== undefined && want.maxUnavailable !== have.maxUnavailable) ||
    (want.maxUnavailablePercentage !== undefined && want.maxUnavailablePercentage !== have.maxUnavailablePercentage) ||
    (want.updateStrategy !== undefined && want.updateStrategy !== (have.updateStrategy ?? 'DEFAULT'));
  if (!differs) return { steps: [], cursor: next };
  return {
    steps: [{
      action: 'nodegroup-config',
      resource: { kind: 'nodegroup', name: g.spec.name },
      updateConfig: { ...want },
      reason: 'rollout settings differ; EKS applies them as a separate update before the node group rolls',
      rule: 'NG-CONFIG-SEPARATE',
    }],
    cursor: next,
  };
}

/**
 * The steps that take a node group to `to`. Its release version and launch template ride along only on the step that
 * reaches its goal (`final`); an intermediate minor gets the release EKS recommends for it.
 */
export function nodegroupSteps(g: NodegroupGoal, cursor: PlanCursor, to: string | undefined, reason: string, rule?: string, final = to === g.version): Planned {
  const name = g.spec.name;
  const cur = cursor.nodegroup(name);
  const moves = to !== undefined && to !== cur;
  const releaseDiffers = g.releaseVersion !== undefined && !(cur === g.live.version && g.releaseVersion === g.live.releaseVersion);
  const launchTemplate = final ? g.launchTemplate : undefined;
  if (!moves && !(final && releaseDiffers) && launchTemplate === undefined) {
    return { steps: [], cursor: final ? cursor.withNodegroup(name, cur, true) : cursor };
  }
  // A roll without releaseVersion takes the newest AMI of its version (UpdateNodegroupVersion reference), so a pinned
  // release rides on every final roll, even one made for a launch template.
  const release = final ? g.releaseVersion : undefined;
  const config = configStep(g, cursor);
  const why = moves || !final ? reason : launchTemplate ? `launch template version ${launchTemplate.version}` : `AMI release ${release}`;
  return {
    steps: [...config.steps, {
      action: 'nodegroup-version',
      resource: { kind: 'nodegroup', name },
      force: g.spec.force,
      from: { version: cur, releaseVersion: g.live.releaseVersion, launchTemplateVersion: g.live.launchTemplate?.version },
      ...(g.custom ? {} : { version: to }),
      ...(release !== undefined ? { releaseVersion: release } : {}),
      ...(launchTemplate ? { launchTemplate } : {}),
      reason: why,
      ...(rule && (moves || !final) ? { rule } : {}),
    }],
    cursor: config.cursor.withNodegroup(name, to ?? cur, final),
  };
}

/** One UpdateAddon call; the spec's settings ride along on the call that reaches the target version. */
export function addonStep(g: AddonGoal, cursor: PlanCursor, to: string, reason: string, rule?: string): Planned<AddonUpdateStep> {
  const final = to === g.version;
  const from = cursor.addon(g.spec.name);
  return {
    steps: [{
      action: 'addon-update',
      resource: { kind: 'addon', name: g.spec.name },
      reason,
      ...(rule ? { rule } : {}),
      from,
      version: to,
      resolveConflicts: g.spec.resolveConflicts,
      ...(final && g.settingsChange ? {
        configurationValues: g.spec.configurationValues,
        serviceAccountRoleArn: g.spec.serviceAccountRoleArn,
        podIdentityAssociations: g.spec.podIdentityAssociations,
      } : {}),
    }],
    cursor: cursor.withAddon(g.spec.name, to, final),
  };
}

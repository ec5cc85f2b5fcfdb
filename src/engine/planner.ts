import { checkDataPlane } from './data-plane-gate';
import { PlanCursor } from './plan-cursor';
import { AddonGoal, Goals, NodegroupGoal, resolveGoals } from './plan-goals';
import { addonStep, configStep, nodegroupSteps } from './plan-steps';
import { Finding, Plan, PlanPhase, PlanStep } from './plan-types';
import { LiveState } from '../aws/live-state';
import { controlPlaneSteps } from './rules/control-plane-steps';
import { checkCustomAmiSkew, CustomAmiSubject } from './rules/custom-ami-skew';
import { DataPlaneRead } from '../kubernetes/read-data-plane';
import { movesAroundStep } from './rules/addon-after-cp';
import { checkControlPlaneDirection } from './rules/cp-rollback';
import { formatFinding, refuse } from './rules/finding';
import { newestControlPlaneFor, skewText, withinKubeletSkew } from './rules/kubelet-skew';
import { checkFollowsControlPlane, MatchSubject } from './rules/mng-match-cp';
import { checkRollsBackFirst, needsRollback } from './rules/rollback-mng-first';
import { coverWork } from './rules/timeout-covers-work';
import { checkUntargetedAddons } from './rules/untargeted-compatible';
import { addonPath, VPC_CNI } from './rules/vpccni-one-minor';
import { compareMinor, minorsBetween } from '../upgrade-spec/kubernetes-minor';
import { SpecProblem } from '../upgrade-spec/parse-spec';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/** The spec asks for something EKS would refuse (or no order of EKS calls reaches), found before any change. */
export class PlanError extends Error {
  constructor(public readonly problems: SpecProblem[]) {
    super(`the upgrade cannot be planned:\n${problems.map((p) => `  - ${p.rule ? `[${p.rule}] ` : ''}${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'PlanError';
  }
}

/**
 * Turns live state and targets into ordered phases of EKS updates that EKS accepts at every step. Pure: no I/O, no
 * clock. The rules live one per module in ./rules (ids from docs/eks-rules.md); this function checks them all, throws
 * PlanError with every refusal at once, then walks the control plane's minors with an immutable cursor.
 */
export function planUpgrade(spec: UpgradeSpec, state: LiveState, dataPlane?: DataPlaneRead): Plan {
  const cpLive = state.cluster.version;
  const cpTarget = spec.controlPlane.version;
  const goals = resolveGoals(spec, state);
  const findings: Finding[] = [
    ...checkControlPlaneDirection(spec, cpLive),
    ...goals.findings,
    ...nodegroupFindings(spec, state, goals),
    ...checkUntargetedAddons(state.untargetedAddons, state.addonCatalog, cpLive, cpTarget),
    ...checkDataPlane(dataPlane, controlPlaneSteps(cpLive, cpTarget), spec.policy),
    // CUSTOM-AMI-SKEW: custom-AMI node groups are bounded by their nodes' kubelets, not by MNG-MATCH-CP (nodegroupFindings).
    ...checkCustomAmiSkew(customAmiSubjects(state, goals), dataPlane?.status === 'read' ? dataPlane.view : undefined, controlPlaneSteps(cpLive, cpTarget), spec.policy.maxKubeletSkew),
  ];
  throwIfRefused(findings);

  const start = PlanCursor.start(
    cpLive,
    Object.fromEntries(goals.nodegroups.map((g) => [g.spec.name, g.live.version])),
    Object.fromEntries(goals.addons.map((g) => [g.spec.name, g.live.version])),
  );
  const rollback = compareMinor(cpTarget, cpLive) < 0;
  const walked = rollback ? walkRollback(spec, goals, start) : walkUpgrade(spec, goals, start, findings);
  const closing = finalPhases(goals, walked.cursor, findings);
  throwIfRefused(findings);

  const phases = [...walked.phases, ...closing].map((phase) => ({
    title: phase.title,
    steps: phase.steps.map((step) => {
      const ng = step.resource.kind === 'nodegroup' ? goals.nodegroups.find((g) => g.spec.name === step.resource.name) : undefined;
      const covered = coverWork(step, spec.policy, ng?.live, ng ? { ...ng.live.updateConfig, ...ng.spec.updateConfig } : undefined);
      if (covered.finding) findings.push(covered.finding);
      return covered.step;
    }),
  }));
  // Unknowns travel with the warnings: a check that could not be made is said, never dropped.
  const warnings = findings.filter((f) => f.severity !== 'refuse');
  return {
    clusterName: spec.clusterName,
    phases,
    findings: warnings,
    warnings: warnings.map(formatFinding),
    controlPlaneTargets: rollback ? [] : minorsBetween(cpLive, cpTarget),
  };
}

interface Walked {
  readonly phases: PlanPhase[];
  readonly cursor: PlanCursor;
}

/** Node-group refusals that depend on the direction of the control plane and on the skip-level policy. */
function nodegroupFindings(spec: UpgradeSpec, state: LiveState, goals: Goals): Finding[] {
  const cpLive = state.cluster.version;
  const cpTarget = spec.controlPlane.version;
  const subjects: MatchSubject[] = [
    ...goals.nodegroups.map((g) => ({ live: g.live, field: g.field, custom: g.custom, version: g.version, rollsTemplate: g.launchTemplate !== undefined })),
    ...Object.values(state.untargetedNodegroups).map((live) => ({ live, custom: live.amiType === 'CUSTOM' })),
  ];
  if (compareMinor(cpTarget, cpLive) < 0) return subjects.flatMap((s) => checkRollsBackFirst(s, cpTarget));
  // Custom AMIs going up are bounded by their kubelets (CUSTOM-AMI-SKEW), not by these.
  const managed = subjects.filter((s) => !s.custom);
  if (!spec.policy.skipLevelNodegroups) return managed.flatMap((s) => checkFollowsControlPlane(s, cpLive, cpTarget));
  const skew = spec.policy.maxKubeletSkew;
  return managed.flatMap((s): Finding[] => {
    const version = s.field !== undefined && !s.custom ? s.version! : s.live.version;
    if (withinKubeletSkew(version, cpTarget, skew)) return [];
    const fix = s.custom ? 'first roll it to a launch template whose image runs a newer kubelet (its own apply)'
      : s.field === undefined ? `add it to nodegroups (e.g. { name: '${s.live.name}' }) so it is upgraded along` : 'raise its version or use "cluster"';
    return [refuse('KUBELET-SKEW', s.field ? `${s.field}${s.custom ? '' : '.version'}` : `nodegroup/${s.live.name}`,
      `node group '${s.live.name}': ${skewText(version, cpTarget, skew)}; ${fix}, or target ${newestControlPlaneFor(version, skew)} at most`)];
  });
}

/** Every custom-AMI node group, targeted (with its spec path) or not. */
function customAmiSubjects(state: LiveState, goals: Goals): CustomAmiSubject[] {
  return [
    ...goals.nodegroups.filter((g) => g.custom).map((g) => ({ live: g.live, field: g.field })),
    ...Object.values(state.untargetedNodegroups).filter((live) => live.amiType === 'CUSTOM').map((live) => ({ live })),
  ];
}

/**
 * One minor at a time (CP-ONE-MINOR). Before each step: managed node groups to the control plane's version
 * (MNG-MATCH-CP; under skipLevelNodegroups only those the kubelet skew demands), add-ons onto a version that runs on
 * both sides; right after it, add-ons for which no such version exists (ADDON-AFTER-CP).
 */
function walkUpgrade(spec: UpgradeSpec, goals: Goals, start: PlanCursor, findings: Finding[]): Walked {
  const phases: PlanPhase[] = [];
  const minors = minorsBetween(start.cp, spec.controlPlane.version);
  let cursor = start;
  let carried: PlanStep[] = [];
  for (const [i, next] of minors.entries()) {
    const from = cursor.cp;
    const last = i === minors.length - 1;
    const prepare: PlanStep[] = carried;
    carried = [];
    for (const g of goals.nodegroups) {
      if (g.custom) continue;
      const to = nodegroupStop(g, cursor.nodegroup(g.spec.name), from, next, spec);
      if (to === undefined) continue;
      const reason = spec.policy.skipLevelNodegroups
        ? `${skewText(cursor.nodegroup(g.spec.name), next, spec.policy.maxKubeletSkew)} after the step to ${next}`
        : `EKS moves the control plane to ${next} only when managed node groups match its ${from}`;
      cursor = take(nodegroupSteps(g, cursor, to, reason, spec.policy.skipLevelNodegroups ? 'KUBELET-SKEW' : 'MNG-MATCH-CP'), prepare);
    }
    for (const g of goals.addons) {
      const cur = cursor.addon(g.spec.name);
      const moves = movesAroundStep(g.spec.name, g.catalog, cur, g.version, from, next);
      if (moves.kind === 'none-works') {
        if (findings.some((f) => f.field === `${g.field}.version`)) continue;
        findings.push(refuse('ADDON-AFTER-CP', `${g.field}.version`, `${g.spec.name} ${cur} does not run on Kubernetes ${next}, and EKS offers no version up to the target ${g.version} that it can reach before or right after the control plane's step ${from} → ${next}; choose a newer target for it`));
      } else if (moves.kind === 'moves') {
        for (const v of moves.before) {
          const lastHop = moves.before[moves.before.length - 1];
          const reason = moves.after.length > 0 ? `${g.spec.name} one minor at a time, as far as Kubernetes ${from} allows`
            : v !== lastHop ? `${g.spec.name} one minor at a time towards ${lastHop}`
              : `${g.spec.name} ${cur} does not run on Kubernetes ${next}; ${v} runs on ${from} and ${next}`;
          cursor = take(addonStep(g, cursor, v, reason, g.spec.name === VPC_CNI && moves.before.length > 1 ? 'VPCCNI-ONE-MINOR' : 'ADDON-VERSION-OFFERED'), prepare);
        }
        // The last step's late add-ons go straight to their targets in the closing phase.
        if (!last) {
          for (const v of moves.after) {
            cursor = take(addonStep(g, cursor, v, `no ${g.spec.name} version runs on both ${from} and ${next}: control plane first, then the add-on`, 'ADDON-AFTER-CP'), carried);
          }
        }
      }
    }
    if (prepare.length > 0) phases.push({ title: `prepare for Kubernetes ${next}`, steps: prepare });
    phases.push({
      title: `control plane to ${next}`,
      steps: [{
        action: 'cluster-version',
        resource: { kind: 'cluster', name: spec.clusterName },
        from,
        to: next,
        force: spec.controlPlane.force,
        reason: last ? 'control-plane target' : `one minor at a time towards ${spec.controlPlane.version}`,
        rule: 'CP-ONE-MINOR',
      }],
    });
    cursor = cursor.withControlPlane(next);
  }
  if (carried.length > 0) phases.push({ title: 'add-ons after the control plane', steps: carried });
  return { phases, cursor };
}

/** The version a node group must reach before the step `from` → `next`, if it must move. */
function nodegroupStop(g: NodegroupGoal, cur: string, from: string, next: string, spec: UpgradeSpec): string | undefined {
  if (!spec.policy.skipLevelNodegroups) return compareMinor(cur, from) < 0 ? from : undefined;
  if (withinKubeletSkew(cur, next, spec.policy.maxKubeletSkew)) return undefined;
  return compareMinor(g.version!, from) <= 0 ? g.version : from;
}

/** ROLLBACK-MNG-FIRST, then the control plane's VersionRollback (CP-ROLLBACK). */
function walkRollback(spec: UpgradeSpec, goals: Goals, start: PlanCursor): Walked {
  const target = spec.controlPlane.version;
  let cursor = start;
  const down: PlanStep[] = [];
  for (const g of goals.nodegroups) {
    if (g.custom || !needsRollback(cursor.nodegroup(g.spec.name), target)) continue;
    cursor = take(nodegroupSteps(g, cursor, target, `EKS rolls managed node groups back to ${target} before the control plane`, 'ROLLBACK-MNG-FIRST'), down);
  }
  const phases: PlanPhase[] = down.length > 0 ? [{ title: `roll node groups back to ${target}`, steps: down }] : [];
  phases.push({
    title: `roll the control plane back to ${target}`,
    steps: [{
      action: 'cluster-version',
      resource: { kind: 'cluster', name: spec.clusterName },
      from: start.cp,
      to: target,
      force: spec.controlPlane.force,
      rollbackTimeoutMinutes: spec.controlPlane.rollbackTimeoutMinutes,
      reason: `allowRollback: one-minor rollback from ${start.cp}`,
      rule: 'CP-ROLLBACK',
    }],
  });
  return { phases, cursor: cursor.withControlPlane(target) };
}

/** After the last control-plane step: add-ons to their targets, then node groups to theirs. */
function finalPhases(goals: Goals, start: PlanCursor, findings: Finding[]): PlanPhase[] {
  let cursor = start;
  const addons: PlanStep[] = [];
  for (const g of goals.addons) {
    if (cursor.isAddonDone(g.spec.name) || findings.some((f) => f.field === `${g.field}.version`)) continue;
    cursor = finalAddon(g, cursor, addons, findings);
  }
  const nodegroups: PlanStep[] = [];
  for (const g of goals.nodegroups) {
    if (cursor.isNodegroupDone(g.spec.name)) continue;
    const planned = nodegroupSteps(g, cursor, g.version, 'node-group target');
    cursor = take(planned, nodegroups);
    // Rollout settings alone, when nothing else about the node group changes.
    if (planned.steps.length === 0) cursor = take(configStep(g, cursor), nodegroups);
  }
  return [
    ...(addons.length > 0 ? [{ title: 'add-ons to their targets', steps: addons }] : []),
    ...(nodegroups.length > 0 ? [{ title: 'node groups to their targets', steps: nodegroups }] : []),
  ];
}

function finalAddon(g: AddonGoal, cursor: PlanCursor, out: PlanStep[], findings: Finding[]): PlanCursor {
  const cur = cursor.addon(g.spec.name);
  if (cur === g.version) {
    return g.settingsChange ? take(addonStep(g, cursor, g.version, 'settings differ from the target', 'ADDON-SETTINGS-CONTENT'), out) : cursor;
  }
  const path = addonPath(g.spec.name, g.catalog, cur, g.version, cursor.cp);
  if (path === undefined) {
    findings.push(refuse(g.spec.name === VPC_CNI ? 'VPCCNI-ONE-MINOR' : 'ADDON-VERSION-OFFERED', `${g.field}.version`,
      `${g.spec.name} cannot go from ${cur} to ${g.version} on Kubernetes ${cursor.cp}: ${g.spec.name === VPC_CNI ? 'EKS moves vpc-cni one minor at a time, and it offers no build of some minor in between for this version' : `EKS does not offer ${g.version} for ${cursor.cp}`}; choose a target EKS can reach`));
    return cursor;
  }
  for (const v of path) {
    const reason = v === g.version ? `add-on target ${g.version}` : `vpc-cni one minor at a time towards ${g.version}`;
    cursor = take(addonStep(g, cursor, v, reason, v === g.version ? undefined : 'VPCCNI-ONE-MINOR'), out);
  }
  return cursor;
}

/** Appends planned steps to `out` and returns the cursor after them. */
function take(planned: { steps: PlanStep[]; cursor: PlanCursor }, out: PlanStep[]): PlanCursor {
  out.push(...planned.steps);
  return planned.cursor;
}

function throwIfRefused(findings: readonly Finding[]): void {
  const refusals = findings.filter((f) => f.severity === 'refuse');
  if (refusals.length > 0) throw new PlanError(refusals.map((f) => ({ field: f.field, message: f.message, rule: f.rule })));
}

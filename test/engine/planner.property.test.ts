/**
 * Property tests for the planner: random live states and targets, every plan replayed on a small
 * reference model of EKS that refuses what EKS refuses (DESIGN.md §4). The model and the oracle
 * below are written from the rules, not from the planner, and compare versions by how they were
 * generated rather than with the planner's helpers.
 */
import fc from 'fast-check';
import { CLUSTER, describePlan, specFor } from './fixtures/planner-fixtures';
import { AddonVersionInfo, LiveAddon, LiveNodegroup, LiveState } from '../../src/engine/live-state';
import { Plan, PlanStep } from '../../src/engine/plan-types';
import { PlanError, planUpgrade } from '../../src/engine/planner';
import { UpgradeSpec } from '../../src/spec/upgrade-spec';

// Fixed so CI is deterministic; override locally to explore (PLANNER_PROPERTY_SEED / _RUNS).
const SEED = Number(process.env.PLANNER_PROPERTY_SEED ?? 20241024);
const RUNS = Number(process.env.PLANNER_PROPERTY_RUNS ?? 300);
const LOWEST = 23;
const HIGHEST = 34;

const k8s = (n: number) => `1.${n}`;
const minorOf = (v: string) => Number(v.split('.')[1]);

/** The kubelet lag EKS allows for a node group on minor n, capped by the policy. */
function allowedLag(n: number, policySkew: number): number {
  return n >= 25 ? policySkew : Math.min(2, policySkew);
}

// ---------------------------------------------------------------------------------------------
// Raw scenario: plain random numbers and choices; `buildScenario` turns them into a consistent
// live state, spec and oracle.

const AMI_TYPES = ['AL2023_x86_64_STANDARD', 'AL2_x86_64', 'BOTTLEROCKET_x86_64', 'CUSTOM', 'WINDOWS_CORE_2022_x86_64'] as const;
type AmiType = typeof AMI_TYPES[number];
const ADDON_NAMES = ['vpc-cni', 'coredns', 'kube-proxy', 'aws-ebs-csi-driver'];

interface RawCatalog {
  readonly windows: Array<{ length: number; overlap: number; patch: number }>;
  readonly defaultPicks: number[];
}

interface RawAddon {
  readonly catalog: RawCatalog;
  readonly livePick: number;
  readonly target: 'latest' | 'clusterDefault' | 'exact';
  readonly exactPick: number;
  readonly exactPreferValid: boolean;
  readonly liveConfig: boolean;
  readonly configTarget: 'none' | 'same' | 'other';
}

interface RawNodegroup {
  readonly ami: AmiType;
  /** How many minors the node group lags the control plane (clipped to what is legal). */
  readonly lag: number;
  readonly liveRank: number;
  readonly target: 'cluster' | 'explicit';
  readonly targetPick: number;
  readonly release: 'unset' | 'latest' | 'explicit';
  readonly releaseDelta: number;
  readonly latestDelta: number;
  readonly hasLaunchTemplate: boolean;
  readonly ltVersion: number;
  readonly ltTarget: 'none' | 'same' | 'newer';
  readonly ltByName: boolean;
  readonly liveUpdateConfig?: { maxUnavailable?: number; maxUnavailablePercentage?: number; updateStrategy?: 'DEFAULT' | 'MINIMAL' };
  readonly updateConfigTarget?: { maxUnavailable?: number; maxUnavailablePercentage?: number; updateStrategy?: 'DEFAULT' | 'MINIMAL' };
  readonly force: boolean;
}

interface RawScenario {
  readonly cpLive: number;
  readonly cpRaise: number;
  readonly policySkew: number;
  readonly addons: RawAddon[];
  readonly nodegroups: RawNodegroup[];
  /** Node groups the spec does not name: never changed, but bound the control plane. */
  readonly untargeted: Array<{ ami: AmiType; lag: number }>;
}

const updateConfigArb = fc.oneof(
  fc.record({ maxUnavailable: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ maxUnavailablePercentage: fc.constantFrom(10, 25, 50) }),
  fc.record({ maxUnavailable: fc.integer({ min: 1, max: 3 }), updateStrategy: fc.constantFrom('DEFAULT' as const, 'MINIMAL' as const) }),
  fc.record({ updateStrategy: fc.constantFrom('DEFAULT' as const, 'MINIMAL' as const) }),
);

const catalogArb: fc.Arbitrary<RawCatalog> = fc.record({
  windows: fc.array(fc.record({
    length: fc.integer({ min: 1, max: 6 }),
    // 0 leaves no version running on both sides of a boundary: an upgrade across it must be refused.
    overlap: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 8, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    patch: fc.integer({ min: 0, max: 12 }),
  }), { minLength: 2, maxLength: 8 }),
  defaultPicks: fc.array(fc.nat(), { minLength: HIGHEST - LOWEST + 1, maxLength: HIGHEST - LOWEST + 1 }),
});

const addonArb: fc.Arbitrary<RawAddon> = fc.record({
  catalog: catalogArb,
  livePick: fc.nat(),
  target: fc.constantFrom('latest' as const, 'clusterDefault' as const, 'exact' as const),
  exactPick: fc.nat(),
  exactPreferValid: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  liveConfig: fc.boolean(),
  configTarget: fc.constantFrom('none' as const, 'same' as const, 'other' as const),
});

/** Most node groups run the control plane's minor or one behind; a few lag further. */
const lagArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.integer({ min: 2, max: 3 }) },
);
const amiArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<AmiType>('AL2023_x86_64_STANDARD', 'AL2_x86_64', 'BOTTLEROCKET_x86_64') },
  { weight: 1, arbitrary: fc.constantFrom<AmiType>('CUSTOM', 'WINDOWS_CORE_2022_x86_64') },
);

const nodegroupArb: fc.Arbitrary<RawNodegroup> = fc.record({
  ami: amiArb,
  lag: lagArb,
  liveRank: fc.integer({ min: 0, max: 8 }),
  target: fc.oneof({ weight: 3, arbitrary: fc.constant('cluster' as const) }, { weight: 2, arbitrary: fc.constant('explicit' as const) }),
  targetPick: fc.nat(),
  release: fc.constantFrom('unset' as const, 'latest' as const, 'explicit' as const),
  releaseDelta: fc.integer({ min: -1, max: 4 }),
  latestDelta: fc.integer({ min: -1, max: 4 }),
  hasLaunchTemplate: fc.boolean(),
  ltVersion: fc.integer({ min: 1, max: 5 }),
  ltTarget: fc.constantFrom('none' as const, 'same' as const, 'newer' as const),
  ltByName: fc.boolean(),
  liveUpdateConfig: fc.option(updateConfigArb, { nil: undefined }),
  updateConfigTarget: fc.option(updateConfigArb, { nil: undefined }),
  force: fc.boolean(),
});

const scenarioArb: fc.Arbitrary<RawScenario> = fc.record({
  cpLive: fc.integer({ min: LOWEST, max: 33 }),
  cpRaise: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 2 }) },
    { weight: 2, arbitrary: fc.integer({ min: 3, max: 6 }) },
  ),
  policySkew: fc.oneof({ weight: 6, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
  addons: fc.array(addonArb, { maxLength: 3 }),
  nodegroups: fc.array(nodegroupArb, { maxLength: 4 }),
  untargeted: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as RawScenario['untargeted']) },
    { weight: 1, arbitrary: fc.array(fc.record({ ami: amiArb, lag: lagArb }), { minLength: 1, maxLength: 2 }) },
  ),
});

// ---------------------------------------------------------------------------------------------
// Building: catalog, live state, spec, and the oracle's view of every target.

interface ModelVersion {
  readonly text: string;
  /** Position in release order: higher is newer. */
  readonly rank: number;
  readonly from: number;
  readonly to: number;
}

interface ModelCatalog {
  /** Oldest first. */
  readonly versions: ModelVersion[];
  readonly defaults: Map<number, ModelVersion>;
}

/**
 * Windows are contiguous and move forward with the version (a newer version never starts or ends
 * earlier), every minor 1.23–1.34 has a version, and names cross v1.9 → v1.10 to catch text ordering.
 */
function buildCatalog(raw: RawCatalog): ModelCatalog {
  const versions: ModelVersion[] = [];
  let from = LOWEST;
  let to = LOWEST - 1;
  for (const [i, w] of raw.windows.entries()) {
    if (i > 0) from = Math.max(from, Math.min(to + 1 - w.overlap, HIGHEST));
    to = Math.min(HIGHEST, Math.max(to, from + w.length - 1));
    const last = i === raw.windows.length - 1 || to === HIGHEST;
    if (last) to = HIGHEST;
    versions.push({ text: `v1.${8 + i}.${w.patch}-eksbuild.${1 + (i % 3)}`, rank: i, from, to });
    if (last) break;
  }
  const defaults = new Map<number, ModelVersion>();
  for (let m = LOWEST; m <= HIGHEST; m++) {
    const covering = versions.filter((v) => v.from <= m && m <= v.to);
    defaults.set(m, covering[raw.defaultPicks[m - LOWEST] % covering.length]);
  }
  return { versions, defaults };
}

const covers = (v: ModelVersion, m: number) => v.from <= m && m <= v.to;

function eksCatalog(c: ModelCatalog): AddonVersionInfo[] {
  return [...c.versions].reverse().map((v) => ({
    version: v.text,
    clusterVersions: Array.from({ length: v.to - v.from + 1 }, (_, i) => k8s(v.from + i)),
    defaultFor: [...c.defaults.entries()].filter(([, d]) => d === v).map(([m]) => k8s(m)),
  }));
}

interface Release {
  readonly text: string;
  readonly minor: number;
  readonly rank: number;
}

/** AMI release names as EKS shows them: `1.31.2-20250103` (minor.patch-date), Bottlerocket `1.27.0-<hash>`. */
function release(ami: AmiType, minor: number, rank: number): Release {
  const text = ami === 'BOTTLEROCKET_x86_64'
    ? `1.${20 + rank}.0-c0ffee${minor}`
    : `1.${minor}.${Math.floor(rank / 3)}-2025010${1 + (rank % 3)}`;
  return { text, minor, rank };
}

interface AddonModel {
  readonly name: string;
  readonly catalog: ModelCatalog;
  readonly live: ModelVersion;
  readonly liveConfig?: string;
  readonly spec: Record<string, unknown>;
  /** The oracle's resolution of the target, or why it is refused. */
  readonly target?: ModelVersion;
  readonly problem?: string;
  readonly configTarget?: string;
}

interface NodegroupModel {
  readonly name: string;
  readonly ami: AmiType;
  readonly live: LiveNodegroup;
  readonly spec: Record<string, unknown>;
  readonly targetVersion?: number;
  readonly targetRelease?: Release;
  readonly targetLt?: string;
  readonly problems: string[];
}

interface Scenario {
  readonly cpLive: number;
  readonly cpTarget: number;
  readonly policySkew: number;
  readonly addons: AddonModel[];
  readonly nodegroups: NodegroupModel[];
  readonly untargeted: LiveNodegroup[];
  readonly releases: Map<string, Release>;
  readonly state: LiveState;
  readonly spec: UpgradeSpec;
}

function buildScenario(raw: RawScenario, names: string[] = ADDON_NAMES): Scenario {
  const cpLive = raw.cpLive;
  const cpTarget = Math.min(HIGHEST, cpLive + raw.cpRaise);
  const skew = raw.policySkew;
  const releases = new Map<string, Release>();
  const remember = (r: Release) => {
    releases.set(r.text, r);
    return r;
  };

  const addons: AddonModel[] = raw.addons.map((a, i) => {
    const name = names[i];
    const catalog = buildCatalog(a.catalog);
    const onLive = catalog.versions.filter((v) => covers(v, cpLive));
    const live = onLive[a.livePick % onLive.length];
    const spec: Record<string, unknown> = { name };
    let target: ModelVersion | undefined;
    let problem: string | undefined;
    if (a.target === 'latest') {
      target = catalog.versions.filter((v) => covers(v, cpTarget)).pop();
      spec.version = 'latest';
    } else if (a.target === 'clusterDefault') {
      target = catalog.defaults.get(cpTarget);
      spec.version = 'clusterDefault';
    } else {
      const valid = catalog.versions.filter((v) => covers(v, cpTarget) && v.rank >= live.rank);
      const pool = a.exactPreferValid && valid.length > 0 ? valid : catalog.versions;
      const chosen = pool[a.exactPick % pool.length];
      spec.version = chosen.text;
      if (covers(chosen, cpTarget)) target = chosen;
      else problem = `addons[${i}].version`;
    }
    if (target && target.rank < live.rank) {
      problem = `addons[${i}].version`;
      target = undefined;
    }
    const liveConfig = a.liveConfig ? '{"replicaCount":2,"env":{"A":"1"}}' : undefined;
    let configTarget: string | undefined;
    if (a.configTarget === 'same') configTarget = liveConfig ? '{ "env": { "A": "1" }, "replicaCount": 2 }' : '{}';
    if (a.configTarget === 'other') configTarget = '{"replicaCount":3}';
    if (configTarget !== undefined) spec.configurationValues = configTarget;
    return { name, catalog, live, liveConfig, spec, target, problem, configTarget };
  });

  const legalLive = range(LOWEST, cpLive).filter((v) => cpLive - v <= allowedLag(v, skew));
  const liveFor = (lag: number) => legalLive.find((v) => v >= cpLive - lag)!;
  const beyondSkew = (v: number) => cpTarget - v > allowedLag(v, skew);
  const nodegroups: NodegroupModel[] = raw.nodegroups.map((n, i) => {
    const name = `ng${i}`;
    const field = `nodegroups[${i}]`;
    const custom = n.ami === 'CUSTOM';
    const liveVersion = liveFor(n.lag);
    const liveRelease = custom ? undefined : remember(release(n.ami, liveVersion, n.liveRank));
    const hasLt = custom || n.hasLaunchTemplate;
    const ltRef = n.ltByName ? { name: `${name}-template` } : { id: `lt-${name}` };
    const live: LiveNodegroup = {
      name,
      status: 'ACTIVE',
      version: k8s(liveVersion),
      releaseVersion: liveRelease?.text,
      amiType: n.ami,
      desiredSize: 2,
      ...(hasLt ? { launchTemplate: { ...ltRef, version: String(n.ltVersion) } } : {}),
      ...(n.liveUpdateConfig ? { updateConfig: n.liveUpdateConfig } : {}),
    };
    const spec: Record<string, unknown> = { name, force: n.force };
    const problems: string[] = [];
    let targetVersion: number | undefined;
    let targetRelease: Release | undefined;
    let targetLt: string | undefined;

    // Launch template: the node group's own (same reference), or one it cannot have.
    if (hasLt && n.ltTarget !== 'none') {
      const version = n.ltTarget === 'same' ? n.ltVersion : n.ltVersion + 1;
      spec.launchTemplate = { ...ltRef, version };
      targetLt = String(version);
    } else if (!hasLt && n.ltTarget === 'newer' && n.targetPick % 5 === 0) {
      spec.launchTemplate = { ...ltRef, version: n.ltVersion };
      problems.push(`${field}.launchTemplate`);
    }
    if (n.updateConfigTarget) spec.updateConfig = n.updateConfigTarget;

    if (custom) {
      // Custom AMIs: "cluster" is the only acceptable version; any release is refused.
      if (n.target === 'explicit' && n.targetPick % 4 === 0) spec.version = k8s(cpTarget);
      if (n.release !== 'unset' && n.targetPick % 3 === 0) spec.releaseVersion = 'latest';
      if (spec.releaseVersion !== undefined) problems.push(`${field}.releaseVersion`);
      else if (spec.version !== undefined) problems.push(`${field}.version`);
      // The planner cannot raise its kubelet, so a target beyond its skew is refused.
      if (beyondSkew(liveVersion)) problems.push(field);
    } else {
      const legalTargets = range(liveVersion, cpTarget).filter((v) => cpTarget - v <= allowedLag(v, skew));
      targetVersion = n.target === 'cluster' ? cpTarget : legalTargets[n.targetPick % legalTargets.length];
      if (n.target === 'explicit') spec.version = k8s(targetVersion);
      const sameMinor = targetVersion === liveVersion;
      const base = sameMinor ? liveRelease!.rank : 0;
      if (n.release === 'latest') {
        spec.releaseVersion = 'latest';
        if (n.ami !== 'WINDOWS_CORE_2022_x86_64') targetRelease = remember(release(n.ami, targetVersion, Math.max(0, base + n.latestDelta)));
      } else if (n.release === 'explicit' && n.ami !== 'BOTTLEROCKET_x86_64') {
        // Bottlerocket releases name the OS version, not Kubernetes: covered in planner-bugs.test.ts.
        targetRelease = remember(release(n.ami, targetVersion, Math.max(0, base + n.releaseDelta)));
        spec.releaseVersion = targetRelease.text;
      }
      if (targetRelease && sameMinor && targetRelease.rank < liveRelease!.rank) {
        problems.push(`${field}.releaseVersion`);
      }
    }
    return { name, ami: n.ami, live, spec, targetVersion, targetRelease, targetLt, problems };
  });

  const untargeted: LiveNodegroup[] = raw.untargeted.map((u, i) => {
    const version = liveFor(u.lag);
    return {
      name: `other${i}`,
      status: 'ACTIVE',
      version: k8s(version),
      amiType: u.ami,
      desiredSize: 1,
      ...(u.ami === 'CUSTOM' ? { launchTemplate: { id: `lt-other${i}`, version: '1' } } : { releaseVersion: release(u.ami, version, 0).text }),
    };
  });

  const latestReleaseVersions: Record<string, string | undefined> = {};
  for (const ng of nodegroups) {
    if (ng.spec.releaseVersion === 'latest' && ng.ami !== 'CUSTOM') latestReleaseVersions[ng.name] = ng.targetRelease?.text;
  }
  const state: LiveState = {
    cluster: { name: CLUSTER, version: k8s(cpLive), status: 'ACTIVE' },
    nodegroups: Object.fromEntries(nodegroups.map((n) => [n.name, n.live])),
    untargetedNodegroups: Object.fromEntries(untargeted.map((n) => [n.name, n])),
    addons: Object.fromEntries(addons.map((a) => [a.name, liveAddon(a.name, a.live.text, a.liveConfig)])),
    untargetedAddons: [],
    addonCatalog: Object.fromEntries(addons.map((a) => [a.name, eksCatalog(a.catalog)])),
    latestReleaseVersions,
    runningUpdates: [],
  };
  const spec = specFor(k8s(cpTarget), {
    nodegroups: nodegroups.map((n) => n.spec),
    addons: addons.map((a) => a.spec),
    policy: { maxKubeletSkew: skew },
  });
  return { cpLive, cpTarget, policySkew: skew, addons, nodegroups, untargeted, releases, state, spec };
}

function liveAddon(name: string, version: string, configurationValues?: string, extra: Partial<LiveAddon> = {}): LiveAddon {
  return { name, status: 'ACTIVE', version, podIdentityAssociationCount: 0, ...(configurationValues ? { configurationValues } : {}), ...extra };
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
}

/** The refusals the rules predict: spec-level ones first; then the first minor no add-on version bridges. */
function expectedRefusal(s: Scenario): string[] {
  const goal = [
    ...s.untargeted.flatMap((n) => (s.cpTarget - minorOf(n.version) > allowedLag(minorOf(n.version), s.policySkew) ? ['nodegroups'] : [])),
    ...s.nodegroups.flatMap((n) => n.problems),
    ...s.addons.flatMap((a) => (a.problem ? [a.problem] : [])),
  ];
  if (goal.length > 0) return goal;
  for (let m = s.cpLive; m < s.cpTarget; m++) {
    const stuck = s.addons.flatMap((a, i) => (a.catalog.versions.some((v) => covers(v, m) && covers(v, m + 1)) ? [] : [`addons[${i}]`]));
    if (stuck.length > 0) return stuck;
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The reference model: applies each step as EKS would, refusing what EKS refuses.

interface ModelNodegroup {
  version: number;
  release?: string;
  ltVersion?: string;
  updateConfig: { maxUnavailable?: number; maxUnavailablePercentage?: number; updateStrategy?: string };
}

interface ModelAddon {
  version: ModelVersion;
  config?: string;
}

interface Model {
  cp: number;
  nodegroups: Map<string, ModelNodegroup>;
  addons: Map<string, ModelAddon>;
}

function initialModel(s: Scenario): Model {
  return {
    cp: s.cpLive,
    nodegroups: new Map(s.nodegroups.map((n) => [n.name, {
      version: minorOf(n.live.version),
      release: n.live.releaseVersion,
      ltVersion: n.live.launchTemplate?.version,
      updateConfig: { ...(n.live.updateConfig ?? {}) },
    }])),
    addons: new Map(s.addons.map((a) => [a.name, { version: a.live, config: a.liveConfig }])),
  };
}

function canonicalJson(text: string | undefined): string {
  const sort = (v: unknown): unknown => Array.isArray(v) ? v.map(sort)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sort(x)]))
      : v;
  return JSON.stringify(sort(JSON.parse(text ?? '{}')));
}

function updateConfigDiffers(want: ModelNodegroup['updateConfig'] | undefined, have: ModelNodegroup['updateConfig']): boolean {
  if (!want) return false;
  return (want.maxUnavailable !== undefined && want.maxUnavailable !== have.maxUnavailable)
    || (want.maxUnavailablePercentage !== undefined && want.maxUnavailablePercentage !== have.maxUnavailablePercentage)
    || (want.updateStrategy !== undefined && want.updateStrategy !== (have.updateStrategy ?? 'DEFAULT'));
}

/** Replays the plan; throws with a readable reason at the first request EKS would refuse. */
function replay(s: Scenario, plan: Plan): Model {
  const model = initialModel(s);
  const fail = (phase: number, step: PlanStep | undefined, why: string): never => {
    throw new Error(`phase ${phase + 1}${step ? ` (${step.action} ${step.resource.name})` : ''}: ${why}\nplan: ${JSON.stringify(describePlan(plan), null, 1)}`);
  };
  const catalogOf = (name: string) => s.addons.find((a) => a.name === name)!.catalog;
  const ngModel = (name: string) => s.nodegroups.find((n) => n.name === name)!;
  const specOf = (name: string) => s.spec.nodegroups.find((n) => n.name === name)!;

  plan.phases.forEach((phase, p) => {
    if (phase.steps.length === 0) fail(p, undefined, 'empty phase');
    const versionStepSeen = new Set<string>();
    const configStepSeen = new Set<string>();
    const addonSeen = new Set<string>();
    let clusterSteps = 0;
    for (const step of phase.steps) {
      switch (step.action) {
        case 'cluster-version': {
          if (++clusterSteps > 1) fail(p, step, 'two control-plane updates in one phase');
          if (phase.steps.length !== 1) fail(p, step, 'a control-plane update shares its phase');
          if (step.from !== k8s(model.cp)) fail(p, step, `from ${step.from} but the control plane is on ${k8s(model.cp)}`);
          if (minorOf(step.to) !== model.cp + 1) fail(p, step, `Unsupported Kubernetes minor version update from ${step.from} to ${step.to}`);
          if (step.rollbackTimeoutMinutes !== undefined) fail(p, step, 'rollback config on an upgrade');
          if (step.force !== s.spec.controlPlane.force) fail(p, step, 'force differs from the spec');
          model.cp += 1;
          const kubelets = [
            ...s.nodegroups.map((n) => [n.name, model.nodegroups.get(n.name)!.version] as const),
            ...s.untargeted.map((n) => [n.name, minorOf(n.version)] as const),
          ];
          for (const [name, v] of kubelets) {
            if (model.cp - v > allowedLag(v, s.policySkew)) fail(p, step, `node group ${name} on ${k8s(v)} lags control plane ${k8s(model.cp)} beyond the kubelet skew`);
          }
          for (const [name, a] of model.addons) {
            if (!covers(a.version, model.cp)) fail(p, step, `add-on ${name} ${a.version.text} does not run on ${k8s(model.cp)}`);
          }
          break;
        }
        case 'nodegroup-version': {
          const name = step.resource.name;
          const ng = model.nodegroups.get(name);
          if (!ng) fail(p, step, 'ResourceNotFoundException: no such node group');
          const cur = ng!;
          if (versionStepSeen.has(name)) fail(p, step, 'two version updates on one node group in a phase');
          versionStepSeen.add(name);
          if (step.from.version !== k8s(cur.version)) fail(p, step, `from ${step.from.version} but the node group is on ${k8s(cur.version)}`);
          if (step.force !== specOf(name).force) fail(p, step, 'force differs from the spec');
          const custom = ngModel(name).ami === 'CUSTOM';
          if (custom && (step.version !== undefined || step.releaseVersion !== undefined)) {
            fail(p, step, 'You cannot specify the field kubernetesVersion when using custom AMIs.');
          }
          const next = step.version === undefined ? cur.version : minorOf(step.version);
          if (next < cur.version) fail(p, step, `node group downgrade ${k8s(cur.version)} -> ${k8s(next)}`);
          if (next > model.cp) fail(p, step, `node group version ${k8s(next)} above control plane ${k8s(model.cp)}`);
          let nextRelease = cur.release;
          if (step.releaseVersion !== undefined) {
            const r = s.releases.get(step.releaseVersion);
            if (!r) fail(p, step, `unknown release ${step.releaseVersion}`);
            if (r!.minor !== next) fail(p, step, `release ${step.releaseVersion} is not for ${k8s(next)}`);
            const curRelease = cur.release !== undefined ? s.releases.get(cur.release) : undefined;
            if (next === cur.version && curRelease && r!.rank < curRelease.rank) fail(p, step, 'AMI release rollback');
            nextRelease = step.releaseVersion;
          } else if (next !== cur.version) {
            nextRelease = `eks-picked-${k8s(next)}`;
          }
          let nextLt = cur.ltVersion;
          if (step.launchTemplate) {
            const liveLt = ngModel(name).live.launchTemplate;
            if (!liveLt) fail(p, step, 'launch template on a node group created without one');
            const lt = step.launchTemplate;
            if ((lt.id === undefined) === (lt.name === undefined)) fail(p, step, 'Either provide launch template ID or launch template name in the request.');
            if ((lt.id !== undefined && lt.id !== liveLt!.id) || (lt.name !== undefined && lt.name !== liveLt!.name)) fail(p, step, 'another launch template');
            nextLt = lt.version;
          }
          if (next === cur.version && nextRelease === cur.release && nextLt === cur.ltVersion) fail(p, step, 'an update that changes nothing');
          cur.version = next;
          cur.release = nextRelease;
          cur.ltVersion = nextLt;
          break;
        }
        case 'nodegroup-config': {
          const name = step.resource.name;
          const ng = model.nodegroups.get(name);
          if (!ng) fail(p, step, 'ResourceNotFoundException: no such node group');
          if (configStepSeen.has(name)) fail(p, step, 'two config updates on one node group in a phase');
          if (versionStepSeen.has(name)) fail(p, step, 'config update after the version update in the same phase');
          configStepSeen.add(name);
          const uc = step.updateConfig;
          if (uc.maxUnavailable !== undefined && uc.maxUnavailablePercentage !== undefined) fail(p, step, 'both maxUnavailable and maxUnavailablePercentage');
          if (!updateConfigDiffers(uc, ng!.updateConfig)) fail(p, step, 'an update that changes nothing');
          const merged = { ...ng!.updateConfig };
          if (uc.maxUnavailable !== undefined) {
            merged.maxUnavailable = uc.maxUnavailable;
            delete merged.maxUnavailablePercentage;
          }
          if (uc.maxUnavailablePercentage !== undefined) {
            merged.maxUnavailablePercentage = uc.maxUnavailablePercentage;
            delete merged.maxUnavailable;
          }
          if (uc.updateStrategy !== undefined) merged.updateStrategy = uc.updateStrategy;
          ng!.updateConfig = merged;
          break;
        }
        case 'addon-update': {
          const name = step.resource.name;
          const a = model.addons.get(name);
          if (!a) fail(p, step, 'ResourceNotFoundException: no such add-on');
          if (addonSeen.has(name)) fail(p, step, 'two updates on one add-on in a phase');
          addonSeen.add(name);
          if (step.from !== a!.version.text) fail(p, step, `from ${step.from} but the add-on is on ${a!.version.text}`);
          const v = catalogOf(name).versions.find((x) => x.text === step.version);
          if (!v || !covers(v, model.cp)) fail(p, step, `Addon version specified is not supported (${step.version} on ${k8s(model.cp)})`);
          if (v!.rank < a!.version.rank) fail(p, step, `add-on downgrade ${a!.version.text} -> ${v!.text}`);
          const settingsChange = (step.configurationValues !== undefined && canonicalJson(step.configurationValues) !== canonicalJson(a!.config))
            || step.serviceAccountRoleArn !== undefined || step.podIdentityAssociations !== undefined;
          if (v === a!.version && !settingsChange) fail(p, step, 'an update that changes nothing');
          a!.version = v!;
          if (step.configurationValues !== undefined) a!.config = step.configurationValues;
          break;
        }
      }
    }
  });
  return model;
}

/** The phase layout of §4: per minor, an optional preparation then the control plane; add-ons; node groups. */
function checkLayout(s: Scenario, plan: Plan): void {
  const titles = plan.phases.map((p) => p.title);
  const expected: RegExp[] = [];
  for (let m = s.cpLive + 1; m <= s.cpTarget; m++) {
    expected.push(new RegExp(`^(prepare for Kubernetes ${k8s(m).replace('.', '\\.')})?$`), new RegExp(`^control plane to ${k8s(m).replace('.', '\\.')}$`));
  }
  expected.push(/^(add-ons to their targets)?$/, /^(node groups to their targets)?$/);
  // Match titles against the optional/required slots in order.
  let t = 0;
  for (const slot of expected) {
    if (t < titles.length && slot.test(titles[t]) && titles[t] !== '') t++;
    else if (!slot.test('')) throw new Error(`phase layout ${JSON.stringify(titles)} misses ${slot}`);
  }
  if (t !== titles.length) throw new Error(`phase layout ${JSON.stringify(titles)} has unexpected phases`);
}

/**
 * The preparation rule in detail: before the control plane goes to m, exactly the node groups that
 * would fall outside the skew are raised (to their target when the control plane already allows it,
 * else to the control plane), and exactly the add-ons that do not run on m are moved (to their
 * target when it runs on both minors, else to the newest version that does).
 */
function checkPreparation(s: Scenario, plan: Plan): void {
  const model = initialModel(s);
  for (const phase of plan.phases) {
    const next = model.cp + 1;
    if (phase.title.startsWith('prepare for Kubernetes') || phase.title.startsWith('control plane to')) {
      const expectNg: string[] = [];
      const expectAddon: string[] = [];
      for (const n of s.nodegroups) {
        const ng = model.nodegroups.get(n.name)!;
        if (n.ami === 'CUSTOM' || next - ng.version <= allowedLag(ng.version, s.policySkew)) continue;
        const to = Math.min(n.targetVersion!, model.cp);
        expectNg.push(`${n.name} ${k8s(ng.version)}->${k8s(to)}`);
        ng.version = to;
      }
      for (const a of s.addons) {
        const cur = model.addons.get(a.name)!;
        if (covers(cur.version, next)) continue;
        const to = covers(a.target!, model.cp) && covers(a.target!, next)
          ? a.target!
          : a.catalog.versions.filter((v) => covers(v, model.cp) && covers(v, next)).pop()!;
        expectAddon.push(`${a.name} ${cur.version.text}->${to.text}`);
        cur.version = to;
      }
      const prepared = phase.title.startsWith('prepare') ? phase.steps : [];
      const gotNg = prepared.flatMap((st) => (st.action === 'nodegroup-version' ? [`${st.resource.name} ${st.from.version}->${st.version}`] : []));
      const gotAddon = prepared.flatMap((st) => (st.action === 'addon-update' ? [`${st.resource.name} ${st.from}->${st.version}`] : []));
      const where = `before ${k8s(next)}`;
      expect({ where, nodegroups: gotNg, addons: gotAddon }).toEqual({ where, nodegroups: expectNg, addons: expectAddon });
      if (phase.title.startsWith('control plane to')) model.cp = next;
    }
  }
}

function checkTargetsMet(s: Scenario, model: Model): void {
  expect(model.cp).toBe(s.cpTarget);
  for (const n of s.nodegroups) {
    const ng = model.nodegroups.get(n.name)!;
    const want = s.spec.nodegroups.find((x) => x.name === n.name)!;
    if (n.ami !== 'CUSTOM') expect({ ng: n.name, version: ng.version }).toEqual({ ng: n.name, version: n.targetVersion });
    if (n.targetRelease) expect({ ng: n.name, release: ng.release }).toEqual({ ng: n.name, release: n.targetRelease.text });
    if (n.targetLt !== undefined) expect({ ng: n.name, lt: ng.ltVersion }).toEqual({ ng: n.name, lt: n.targetLt });
    expect({ ng: n.name, configDiffers: updateConfigDiffers(want.updateConfig, ng.updateConfig) }).toEqual({ ng: n.name, configDiffers: false });
  }
  for (const a of s.addons) {
    const got = model.addons.get(a.name)!;
    expect({ addon: a.name, version: got.version.text }).toEqual({ addon: a.name, version: a.target!.text });
    if (a.configTarget !== undefined) expect(canonicalJson(got.config)).toBe(canonicalJson(a.configTarget));
  }
}

/** The live state EKS would report after the plan ran: same catalogs and SSM answers. */
function stateAfter(s: Scenario, model: Model): LiveState {
  return {
    ...s.state,
    cluster: { ...s.state.cluster, version: k8s(model.cp) },
    nodegroups: Object.fromEntries(s.nodegroups.map((n) => {
      const ng = model.nodegroups.get(n.name)!;
      const live: LiveNodegroup = {
        ...n.live,
        version: k8s(ng.version),
        releaseVersion: ng.release,
        ...(n.live.launchTemplate ? { launchTemplate: { ...n.live.launchTemplate, version: ng.ltVersion } } : {}),
        updateConfig: ng.updateConfig,
      };
      return [n.name, live];
    })),
    addons: Object.fromEntries(s.addons.map((a) => {
      const got = model.addons.get(a.name)!;
      return [a.name, liveAddon(a.name, got.version.text, got.config)];
    })),
  };
}

function tryPlan(spec: UpgradeSpec, state: LiveState): Plan | PlanError {
  try {
    return planUpgrade(spec, state);
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
}

const stats = { planned: 0, refused: 0, steps: 0, prepared: 0, refusals: {} as Record<string, number> };

describe('planner properties (reference model of the EKS rules)', () => {
  afterAll(() => {
    // Visible with --verbose; keeps an eye on how much of the space the generators reach.
    // eslint-disable-next-line no-console
    if (process.env.PLANNER_PROPERTY_STATS) console.log(stats);
  });

  test('every plan is a sequence of requests EKS accepts, reaches every target, and re-plans to nothing', () => {
    fc.assert(fc.property(scenarioArb, (raw) => {
      const s = buildScenario(raw);
      const refusal = expectedRefusal(s);
      const result = tryPlan(s.spec, s.state);
      if (result instanceof PlanError) {
        stats.refused++;
        for (const p of result.problems) {
          const kind = p.field.replace(/\[\d+\]/g, '[]');
          stats.refusals[kind] = (stats.refusals[kind] ?? 0) + 1;
        }
        expect(result.problems.map((p) => p.field)).toEqual(refusal);
        return;
      }
      expect(refusal).toEqual([]);
      stats.planned++;
      stats.steps += result.phases.reduce((n, p) => n + p.steps.length, 0);
      stats.prepared += result.phases.filter((p) => p.title.startsWith('prepare')).length;

      checkLayout(s, result);
      expect(result.controlPlaneTargets).toEqual(range(s.cpLive + 1, s.cpTarget).map(k8s));
      checkPreparation(s, result);
      const model = replay(s, result);
      checkTargetsMet(s, model);

      // Config before version: one config update per node group whose rollout settings differ,
      // in the phase of (and ahead of) that node group's first version update.
      for (const n of s.nodegroups) {
        const steps = result.phases.flatMap((p, i) => p.steps.map((st) => ({ st, i }))).filter(({ st }) => st.resource.kind === 'nodegroup' && st.resource.name === n.name);
        const configs = steps.filter(({ st }) => st.action === 'nodegroup-config');
        const want = s.spec.nodegroups.find((x) => x.name === n.name)!.updateConfig;
        expect({ ng: n.name, configSteps: configs.length }).toEqual({ ng: n.name, configSteps: updateConfigDiffers(want, { ...(n.live.updateConfig ?? {}) }) ? 1 : 0 });
        const firstVersion = steps.find(({ st }) => st.action === 'nodegroup-version');
        if (configs.length === 1 && firstVersion) {
          expect(configs[0].i).toBe(firstVersion.i);
          expect(steps.indexOf(configs[0])).toBeLessThan(steps.indexOf(firstVersion));
        }
      }

      // The only warning the generated states can cause: no public release parameter (Windows).
      const windowsLatest = s.nodegroups.filter((n) => n.ami === 'WINDOWS_CORE_2022_x86_64' && n.spec.releaseVersion === 'latest');
      expect(result.warnings).toHaveLength(windowsLatest.length);

      // Idempotence: the state the plan leads to needs no further change.
      const again = planUpgrade(s.spec, stateAfter(s, model));
      expect(describePlan(again)).toEqual([]);
    }), { numRuns: RUNS, seed: SEED });
  });

  test('the plan is empty when the live state already equals the targets', () => {
    fc.assert(fc.property(scenarioArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (raw, coin) => {
      const s = buildScenario({ ...raw, cpRaise: 0 });
      // Targets copied from the live state, each in one of the ways a user could write it.
      const nodegroups = s.nodegroups.map((n, i) => {
        const live = n.live;
        const custom = n.ami === 'CUSTOM';
        const followsCluster = live.version === s.state.cluster.version && coin[i];
        return {
          name: n.name,
          ...(custom || followsCluster ? {} : { version: live.version }),
          ...(!custom && live.releaseVersion !== undefined && n.ami !== 'BOTTLEROCKET_x86_64' && coin[i + 4] ? { releaseVersion: live.releaseVersion } : {}),
          ...(live.launchTemplate && coin[i + 8] ? { launchTemplate: { ...live.launchTemplate } } : {}),
          ...(live.updateConfig && coin[(i + 2) % 12] ? { updateConfig: live.updateConfig } : {}),
        };
      });
      const addons = s.addons.map((a, i) => {
        const newest = a.catalog.versions.filter((v) => covers(v, s.cpLive)).pop()!;
        const version = newest === a.live && coin[i] ? 'latest'
          : a.catalog.defaults.get(s.cpLive) === a.live && coin[i + 3] ? 'clusterDefault'
            : a.live.text;
        return { name: a.name, version, ...(a.liveConfig && coin[i + 6] ? { configurationValues: a.liveConfig } : {}) };
      });
      const spec = specFor(k8s(s.cpLive), { nodegroups, addons, policy: { maxKubeletSkew: s.policySkew } });
      const plan = planUpgrade(spec, s.state);
      expect(describePlan(plan)).toEqual([]);
      expect(plan.controlPlaneTargets).toEqual([]);
    }), { numRuns: RUNS, seed: SEED + 1 });
  });

  test('the generators reach both plans and refusals', () => {
    // Guards against a generator change that silently turns every case into a refusal (or none).
    let planned = 0;
    let refused = 0;
    let prepared = 0;
    fc.assert(fc.property(scenarioArb, (raw) => {
      const s = buildScenario(raw);
      const result = tryPlan(s.spec, s.state);
      if (result instanceof PlanError) {refused++;} else {
        planned++;
        if (result.phases.some((p) => p.title.startsWith('prepare'))) prepared++;
      }
    }), { numRuns: RUNS, seed: SEED });
    expect(planned).toBeGreaterThan(RUNS / 3);
    expect(refused).toBeGreaterThan(RUNS / 20);
    expect(prepared).toBeGreaterThan(RUNS / 10);
  });
});

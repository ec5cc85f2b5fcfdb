/**
 * Small random worlds for the planner's property tests: a live state, a spec (through the real parser) and the
 * facts the state reader cannot see. Generated as plain numbers first, then named the way EKS names things.
 *
 * The generators stay inside what the spec can express. KNOWN GAPS, each a product policy or a missing field,
 * kept out on purpose:
 * - no add-on target older than the installed version (the planner refuses add-on downgrades; EKS allows them);
 * - no version or releaseVersion on a custom-AMI node group (refused as a spec field, NG-CUSTOM-AMI);
 * - a custom image keeps its kubelet minor across launch-template versions: the spec has no field for an image's
 *   kubelet, so no planner could plan a custom node group's kubelet forward (the ledger's "pinned" reading);
 * - a cluster rollback only with allowRollback and an available VersionRollback (the reader does not see
 *   availability); policy.maxKubeletSkew stays EKS's 3 (a lower value is the user's stricter choice);
 * - every installed add-on version is one EKS lists for the live minor, and every minor has some version listed
 *   (as for EKS's own add-ons); no running updates, every resource ACTIVE.
 */
import fc from 'fast-check';
import { WorldFacts } from './live-bridge';
import { k8s, Minor } from './minor';
import { AddonVersionInfo, LiveAddon, LiveNodegroup, LiveState } from '../../../src/aws/live-state';
import { SpecError } from '../../../src/upgrade-spec/parse-spec';
import { UpgradeSpec } from '../../../src/upgrade-spec/upgrade-spec';
import { addon, liveState, specFor } from '../fixtures/planner-fixtures';

export interface Scenario {
  readonly live: LiveState;
  readonly spec: UpgradeSpec;
  readonly facts: WorldFacts;
}

const AMI_TYPES = ['AL2023_x86_64_STANDARD', 'AL2_x86_64', 'BOTTLEROCKET_x86_64', 'CUSTOM', 'WINDOWS_CORE_2022_x86_64'] as const;
type AmiType = typeof AMI_TYPES[number];
const ADDON_NAMES = ['vpc-cni', 'coredns', 'kube-proxy'] as const;

interface RawNodegroup {
  readonly targeted: boolean;
  readonly ami: AmiType;
  readonly lag: number;
  readonly target: 'cluster' | 'explicit';
  readonly pick: number;
  readonly release: 'unset' | 'latest' | 'explicit';
  readonly releaseStep: number;
  readonly hasLt: boolean;
  readonly ltByName: boolean;
  readonly lt: 'none' | 'same' | 'newer' | 'foreign';
  readonly liveConfig?: { maxUnavailable?: number; maxUnavailablePercentage?: number };
  readonly configTarget?: { maxUnavailable?: number; maxUnavailablePercentage?: number; updateStrategy?: 'DEFAULT' | 'MINIMAL' };
}

interface RawAddon {
  readonly present: boolean;
  readonly targeted: boolean;
  /** Per version, oldest first: how far its window starts after the previous one's, and how many minors it spans. */
  readonly windows: ReadonlyArray<{ readonly gap: number; readonly span: number }>;
  readonly firstStart: number;
  readonly livePick: number;
  readonly target: 'latest' | 'clusterDefault' | 'exact';
  readonly exactPick: number;
  /** Pick the exact version among those listed for the target minor. */
  readonly exactOffered: boolean;
  readonly defaultPicks: readonly number[];
  /** The newest version is listed for every later minor too (else the catalog may end before the target). */
  readonly lastOpen: boolean;
}

export interface RawScenario {
  readonly cpLive: Minor;
  readonly rollback: boolean;
  readonly raise: number;
  readonly skipLevel: boolean;
  readonly nodegroups: readonly RawNodegroup[];
  readonly addons: readonly RawAddon[];
}

const configArb = fc.oneof(
  fc.record({ maxUnavailable: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ maxUnavailablePercentage: fc.constantFrom(25, 50) }),
);

const nodegroupArb: fc.Arbitrary<RawNodegroup> = fc.record({
  targeted: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  ami: fc.oneof(
    { weight: 4, arbitrary: fc.constant<AmiType>('AL2023_x86_64_STANDARD') },
    { weight: 2, arbitrary: fc.constantFrom<AmiType>('BOTTLEROCKET_x86_64', 'CUSTOM', 'WINDOWS_CORE_2022_x86_64') },
    { weight: 1, arbitrary: fc.constant<AmiType>('AL2_x86_64') },
  ),
  lag: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  target: fc.oneof({ weight: 3, arbitrary: fc.constant('cluster' as const) }, { weight: 1, arbitrary: fc.constant('explicit' as const) }),
  pick: fc.nat(),
  release: fc.oneof({ weight: 3, arbitrary: fc.constant('unset' as const) }, { weight: 1, arbitrary: fc.constantFrom('latest' as const, 'explicit' as const) }),
  releaseStep: fc.integer({ min: -1, max: 2 }),
  hasLt: fc.boolean(),
  ltByName: fc.boolean(),
  lt: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('none' as const, 'newer' as const) }, { weight: 2, arbitrary: fc.constant('same' as const) }, { weight: 1, arbitrary: fc.constant('foreign' as const) }),
  liveConfig: fc.option(configArb, { nil: undefined }),
  configTarget: fc.option(fc.oneof(configArb, fc.record({ updateStrategy: fc.constantFrom('DEFAULT' as const, 'MINIMAL' as const) })), { nil: undefined, freq: 4 }),
});

const addonArb: fc.Arbitrary<RawAddon> = fc.record({
  present: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  targeted: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  windows: fc.array(fc.record({
    gap: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(0, 2) }),
    span: fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 4 }) }),
  }), { minLength: 3, maxLength: 7 }),
  firstStart: fc.integer({ min: 0, max: 2 }),
  livePick: fc.nat(),
  target: fc.constantFrom('latest' as const, 'clusterDefault' as const, 'exact' as const),
  exactPick: fc.nat(),
  exactOffered: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  // Mostly EKS's default is the newest version for a minor; sometimes an older one.
  defaultPicks: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat() }), { minLength: 12, maxLength: 12 }),
  lastOpen: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

export const rawScenarioArb: fc.Arbitrary<RawScenario> = fc.record({
  cpLive: fc.integer({ min: 27, max: 32 }),
  rollback: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  raise: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constant(1) }, { weight: 4, arbitrary: fc.integer({ min: 2, max: 3 }) }),
  skipLevel: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  nodegroups: fc.array(nodegroupArb, { maxLength: 3 }),
  addons: fc.array(addonArb, { minLength: 3, maxLength: 3 }),
});

/** A scenario, or undefined when the raw numbers make a spec the parser refuses (the property then skips it). */
export function buildScenario(raw: RawScenario): Scenario | undefined {
  const cpLive = raw.cpLive;
  const cpTarget = raw.rollback ? cpLive - 1 : Math.min(34, cpLive + raw.raise);
  const lowest = Math.min(cpLive, cpTarget) - 3;

  const liveNodegroups: LiveNodegroup[] = [];
  const untargetedNodegroups: LiveNodegroup[] = [];
  const specNodegroups: Record<string, unknown>[] = [];
  const latestReleaseVersions: Record<string, string | undefined> = {};
  raw.nodegroups.forEach((n, i) => {
    const name = `ng${i}`;
    const version = Math.max(cpLive - (raw.rollback ? Math.min(1, n.lag) : n.lag), lowest);
    const ami: AmiType = n.ami === 'AL2_x86_64' && version > 32 ? 'AL2023_x86_64_STANDARD' : n.ami;
    const custom = ami === 'CUSTOM';
    const hasLt = custom || n.hasLt;
    // DescribeNodegroup reports the template's id and name; the spec names it by one of them.
    const liveLt = { id: `lt-0${i}a1b2c3d4e5f6a7b8`, name: `${name}-template` };
    const ltRef = n.ltByName ? { name: liveLt.name } : { id: liveLt.id };
    const live: LiveNodegroup = {
      name,
      status: 'ACTIVE',
      version: k8s(version),
      ...(custom ? {} : { releaseVersion: liveRelease(ami, version, i) }),
      amiType: ami,
      desiredSize: 2,
      ...(hasLt ? { launchTemplate: { ...liveLt, version: '3' } } : {}),
      ...(n.liveConfig ? { updateConfig: n.liveConfig } : {}),
    };
    if (!n.targeted) {
      untargetedNodegroups.push(live);
      return;
    }
    liveNodegroups.push(live);
    const spec: Record<string, unknown> = { name };
    let targetMinor = cpTarget;
    if (!custom && n.target === 'explicit') {
      // Now and then below the live minor: a downgrade EKS refuses (NG-NO-DOWNGRADE).
      const choices = range(n.pick % 10 === 0 ? version - 1 : version, cpTarget).filter((v) => cpTarget - v <= 3);
      targetMinor = choices[n.pick % choices.length];
      spec.version = k8s(targetMinor);
    }
    if (!custom && n.release === 'latest') {
      spec.releaseVersion = 'latest';
      latestReleaseVersions[name] = latestRelease(ami, targetMinor, targetMinor === version && n.releaseStep <= 0 ? live.releaseVersion : undefined);
    } else if (!custom && n.release === 'explicit' && ami.startsWith('AL2')) {
      spec.releaseVersion = targetMinor === version ? amazonLinuxRelease(version, 3 + n.releaseStep) : amazonLinuxRelease(targetMinor, 2);
    }
    if (n.lt === 'same' && hasLt) spec.launchTemplate = { ...ltRef, version: 3 };
    if (n.lt === 'newer' && hasLt) spec.launchTemplate = { ...ltRef, version: 4 };
    if (n.lt === 'foreign') spec.launchTemplate = { id: 'lt-someone-else', version: 4 };
    if (n.configTarget) spec.updateConfig = n.configTarget;
    specNodegroups.push(spec);
  });

  const addons: LiveAddon[] = [];
  const untargetedAddons: LiveAddon[] = [];
  const addonCatalog: Record<string, AddonVersionInfo[]> = {};
  const specAddons: Record<string, unknown>[] = [];
  raw.addons.forEach((a, i) => {
    if (!a.present) return;
    const name = ADDON_NAMES[i];
    const catalog = buildCatalog(name, a, lowest);
    const onLive = catalog.filter((v) => v.clusterVersions.includes(k8s(cpLive)));
    if (onLive.length === 0) return;
    const live = onLive[a.livePick % onLive.length];
    addonCatalog[name] = catalog;
    const installed = addon(name, live.version);
    if (!a.targeted) {
      untargetedAddons.push(installed);
      return;
    }
    addons.push(installed);
    // Newest first: indices up to the live one are the live version or newer (no downgrade targets: KNOWN GAP).
    const notOlder = catalog.slice(0, catalog.indexOf(live) + 1);
    const onTarget = notOlder.filter((v) => v.clusterVersions.includes(k8s(cpTarget)));
    const pool = a.exactOffered && onTarget.length > 0 ? onTarget : notOlder;
    const version = a.target === 'exact' ? pool[a.exactPick % pool.length].version : a.target;
    specAddons.push({ name, version });
  });

  const live = liveState({
    version: k8s(cpLive),
    nodegroups: liveNodegroups,
    untargetedNodegroups,
    addons,
    untargetedAddons,
    catalog: addonCatalog,
    latestReleaseVersions,
  });
  try {
    const spec = specFor(k8s(cpTarget), {
      controlPlane: raw.rollback ? { allowRollback: true } : {},
      nodegroups: specNodegroups,
      addons: specAddons,
      ...(raw.skipLevel ? { policy: { skipLevelNodegroups: true } } : {}),
    });
    return { live, spec, facts: raw.rollback ? { rollbackTo: cpTarget } : {} };
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
}

/**
 * Catalog across a few minors, newest first. Windows move forward with the version. vpc-cni versions are one
 * minor apart (so a skipped version is a VPCCNI-ONE-MINOR jump); kube-proxy names follow the minor its window
 * starts at, so a one-minor window is an early build EKS lists for its own minor only.
 */
function buildCatalog(name: string, a: RawAddon, lowest: Minor): AddonVersionInfo[] {
  const versions: Array<{ version: string; from: Minor; to: Minor }> = [];
  let from = lowest + a.firstStart;
  let to = from - 1;
  const builds = new Map<number, number>();
  a.windows.forEach((w, i) => {
    if (i > 0) from += w.gap;
    to = Math.max(to, from + w.span - 1, a.lastOpen && i === a.windows.length - 1 ? lowest + 11 : 0);
    const nth = builds.get(from) ?? 0;
    builds.set(from, nth + 1);
    const version = name === 'vpc-cni' ? `v1.${15 + i}.0-eksbuild.1`
      : name === 'kube-proxy' ? `v1.${from}.${nth * 7}-eksbuild.${1 + (i % 3)}`
        : `v1.${10 + Math.floor(i / 2)}.${(i % 2) * 3 + 1}-eksbuild.${1 + (i % 2)}`;
    versions.push({ version, from, to });
  });
  // EKS lists a version of every core add-on for every minor it supports: close any gap with the next version.
  for (let i = 1; i < versions.length; i++) {
    if (versions[i].from > versions[i - 1].to + 1) versions[i - 1] = { ...versions[i - 1], to: versions[i].from - 1 };
  }
  const covering = (m: Minor) => versions.filter((v) => v.from <= m && m <= v.to);
  const defaults = new Map<Minor, string>();
  for (let m = lowest; m < lowest + 12; m++) {
    const c = covering(m);
    // Newest first among the covering versions.
    if (c.length > 0) defaults.set(m, c[c.length - 1 - (a.defaultPicks[m - lowest] % c.length)].version);
  }
  return versions.reverse().map((v) => ({
    version: v.version,
    clusterVersions: range(v.from, v.to).map(k8s),
    defaultFor: [...defaults.entries()].filter(([, d]) => d === v.version).map(([m]) => k8s(m)),
  }));
}

function liveRelease(ami: AmiType, minor: Minor, salt: number): string {
  if (ami === 'BOTTLEROCKET_x86_64') return `1.${30 + salt}.0-a1b2c3d4`;
  if (ami === 'WINDOWS_CORE_2022_x86_64') return `1.${minor}-2025.01.1${salt}`;
  return amazonLinuxRelease(minor, 3);
}

function latestRelease(ami: AmiType, minor: Minor, sameAsLive: string | undefined): string | undefined {
  if (ami === 'WINDOWS_CORE_2022_x86_64') return undefined; // no public SSM parameter: EKS picks
  if (sameAsLive !== undefined) return sameAsLive;
  if (ami === 'BOTTLEROCKET_x86_64') return '1.40.0-5a2b9c1d';
  return amazonLinuxRelease(minor, 5);
}

function amazonLinuxRelease(minor: Minor, patch: number): string {
  return `1.${minor}.${patch}-2025010${1 + (patch % 8)}`;
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
}

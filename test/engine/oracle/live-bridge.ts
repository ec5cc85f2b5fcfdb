/**
 * Between the engine's LiveState (what the state reader saw) and the oracle's EksState, both ways: into the model
 * before a plan runs, and back out so the planner can be asked again from where the plan left the cluster.
 */
import { EksState, ModelNodegroup } from './eks-model';
import { k8s, Minor, minorOf } from './minor';
import { LiveNodegroup, LiveState } from '../../../src/aws/live-state';
import { UpgradeSpec } from '../../../src/upgrade-spec/upgrade-spec';

export interface WorldFacts {
  /** CP-ROLLBACK availability: the state reader does not see it, so the scenario states it. */
  readonly rollbackTo?: Minor;
}

export function eksStateOf(spec: UpgradeSpec, live: LiveState, facts: WorldFacts = {}): EksState {
  const all = { ...live.untargetedNodegroups, ...live.nodegroups };
  const nodegroups: Record<string, ModelNodegroup> = {};
  for (const n of Object.values(all)) {
    nodegroups[n.name] = {
      name: n.name,
      version: minorOf(n.version),
      amiType: n.amiType,
      customAmi: n.amiType === 'CUSTOM',
      ...(n.releaseVersion !== undefined ? { releaseVersion: n.releaseVersion } : {}),
      ...(n.launchTemplate ? { launchTemplate: { id: n.launchTemplate.id, name: n.launchTemplate.name, version: n.launchTemplate.version ?? '1' } } : {}),
      updateConfig: { ...(n.updateConfig ?? {}) },
    };
  }
  const latestRelease: Record<string, Record<number, string>> = {};
  for (const ng of spec.nodegroups) {
    const release = live.latestReleaseVersions[ng.name];
    if (ng.releaseVersion === 'latest' && release !== undefined && live.nodegroups[ng.name]) {
      // SSM's newest release for the node group's target minor is what EKS picks there by default.
      const minor = ng.version === 'cluster' ? minorOf(spec.controlPlane.version) : minorOf(ng.version);
      latestRelease[ng.name] = { [minor]: release };
    }
  }
  const addons = { ...live.untargetedAddons, ...live.addons };
  return {
    cp: minorOf(live.cluster.version),
    ...(facts.rollbackTo !== undefined ? { rollbackTo: facts.rollbackTo } : {}),
    nodegroups,
    addons: Object.fromEntries(Object.values(addons).map((a) => [a.name, {
      name: a.name,
      version: a.version,
      ...(a.configurationValues !== undefined ? { configurationValues: a.configurationValues } : {}),
    }])),
    catalog: Object.fromEntries(Object.entries(live.addonCatalog).map(([name, versions]) => [name, versions.map((v) => ({
      version: v.version,
      minors: v.clusterVersions.map(minorOf),
    }))])),
    latestRelease,
    nodegroupRule: spec.policy.skipLevelNodegroups ? 'skew' : 'match',
  };
}

/** The LiveState the state reader would report for `state`: same names, catalogs and SSM answers as `before`. */
export function liveStateOf(state: EksState, before: LiveState): LiveState {
  const nodegroup = (n: LiveNodegroup): LiveNodegroup => {
    const m = state.nodegroups[n.name];
    return {
      ...n,
      version: k8s(m.version),
      releaseVersion: m.releaseVersion,
      ...(m.launchTemplate ? { launchTemplate: { ...n.launchTemplate, version: m.launchTemplate.version } } : {}),
      updateConfig: { ...m.updateConfig },
    };
  };
  return {
    ...before,
    cluster: { ...before.cluster, version: k8s(state.cp) },
    nodegroups: Object.fromEntries(Object.values(before.nodegroups).map((n) => [n.name, nodegroup(n)])),
    untargetedNodegroups: Object.fromEntries(Object.values(before.untargetedNodegroups).map((n) => [n.name, nodegroup(n)])),
    addons: Object.fromEntries(Object.values(before.addons).map((a) => [a.name, {
      ...a,
      version: state.addons[a.name].version,
      ...(state.addons[a.name].configurationValues !== undefined ? { configurationValues: state.addons[a.name].configurationValues } : {}),
    }])),
    untargetedAddons: { ...before.untargetedAddons },
  };
}

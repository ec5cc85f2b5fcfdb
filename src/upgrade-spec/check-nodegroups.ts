import { allowedKubeletSkew, compareMinor, isMinorVersion, minorDistance } from './kubernetes-minor';
import { describeReleaseFormats, isReleaseVersion, releaseKubernetesMinor } from './release-version-format';
import { isInteger, isObject, type SpecChecker } from './spec-checker';
import { NODEGROUP_VERSION_CLUSTER, RELEASE_VERSION_LATEST } from './upgrade-spec';

/** One entry of `nodegroups`; `cp` and `policy` are the spec's, for the relations a node group has to them. */
export function checkNodegroup(c: SpecChecker, ng: Record<string, any>, field: string, cp: unknown, policy: unknown): void {
  c.keys(ng, field, 'nodegroups[]');
  c.name(ng.name, `${field}.name`, 'a node group name');
  const cpVersion = isObject(cp) && typeof cp.version === 'string' && isMinorVersion(cp.version) ? cp.version : undefined;
  checkVersion(c, ng, field, cpVersion);
  if (c.known(ng.releaseVersion) && !(ng.releaseVersion === RELEASE_VERSION_LATEST || (typeof ng.releaseVersion === 'string' && isReleaseVersion(ng.releaseVersion)))) {
    c.fail(`${field}.releaseVersion`, `${JSON.stringify(ng.releaseVersion)} is not an AMI release version: use "latest", ${describeReleaseFormats()}`, 'RELEASE-FORMAT');
  }
  const target = ng.version === NODEGROUP_VERSION_CLUSTER || ng.version === undefined ? (isObject(cp) ? cp.version : undefined) : ng.version;
  if (cpVersion && typeof target === 'string' && isMinorVersion(target) && !c.skip(target)) {
    checkAgainstControlPlane(c, ng, field, target, cpVersion, policy);
  }
  c.boolean(ng.force, `${field}.force`);
  c.oneOf(ng.evictions, `${field}.evictions`, 'nodegroups[].evictions', 'EVICTION-BUDGET');
  if (c.known(ng.launchTemplate)) checkLaunchTemplate(c, ng.launchTemplate, `${field}.launchTemplate`);
  if (c.known(ng.updateConfig)) checkUpdateConfig(c, ng.updateConfig, `${field}.updateConfig`);
}

function checkVersion(c: SpecChecker, ng: Record<string, any>, field: string, cpVersion: string | undefined): void {
  if (!c.known(ng.version) || ng.version === NODEGROUP_VERSION_CLUSTER) return;
  c.minor(ng.version, `${field}.version`, ' or "cluster" to follow the control plane');
  if (cpVersion && typeof ng.version === 'string' && isMinorVersion(ng.version) && compareMinor(ng.version, cpVersion) > 0) {
    c.fail(`${field}.version`, `${ng.version} is above the control-plane target ${cpVersion}: EKS never runs node groups ahead of the control plane; lower it or use "cluster"`, 'NG-NOT-ABOVE-CP');
  }
}

/** Statically known relations to the control-plane target, refused here so synth catches them too. */
function checkAgainstControlPlane(c: SpecChecker, ng: Record<string, any>, field: string, target: string, cpVersion: string, policy: unknown): void {
  // Amazon Linux and Windows releases name their Kubernetes minor; Bottlerocket releases are OS versions.
  const amiMinor = typeof ng.releaseVersion === 'string' && !c.skip(ng.releaseVersion) ? releaseKubernetesMinor(ng.releaseVersion) : undefined;
  if (amiMinor && amiMinor !== target) {
    c.fail(`${field}.releaseVersion`, `${ng.releaseVersion} is an AMI release of Kubernetes ${amiMinor}, but the node group's target is ${target}; pick a ${target} release or "latest"`, 'RELEASE-FORMAT');
  }
  const skewPolicy = isObject(policy) && isInteger(policy.maxKubeletSkew) ? policy.maxKubeletSkew : 3;
  const lag = minorDistance(target, cpVersion);
  if (ng.version !== NODEGROUP_VERSION_CLUSTER && lag > allowedKubeletSkew(target, skewPolicy)) {
    c.fail(`${field}.version`, `${target} would lag the control-plane target ${cpVersion} by ${lag} minors; EKS allows ${allowedKubeletSkew(target, skewPolicy)}: raise it or use "cluster"`, 'KUBELET-SKEW');
  }
}

function checkLaunchTemplate(c: SpecChecker, lt: unknown, field: string): void {
  if (!isObject(lt)) {
    c.fail(field, 'must be an object { id | name, version }');
    return;
  }
  c.keys(lt, field, 'nodegroups[].launchTemplate');
  const hasId = lt.id !== undefined && lt.id !== null && lt.id !== '';
  const hasName = lt.name !== undefined && lt.name !== null && lt.name !== '';
  if (hasId === hasName) {
    c.fail(field, hasId
      ? 'names both id and name: EKS accepts exactly one ("Either provide launch template ID or launch template name in the request."); drop one'
      : 'needs an id or a name of the node group\'s launch template', 'NG-LT-SAME');
  }
  if (lt.version === undefined || lt.version === null || lt.version === '') {
    c.fail(`${field}.version`, 'is required: the launch template version to roll to (e.g. the template\'s latest_version)');
  } else if (!c.skip(lt.version) && !/^[1-9]\d*$/.test(String(lt.version))) {
    c.fail(`${field}.version`, `${JSON.stringify(lt.version)} is not a launch template version number (1, 2, …)`);
  }
}

function checkUpdateConfig(c: SpecChecker, uc: unknown, field: string): void {
  if (!isObject(uc)) {
    c.fail(field, 'must be an object { maxUnavailable | maxUnavailablePercentage, updateStrategy }');
    return;
  }
  c.keys(uc, field, 'nodegroups[].updateConfig');
  if (uc.maxUnavailable !== undefined && uc.maxUnavailable !== null && uc.maxUnavailablePercentage !== undefined && uc.maxUnavailablePercentage !== null) {
    c.fail(field, 'sets both maxUnavailable and maxUnavailablePercentage: EKS accepts one; keep either');
  }
  if (c.known(uc.maxUnavailable) && !(isInteger(uc.maxUnavailable) && uc.maxUnavailable >= 1 && uc.maxUnavailable <= 100)) {
    c.fail(`${field}.maxUnavailable`, `${JSON.stringify(uc.maxUnavailable)} must be a whole number of nodes from 1 to 100`);
  }
  if (c.known(uc.maxUnavailablePercentage) && !(isInteger(uc.maxUnavailablePercentage) && uc.maxUnavailablePercentage >= 1 && uc.maxUnavailablePercentage <= 100)) {
    c.fail(`${field}.maxUnavailablePercentage`, `${JSON.stringify(uc.maxUnavailablePercentage)} must be a whole percentage from 1 to 100`);
  }
  c.oneOf(uc.updateStrategy, `${field}.updateStrategy`, 'nodegroups[].updateConfig.updateStrategy');
}

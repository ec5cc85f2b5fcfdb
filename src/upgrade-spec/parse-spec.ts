import { isRoleArn } from './arn';
import { isMapping, parseConfigurationDocument } from './configuration-document';
import { nearest } from './edit-distance';
import { allowedKubeletSkew, compareMinor, isMinorVersion, minorDistance } from './kubernetes-minor';
import { describeReleaseFormats, isReleaseVersion, releaseKubernetesMinor } from './release-version-format';
import { SCHEMA_KEY, SPEC_KEYS, SpecObject } from './spec-keys';
import {
  ADDON_VERSION_CLUSTER_DEFAULT, ADDON_VERSION_LATEST, DEFAULT_POLICY, DEFAULT_ROLLBACK_TIMEOUT_MINUTES,
  NODEGROUP_VERSION_CLUSTER, RELEASE_VERSION_LATEST, SPEC_VERSION, UpgradeSpec,
} from './upgrade-spec';

/** One thing wrong with a spec: the field's path (e.g. `nodegroups[1].launchTemplate`) and what to do. */
export interface SpecProblem {
  readonly field: string;
  readonly message: string;
  /** The docs/eks-rules.md id of the EKS rule behind the refusal, when there is one. */
  readonly rule?: string;
}

export class SpecError extends Error {
  constructor(public readonly problems: SpecProblem[]) {
    super(`invalid upgrade spec:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'SpecError';
  }
}

export interface CheckOptions {
  /** Values for which this returns true are not checked (unresolved synth-time tokens). */
  readonly isUnresolved?: (value: unknown) => boolean;
}

const RESOLVE_CONFLICTS = ['OVERWRITE', 'NONE', 'PRESERVE'];
const INSIGHTS = ['fail', 'warn', 'ignore'];
const STRATEGIES = ['DEFAULT', 'MINIMAL'];
const ADDON_VERSION_PATTERN = /^v?\d+\.\d+\.\d+[\w.+-]*$/;

/**
 * Checks every field of a spec (from JSON or built by the constructs) and returns all problems at once,
 * so a user fixes a spec in one round rather than one error per apply.
 */
export function checkSpec(input: unknown, options: CheckOptions = {}): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const skip = options.isUnresolved ?? (() => false);
  const fail = (field: string, message: string, rule?: string) => problems.push(rule === undefined ? { field, message } : { field, message, rule });
  const known = (v: unknown) => v !== undefined && v !== null && !skip(v);

  if (!isObject(input)) {
    return [{ field: 'spec', message: 'must be a JSON object (the upgrade spec, version 1)' }];
  }
  const spec = input as Record<string, any>;
  if (spec.specVersion !== SPEC_VERSION) {
    fail('specVersion', spec.specVersion === undefined
      ? `is required: ${SPEC_VERSION}, the version of the spec format`
      : `${JSON.stringify(spec.specVersion)} is not supported: this engine reads specVersion ${SPEC_VERSION}; upgrade cdktf-eks-upgrade so synth and apply use the same major version`);
    // Another version has other keys; a spec without one may have it misspelt, so its keys are still worth naming.
    if (spec.specVersion === undefined) checkKeys(spec, '', 'spec');
    return problems;
  }
  checkKeys(spec, '', 'spec');
  if (known(spec[SCHEMA_KEY]) && typeof spec[SCHEMA_KEY] !== 'string') {
    fail(SCHEMA_KEY, `${JSON.stringify(spec[SCHEMA_KEY])} must be text: the URL or path of the spec's JSON Schema (schema/upgrade-spec-v1.schema.json), which editors read; the engine ignores it`);
  }
  if (!skip(spec.clusterName) && (typeof spec.clusterName !== 'string' || !/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(spec.clusterName))) {
    fail('clusterName', `${JSON.stringify(spec.clusterName)} is not an EKS cluster name: 1–100 letters, digits, '-' or '_', starting with a letter or digit`);
  }
  if (known(spec.region) && (typeof spec.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(spec.region))) {
    fail('region', `${JSON.stringify(spec.region)} is not an AWS region name such as eu-west-1`);
  }

  if (known(spec.assumeRole)) checkAssumeRole(spec.assumeRole);

  const cp = spec.controlPlane;
  const policy = spec.policy;
  if (!isObject(cp)) {
    fail('controlPlane', 'is required: { "version": "1.31" }');
  } else {
    checkKeys(cp, 'controlPlane', 'controlPlane');
    checkMinor(cp.version, 'controlPlane.version');
    checkBoolean(cp.force, 'controlPlane.force');
    checkBoolean(cp.allowRollback, 'controlPlane.allowRollback');
    if (known(cp.rollbackTimeoutMinutes) && !(isInteger(cp.rollbackTimeoutMinutes) && cp.rollbackTimeoutMinutes >= 120 && cp.rollbackTimeoutMinutes <= 10080)) {
      fail('controlPlane.rollbackTimeoutMinutes', `${JSON.stringify(cp.rollbackTimeoutMinutes)} is outside what EKS accepts: a whole number of minutes from 120 to 10080`, 'CP-ROLLBACK');
    }
  }

  checkList(spec.addons, 'addons', (addon, field) => {
    checkKeys(addon, field, 'addons[]');
    checkName(addon.name, `${field}.name`, 'an add-on name such as vpc-cni');
    const v = addon.version;
    if (known(v) && !(v === ADDON_VERSION_LATEST || v === ADDON_VERSION_CLUSTER_DEFAULT || (typeof v === 'string' && ADDON_VERSION_PATTERN.test(v)))) {
      fail(`${field}.version`, `${JSON.stringify(v)} is not an add-on version: use "latest", "clusterDefault" or an exact version such as v1.19.0-eksbuild.1`);
    }
    if (known(addon.resolveConflicts) && !RESOLVE_CONFLICTS.includes(addon.resolveConflicts)) {
      fail(`${field}.resolveConflicts`, `${JSON.stringify(addon.resolveConflicts)} is not one of ${RESOLVE_CONFLICTS.join(', ')}`);
    }
    if (known(addon.configurationValues)) {
      const problem = describeBadConfiguration(addon.configurationValues);
      if (problem) fail(`${field}.configurationValues`, problem, 'ADDON-SETTINGS-CONTENT');
    }
    if (known(addon.serviceAccountRoleArn) && !(typeof addon.serviceAccountRoleArn === 'string' && isRoleArn(addon.serviceAccountRoleArn))) {
      fail(`${field}.serviceAccountRoleArn`, `${JSON.stringify(addon.serviceAccountRoleArn)} is not an IAM role ARN (arn:aws:iam::123456789012:role/name)`);
    }
    if (known(addon.podIdentityAssociations)) {
      checkList(addon.podIdentityAssociations, `${field}.podIdentityAssociations`, (assoc, f) => {
        checkKeys(assoc, f, 'addons[].podIdentityAssociations[]');
        checkName(assoc.serviceAccount, `${f}.serviceAccount`, 'a Kubernetes service account name');
        if (assoc.roleArn === undefined || assoc.roleArn === null) {
          fail(`${f}.roleArn`, 'is required: the IAM role ARN the service account\'s pods assume (arn:aws:iam::123456789012:role/name)');
        } else if (!skip(assoc.roleArn) && !(typeof assoc.roleArn === 'string' && isRoleArn(assoc.roleArn))) {
          fail(`${f}.roleArn`, `${JSON.stringify(assoc.roleArn)} is not an IAM role ARN (arn:aws:iam::123456789012:role/name)`);
        }
      }, (a) => a.serviceAccount);
    }
  }, (a) => a.name);

  checkList(spec.nodegroups, 'nodegroups', (ng, field) => {
    checkKeys(ng, field, 'nodegroups[]');
    checkName(ng.name, `${field}.name`, 'a node group name');
    if (known(ng.version) && ng.version !== NODEGROUP_VERSION_CLUSTER) {
      checkMinor(ng.version, `${field}.version`, ' or "cluster" to follow the control plane');
      if (isObject(cp) && typeof cp.version === 'string' && isMinorVersion(cp.version) && typeof ng.version === 'string' && isMinorVersion(ng.version) && compareMinor(ng.version, cp.version) > 0) {
        fail(`${field}.version`, `${ng.version} is above the control-plane target ${cp.version}: EKS never runs node groups ahead of the control plane; lower it or use "cluster"`, 'NG-NOT-ABOVE-CP');
      }
    }
    if (known(ng.releaseVersion) && !(ng.releaseVersion === RELEASE_VERSION_LATEST || (typeof ng.releaseVersion === 'string' && isReleaseVersion(ng.releaseVersion)))) {
      fail(`${field}.releaseVersion`, `${JSON.stringify(ng.releaseVersion)} is not an AMI release version: use "latest", ${describeReleaseFormats()}`, 'RELEASE-FORMAT');
    }
    // Statically known relations to the control-plane target, refused here so synth catches them too.
    const target = ng.version === NODEGROUP_VERSION_CLUSTER || ng.version === undefined ? cp?.version : ng.version;
    const cpVersion = isObject(cp) && typeof cp.version === 'string' && isMinorVersion(cp.version) ? cp.version : undefined;
    if (cpVersion && typeof target === 'string' && isMinorVersion(target) && !skip(target)) {
      // Amazon Linux and Windows releases name their Kubernetes minor; Bottlerocket releases are OS versions.
      const amiMinor = typeof ng.releaseVersion === 'string' && !skip(ng.releaseVersion) ? releaseKubernetesMinor(ng.releaseVersion) : undefined;
      if (amiMinor && amiMinor !== target) {
        fail(`${field}.releaseVersion`, `${ng.releaseVersion} is an AMI release of Kubernetes ${amiMinor}, but the node group's target is ${target}; pick a ${target} release or "latest"`, 'RELEASE-FORMAT');
      }
      const skewPolicy = isObject(policy) && isInteger(policy.maxKubeletSkew) ? policy.maxKubeletSkew : 3;
      const lag = minorDistance(target, cpVersion);
      if (ng.version !== NODEGROUP_VERSION_CLUSTER && lag > allowedKubeletSkew(target, skewPolicy)) {
        fail(`${field}.version`, `${target} would lag the control-plane target ${cpVersion} by ${lag} minors; EKS allows ${allowedKubeletSkew(target, skewPolicy)}: raise it or use "cluster"`, 'KUBELET-SKEW');
      }
    }
    checkBoolean(ng.force, `${field}.force`);
    const lt = ng.launchTemplate;
    if (known(lt)) {
      if (!isObject(lt)) {
        fail(`${field}.launchTemplate`, 'must be an object { id | name, version }');
      } else {
        checkKeys(lt, `${field}.launchTemplate`, 'nodegroups[].launchTemplate');
        const hasId = lt.id !== undefined && lt.id !== null && lt.id !== '';
        const hasName = lt.name !== undefined && lt.name !== null && lt.name !== '';
        if (hasId === hasName) {
          fail(`${field}.launchTemplate`, hasId
            ? 'names both id and name: EKS accepts exactly one ("Either provide launch template ID or launch template name in the request."); drop one'
            : 'needs an id or a name of the node group\'s launch template', 'NG-LT-SAME');
        }
        if (lt.version === undefined || lt.version === null || lt.version === '') {
          fail(`${field}.launchTemplate.version`, 'is required: the launch template version to roll to (e.g. the template\'s latest_version)');
        } else if (!skip(lt.version) && !/^[1-9]\d*$/.test(String(lt.version))) {
          fail(`${field}.launchTemplate.version`, `${JSON.stringify(lt.version)} is not a launch template version number (1, 2, …)`);
        }
      }
    }
    const uc = ng.updateConfig;
    if (known(uc)) {
      if (!isObject(uc)) {
        fail(`${field}.updateConfig`, 'must be an object { maxUnavailable | maxUnavailablePercentage, updateStrategy }');
      } else {
        checkKeys(uc, `${field}.updateConfig`, 'nodegroups[].updateConfig');
        if (uc.maxUnavailable !== undefined && uc.maxUnavailable !== null && uc.maxUnavailablePercentage !== undefined && uc.maxUnavailablePercentage !== null) {
          fail(`${field}.updateConfig`, 'sets both maxUnavailable and maxUnavailablePercentage: EKS accepts one; keep either');
        }
        if (known(uc.maxUnavailable) && !(isInteger(uc.maxUnavailable) && uc.maxUnavailable >= 1 && uc.maxUnavailable <= 100)) {
          fail(`${field}.updateConfig.maxUnavailable`, `${JSON.stringify(uc.maxUnavailable)} must be a whole number of nodes from 1 to 100`);
        }
        if (known(uc.maxUnavailablePercentage) && !(isInteger(uc.maxUnavailablePercentage) && uc.maxUnavailablePercentage >= 1 && uc.maxUnavailablePercentage <= 100)) {
          fail(`${field}.updateConfig.maxUnavailablePercentage`, `${JSON.stringify(uc.maxUnavailablePercentage)} must be a whole percentage from 1 to 100`);
        }
        if (known(uc.updateStrategy) && !STRATEGIES.includes(uc.updateStrategy)) {
          fail(`${field}.updateConfig.updateStrategy`, `${JSON.stringify(uc.updateStrategy)} is not one of ${STRATEGIES.join(', ')}`);
        }
      }
    }
  }, (n) => n.name);

  if (known(policy)) {
    if (!isObject(policy)) {
      fail('policy', 'must be an object');
    } else {
      checkKeys(policy, 'policy', 'policy');
      if (known(policy.insights) && !INSIGHTS.includes(policy.insights)) {
        fail('policy.insights', `${JSON.stringify(policy.insights)} is not one of ${INSIGHTS.join(', ')}`);
      }
      if (known(policy.maxConcurrentNodegroups) && !(isInteger(policy.maxConcurrentNodegroups) && policy.maxConcurrentNodegroups >= 1 && policy.maxConcurrentNodegroups <= 100)) {
        fail('policy.maxConcurrentNodegroups', `${JSON.stringify(policy.maxConcurrentNodegroups)} must be a whole number from 1 to 100`);
      }
      if (known(policy.maxKubeletSkew) && !(isInteger(policy.maxKubeletSkew) && policy.maxKubeletSkew >= 1 && policy.maxKubeletSkew <= 3)) {
        fail('policy.maxKubeletSkew', `${JSON.stringify(policy.maxKubeletSkew)} must be a whole number from 1 to 3 (the control plane always moves first, and EKS allows at most 3)`, 'KUBELET-SKEW');
      }
      checkBoolean(policy.skipLevelNodegroups, 'policy.skipLevelNodegroups');
      const t = policy.updateTimeoutMinutes;
      if (known(t)) {
        if (!isObject(t)) {
          fail('policy.updateTimeoutMinutes', 'must be an object { cluster, nodegroup, addon } in minutes');
        } else {
          checkKeys(t, 'policy.updateTimeoutMinutes', 'policy.updateTimeoutMinutes');
          for (const kind of ['cluster', 'nodegroup', 'addon']) {
            if (known(t[kind]) && !(typeof t[kind] === 'number' && t[kind] > 0 && Number.isFinite(t[kind]))) {
              fail(`policy.updateTimeoutMinutes.${kind}`, `${JSON.stringify(t[kind])} must be a positive number of minutes`);
            }
          }
        }
      }
    }
  }
  return problems;

  /**
   * The STS AssumeRole constraints (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html), checked
   * here so a bad value fails at synth rather than at the first call of an apply.
   */
  function checkAssumeRole(role: unknown) {
    if (!isObject(role)) {
      fail('assumeRole', 'must be an object { roleArn, externalId?, sessionName? }');
      return;
    }
    checkKeys(role, 'assumeRole', 'assumeRole');
    if (role.roleArn === undefined || role.roleArn === null) {
      fail('assumeRole.roleArn', 'is required: the IAM role ARN the handler assumes (arn:aws:iam::123456789012:role/name)');
    } else if (!skip(role.roleArn) && !(typeof role.roleArn === 'string' && isRoleArn(role.roleArn))) {
      fail('assumeRole.roleArn', `${JSON.stringify(role.roleArn)} is not an IAM role ARN (arn:aws:iam::123456789012:role/name)`);
    }
    if (known(role.externalId) && !(typeof role.externalId === 'string' && isExternalId(role.externalId))) {
      fail('assumeRole.externalId', 'is not an external ID STS accepts: 2–1224 characters of letters, digits and +=,.@:/-');
    }
    if (known(role.sessionName) && !(typeof role.sessionName === 'string' && isSessionName(role.sessionName))) {
      fail('assumeRole.sessionName', `${JSON.stringify(role.sessionName)} is not a session name STS accepts: 2–64 characters of letters, digits and +=,.@-`);
    }
  }
  /** A misspelt key would otherwise be ignored silently (`nodeGroups` drops every node group, `verison` means latest). */
  function checkKeys(object: Record<string, unknown>, path: string, kind: SpecObject) {
    const valid = SPEC_KEYS[kind];
    for (const key of Object.keys(object)) {
      if (valid.includes(key)) continue;
      const segment = keyPath(key);
      const field = path === '' || segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
      const where = path === '' ? 'the spec' : path;
      const guess = nearest(key, valid);
      fail(field, guess === undefined
        ? `unknown key ${JSON.stringify(key)} in ${where}: remove it; the keys there are ${valid.join(', ')}`
        : `unknown key ${JSON.stringify(key)} in ${where}: did you mean ${JSON.stringify(guess)}?`);
    }
  }
  function checkMinor(value: unknown, field: string, alternative = '') {
    if (!known(value)) {
      if (value === undefined || value === null) fail(field, `is required: a Kubernetes minor version such as 1.31${alternative}`);
      return;
    }
    if (typeof value !== 'string' || !isMinorVersion(value)) {
      fail(field, `${JSON.stringify(value)} is not a Kubernetes minor version: use the form 1.31 (no patch, no leading v)${alternative}`);
    }
  }
  function checkBoolean(value: unknown, field: string) {
    if (known(value) && typeof value !== 'boolean') fail(field, `${JSON.stringify(value)} must be true or false`);
  }
  function checkName(value: unknown, field: string, what: string) {
    if (skip(value)) return;
    if (typeof value !== 'string' || value.trim() === '') fail(field, `is required: ${what}`);
  }
  function checkList(value: unknown, field: string, each: (item: any, field: string) => void, key: (item: any) => unknown) {
    if (value === undefined || skip(value)) return;
    if (!Array.isArray(value)) {
      fail(field, 'must be a list');
      return;
    }
    const seen = new Map<unknown, number>();
    value.forEach((item, i) => {
      const f = `${field}[${i}]`;
      if (!isObject(item)) {
        fail(f, 'must be an object');
        return;
      }
      each(item, f);
      const k = key(item);
      if (typeof k === 'string' && !skip(k)) {
        if (seen.has(k)) fail(f, `duplicates ${field}[${seen.get(k)}] ('${k}'): each name may appear once; merge the two`);
        else seen.set(k, i);
      }
    });
  }
}

/** Validates a spec and fills defaults for optional fields, or throws a SpecError listing every problem. */
export function parseSpec(input: unknown): UpgradeSpec {
  const problems = checkSpec(input);
  if (problems.length > 0) throw new SpecError(problems);
  const spec = input as Record<string, any>;
  const policy = spec.policy ?? {};
  return {
    specVersion: SPEC_VERSION,
    clusterName: spec.clusterName,
    region: spec.region ?? undefined,
    ...(spec.assumeRole ? { assumeRole: stripNulls({ ...spec.assumeRole }) } : {}),
    controlPlane: {
      version: spec.controlPlane.version,
      force: spec.controlPlane.force ?? false,
      allowRollback: spec.controlPlane.allowRollback ?? false,
      rollbackTimeoutMinutes: spec.controlPlane.rollbackTimeoutMinutes ?? DEFAULT_ROLLBACK_TIMEOUT_MINUTES,
    },
    addons: (spec.addons ?? []).map((a: any) => stripNulls({ ...a, version: a.version ?? ADDON_VERSION_LATEST })),
    nodegroups: (spec.nodegroups ?? []).map((n: any) => stripNulls({
      ...n,
      version: n.version ?? NODEGROUP_VERSION_CLUSTER,
      force: n.force ?? false,
      launchTemplate: n.launchTemplate ? stripNulls({ ...n.launchTemplate, version: String(n.launchTemplate.version) }) : undefined,
      updateConfig: n.updateConfig ? stripNulls(n.updateConfig) : undefined,
    })),
    policy: {
      insights: policy.insights ?? DEFAULT_POLICY.insights,
      maxConcurrentNodegroups: policy.maxConcurrentNodegroups ?? DEFAULT_POLICY.maxConcurrentNodegroups,
      maxKubeletSkew: policy.maxKubeletSkew ?? DEFAULT_POLICY.maxKubeletSkew,
      skipLevelNodegroups: policy.skipLevelNodegroups ?? DEFAULT_POLICY.skipLevelNodegroups,
      updateTimeoutMinutes: { ...DEFAULT_POLICY.updateTimeoutMinutes, ...stripNulls(policy.updateTimeoutMinutes ?? {}) },
    },
  };
}

/** A key as a path segment: plain when it is a name, quoted in brackets otherwise. */
function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/** STS AssumeRole's ExternalId: 2–1224 of [\w+=,.@:/-]. */
export function isExternalId(v: string): boolean {
  return /^[\w+=,.@:/-]{2,1224}$/.test(v);
}

/** STS AssumeRole's RoleSessionName: 2–64 of [\w+=,.@-]. */
export function isSessionName(v: string): boolean {
  return /^[\w+=,.@-]{2,64}$/.test(v);
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * ADDON-SETTINGS-CONTENT: EKS takes configurationValues as JSON or YAML text, validated against the add-on's schema
 * (DescribeAddonConfiguration), whose root is an object; so the text must parse, as a mapping.
 */
function describeBadConfiguration(value: unknown): string | undefined {
  const example = 'e.g. {"env":{"WARM_IP_TARGET":"5"}} or env: {WARM_IP_TARGET: "5"}';
  if (typeof value !== 'string') return `${JSON.stringify(value)} must be JSON or YAML text of a mapping (${example})`;
  const doc = parseConfigurationDocument(value);
  if (!doc.ok) return `does not parse as JSON or YAML (${doc.error}); give a mapping, ${example}`;
  if (!isMapping(doc.value)) {
    const what = value.trim() === '' ? 'is empty' : `parses to ${Array.isArray(doc.value) ? 'a list' : `the ${doc.value === null ? 'null' : typeof doc.value} ${JSON.stringify(doc.value)}`}`;
    return `${what}: EKS expects a mapping of settings (${example}); use {} to reset the add-on to its default configuration`;
  }
  return undefined;
}

/** Terraform renders absent object attributes as null; the engine treats null as "not set". */
function stripNulls<T extends Record<string, any>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

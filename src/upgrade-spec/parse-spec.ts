import { checkAddon } from './check-addons';
import { checkAssumeRole } from './check-assume-role';
import { checkControlPlane } from './check-control-plane';
import { checkNodegroup } from './check-nodegroups';
import { checkPolicy } from './check-policy';
import { isObject, SpecChecker, type SpecProblem } from './spec-checker';
import { SCHEMA_KEY } from './spec-keys';
import {
  ADDON_VERSION_LATEST, DEFAULT_POLICY, DEFAULT_ROLLBACK_TIMEOUT_MINUTES, NODEGROUP_VERSION_CLUSTER, SPEC_VERSION, UpgradeSpec,
} from './upgrade-spec';

export type { SpecProblem } from './spec-checker';

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

/**
 * Checks every field of a spec (from JSON or built by the constructs) and returns all problems at once,
 * so a user fixes a spec in one round rather than one error per apply.
 */
export function checkSpec(input: unknown, options: CheckOptions = {}): SpecProblem[] {
  if (!isObject(input)) {
    return [{ field: 'spec', message: 'must be a JSON object (the upgrade spec, version 1)' }];
  }
  const c = new SpecChecker(options.isUnresolved ?? (() => false));
  const spec = input as Record<string, any>;
  if (spec.specVersion !== SPEC_VERSION) {
    c.fail('specVersion', spec.specVersion === undefined
      ? `is required: ${SPEC_VERSION}, the version of the spec format`
      : `${JSON.stringify(spec.specVersion)} is not supported: this engine reads specVersion ${SPEC_VERSION}; upgrade cdktf-eks-upgrade so synth and apply use the same major version`);
    // Another version has other keys; a spec without one may have it misspelt, so its keys are still worth naming.
    if (spec.specVersion === undefined) c.keys(spec, '', 'spec');
    return c.problems;
  }
  c.keys(spec, '', 'spec');
  checkIdentity(c, spec);
  checkControlPlane(c, spec.controlPlane);
  c.list(spec.addons, 'addons', (addon, field) => checkAddon(c, addon, field), (a) => a.name);
  c.list(spec.nodegroups, 'nodegroups', (ng, field) => checkNodegroup(c, ng, field, spec.controlPlane, spec.policy), (n) => n.name);
  if (c.known(spec.policy)) checkPolicy(c, spec.policy);
  return c.problems;
}

/** Which cluster, where, and as whom. */
function checkIdentity(c: SpecChecker, spec: Record<string, any>): void {
  if (c.known(spec[SCHEMA_KEY]) && typeof spec[SCHEMA_KEY] !== 'string') {
    c.fail(SCHEMA_KEY, `${JSON.stringify(spec[SCHEMA_KEY])} must be text: the URL or path of the spec's JSON Schema (schema/upgrade-spec-v1.schema.json), which editors read; the engine ignores it`);
  }
  if (!c.skip(spec.clusterName) && (typeof spec.clusterName !== 'string' || !/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(spec.clusterName))) {
    c.fail('clusterName', `${JSON.stringify(spec.clusterName)} is not an EKS cluster name: 1–100 letters, digits, '-' or '_', starting with a letter or digit`);
  }
  if (c.known(spec.region) && (typeof spec.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(spec.region))) {
    c.fail('region', `${JSON.stringify(spec.region)} is not an AWS region name such as eu-west-1`);
  }
  if (c.known(spec.assumeRole)) checkAssumeRole(c, spec.assumeRole);
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
      dataPlane: policy.dataPlane ?? DEFAULT_POLICY.dataPlane,
    },
  };
}

/** Terraform renders absent object attributes as null; the engine treats null as "not set". */
function stripNulls<T extends Record<string, any>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

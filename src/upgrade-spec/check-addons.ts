import { isRoleArn } from './arn';
import { isMapping, parseConfigurationDocument } from './configuration-document';
import type { SpecChecker } from './spec-checker';
import { ADDON_VERSION_CLUSTER_DEFAULT, ADDON_VERSION_LATEST } from './upgrade-spec';

const ADDON_VERSION_PATTERN = /^v?\d+\.\d+\.\d+[\w.+-]*$/;
const ROLE_ARN_EXAMPLE = 'arn:aws:iam::123456789012:role/name';

/** One entry of `addons`. */
export function checkAddon(c: SpecChecker, addon: Record<string, any>, field: string): void {
  c.keys(addon, field, 'addons[]');
  c.name(addon.name, `${field}.name`, 'an add-on name such as vpc-cni');
  const v = addon.version;
  if (c.known(v) && !(v === ADDON_VERSION_LATEST || v === ADDON_VERSION_CLUSTER_DEFAULT || (typeof v === 'string' && ADDON_VERSION_PATTERN.test(v)))) {
    c.fail(`${field}.version`, `${JSON.stringify(v)} is not an add-on version: use "latest", "clusterDefault" or an exact version such as v1.19.0-eksbuild.1`);
  }
  c.oneOf(addon.resolveConflicts, `${field}.resolveConflicts`, 'addons[].resolveConflicts');
  if (c.known(addon.configurationValues)) {
    const problem = describeBadConfiguration(addon.configurationValues);
    if (problem) c.fail(`${field}.configurationValues`, problem, 'ADDON-SETTINGS-CONTENT');
  }
  if (c.known(addon.serviceAccountRoleArn) && !(typeof addon.serviceAccountRoleArn === 'string' && isRoleArn(addon.serviceAccountRoleArn))) {
    c.fail(`${field}.serviceAccountRoleArn`, `${JSON.stringify(addon.serviceAccountRoleArn)} is not an IAM role ARN (${ROLE_ARN_EXAMPLE})`);
  }
  if (c.known(addon.podIdentityAssociations)) {
    c.list(addon.podIdentityAssociations, `${field}.podIdentityAssociations`, (assoc, f) => checkAssociation(c, assoc, f), (a) => a.serviceAccount);
  }
}

function checkAssociation(c: SpecChecker, assoc: Record<string, any>, field: string): void {
  c.keys(assoc, field, 'addons[].podIdentityAssociations[]');
  c.name(assoc.serviceAccount, `${field}.serviceAccount`, 'a Kubernetes service account name');
  if (assoc.roleArn === undefined || assoc.roleArn === null) {
    c.fail(`${field}.roleArn`, `is required: the IAM role ARN the service account's pods assume (${ROLE_ARN_EXAMPLE})`);
  } else if (!c.skip(assoc.roleArn) && !(typeof assoc.roleArn === 'string' && isRoleArn(assoc.roleArn))) {
    c.fail(`${field}.roleArn`, `${JSON.stringify(assoc.roleArn)} is not an IAM role ARN (${ROLE_ARN_EXAMPLE})`);
  }
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

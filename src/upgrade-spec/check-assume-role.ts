import { isRoleArn } from './arn';
import { isObject, type SpecChecker } from './spec-checker';

/**
 * `assumeRole`, against the STS AssumeRole constraints (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html),
 * checked here so a bad value fails at synth rather than at the first call of an apply.
 */
export function checkAssumeRole(c: SpecChecker, role: unknown): void {
  if (!isObject(role)) {
    c.fail('assumeRole', 'must be an object { roleArn, externalId?, sessionName? }');
    return;
  }
  c.keys(role, 'assumeRole', 'assumeRole');
  if (role.roleArn === undefined || role.roleArn === null) {
    c.fail('assumeRole.roleArn', 'is required: the IAM role ARN the handler assumes (arn:aws:iam::123456789012:role/name)');
  } else if (!c.skip(role.roleArn) && !(typeof role.roleArn === 'string' && isRoleArn(role.roleArn))) {
    c.fail('assumeRole.roleArn', `${JSON.stringify(role.roleArn)} is not an IAM role ARN (arn:aws:iam::123456789012:role/name)`);
  }
  if (c.known(role.externalId) && !(typeof role.externalId === 'string' && isExternalId(role.externalId))) {
    c.fail('assumeRole.externalId', 'is not an external ID STS accepts: 2–1224 characters of letters, digits and +=,.@:/-');
  }
  if (c.known(role.sessionName) && !(typeof role.sessionName === 'string' && isSessionName(role.sessionName))) {
    c.fail('assumeRole.sessionName', `${JSON.stringify(role.sessionName)} is not a session name STS accepts: 2–64 characters of letters, digits and +=,.@-`);
  }
}

/** STS AssumeRole's ExternalId: 2–1224 of [\w+=,.@:/-]. */
export function isExternalId(v: string): boolean {
  return /^[\w+=,.@:/-]{2,1224}$/.test(v);
}

/** STS AssumeRole's RoleSessionName: 2–64 of [\w+=,.@-]. */
export function isSessionName(v: string): boolean {
  return /^[\w+=,.@-]{2,64}$/.test(v);
}

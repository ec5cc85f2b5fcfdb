import { isInteger, isObject, type SpecChecker } from './spec-checker';

/** `controlPlane`: its target version, and the rollback's bounds as EKS accepts them. */
export function checkControlPlane(c: SpecChecker, cp: unknown): void {
  if (!isObject(cp)) {
    c.fail('controlPlane', 'is required: { "version": "1.31" }');
    return;
  }
  c.keys(cp, 'controlPlane', 'controlPlane');
  c.minor(cp.version, 'controlPlane.version');
  c.boolean(cp.force, 'controlPlane.force');
  c.boolean(cp.allowRollback, 'controlPlane.allowRollback');
  if (c.known(cp.rollbackTimeoutMinutes) && !(isInteger(cp.rollbackTimeoutMinutes) && cp.rollbackTimeoutMinutes >= 120 && cp.rollbackTimeoutMinutes <= 10080)) {
    c.fail('controlPlane.rollbackTimeoutMinutes', `${JSON.stringify(cp.rollbackTimeoutMinutes)} is outside what EKS accepts: a whole number of minutes from 120 to 10080`, 'CP-ROLLBACK');
  }
}

import { checkReleaseVersion } from '../../aws/release-versions';
import { Finding } from '../plan-types';
import { refuse } from './finding';

/**
 * RELEASE-FORMAT — EKS AMI release notes per family: Amazon Linux releases carry the Kubernetes patch
 * (1.31.3-20241213), Windows releases the minor and a date (1.31-2024.11.12), Bottlerocket its own OS version.
 * A release of another minor than the node group's target is refused by EKS, so it is refused here first.
 */
export function checkRelease(name: string, amiType: string, releaseVersion: string, version: string, field: string): Finding[] {
  const problem = checkReleaseVersion(amiType, releaseVersion, version);
  return problem === undefined ? [] : [refuse('RELEASE-FORMAT', field, `node group '${name}' (${amiType}): ${problem}`)];
}

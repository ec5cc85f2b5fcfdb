import { isAmazonLinux2 } from '../../aws/release-versions';
import { AL2_LAST_MINOR, isPastAmazonLinux2 } from '../../upgrade-spec/amazon-linux-2';
import { nextMinor } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { refuse } from './finding';

/**
 * AL2-ENDS-1-32 — EKS user guide (Amazon Linux 2 end of support / AMI FAQ): AWS publishes no EKS-optimized Amazon
 * Linux 2 AMI for Kubernetes 1.33 or later, so an AL2_* node group cannot be taken there.
 */
export function checkAmazonLinux2(name: string, amiType: string, version: string, field: string): Finding[] {
  if (!isAmazonLinux2(amiType) || !isPastAmazonLinux2(version)) return [];
  return [refuse('AL2-ENDS-1-32', field, `node group '${name}' runs ${amiType}, and EKS publishes no Amazon Linux 2 AMI for Kubernetes ${version} (the last is ${AL2_LAST_MINOR}): move its workloads to a new AL2023 or Bottlerocket node group, or pin this one to version "${AL2_LAST_MINOR}" (it then blocks control-plane steps beyond ${nextMinor(AL2_LAST_MINOR)})`)];
}

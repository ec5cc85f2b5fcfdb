import { NetworkFacts } from '../../aws/cluster-network';
import { Finding } from '../plan-types';
import { refuse, warn } from './finding';

/**
 * The update-cluster guide: "Amazon EKS requires up to five available IP addresses from the subnets that you specified
 * when you created your cluster" (https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html).
 */
export const CONTROL_PLANE_FREE_ADDRESSES = 5;

/**
 * CP-NETWORK — EKS reports IpNotAvailable, SubnetNotFound and SecurityGroupNotFound only once a control-plane update
 * has failed (API reference, ErrorDetail). So before any change the plan is refused when one of the cluster's subnets
 * or security groups is gone, or when its subnets together have fewer than five free addresses; each names the
 * resource. Which subnet EKS draws from is not documented, so a subnet that alone has fewer than five is a warning.
 */
export function checkControlPlaneNetwork(network: NetworkFacts | undefined): Finding[] {
  // A part not read (network.unread) has no facts here, so it finds nothing; the note says so.
  if (!network) return [];
  const field = 'controlPlane.version';
  const findings: Finding[] = [
    ...network.missingSubnets.map((id) => refuse('CP-NETWORK', field, `subnet ${id}, one the cluster was created with, does not exist (EKS would fail the update with SubnetNotFound): restore it, or move the cluster to existing subnets (aws eks update-cluster-config --resources-vpc-config subnetIds=...), then apply again`)),
    ...network.missingSecurityGroups.map((id) => refuse('CP-NETWORK', field, `security group ${id} of the cluster does not exist (EKS would fail the update with SecurityGroupNotFound): restore it, or update the cluster's security groups (aws eks update-cluster-config --resources-vpc-config securityGroupIds=...), then apply again`)),
  ];
  const total = network.subnets.reduce((n, s) => n + s.availableIpAddressCount, 0);
  const counts = network.subnets.map((s) => `${s.id} has ${s.availableIpAddressCount}`).join(', ');
  if (network.subnets.length > 0 && total < CONTROL_PLANE_FREE_ADDRESSES) {
    findings.push(refuse('CP-NETWORK', field, `the cluster's subnets have ${total} free IP address(es) in all (${counts}); EKS requires up to ${CONTROL_PLANE_FREE_ADDRESSES} for a control-plane update (update-cluster guide; it would fail with IpNotAvailable): free addresses in them, or add subnets in the same Availability Zones (aws eks update-cluster-config --resources-vpc-config subnetIds=...), then apply again`));
  } else {
    for (const s of network.subnets.filter((x) => x.availableIpAddressCount < CONTROL_PLANE_FREE_ADDRESSES)) {
      findings.push(warn('CP-NETWORK', field, `subnet ${s.id} has ${s.availableIpAddressCount} free IP address(es), fewer than the ${CONTROL_PLANE_FREE_ADDRESSES} EKS may need for a control-plane update; the others have enough together, but EKS does not say which it draws from`));
    }
  }
  return findings;
}

/** What the plan says when the network, or a part of it, could not be read: one line for one reason. */
export function networkNote(network: NetworkFacts | undefined): string[] {
  const { subnets, securityGroups } = network?.unread ?? {};
  if (subnets !== undefined && subnets === securityGroups) return [`the control plane's subnets and security groups were not checked: ${subnets}`];
  return [
    ...(subnets !== undefined ? [`the control plane's subnets were not checked: ${subnets}`] : []),
    ...(securityGroups !== undefined ? [`the control plane's security groups were not checked: ${securityGroups}`] : []),
  ];
}

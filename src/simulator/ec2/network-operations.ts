/**
 * CP-NETWORK: EC2 DescribeSubnets and DescribeSecurityGroups for the VPCs the simulator knows (a seed's `vpcs`, and a
 * default VPC per cluster that names none), so a client can read a cluster's subnets with their free addresses
 * (AvailableIpAddressCount) and its security groups. An id EC2 does not know fails the whole call, as EC2 does:
 * InvalidSubnetID.NotFound, InvalidGroup.NotFound (EC2 API reference, "Error codes").
 */
import { knownVpcs } from '../cluster-network';
import type { SimState } from '../state';
import { Ec2Error, listParam, toXml } from './ec2-query';
import type { Ec2OperationResult } from './launch-template-operations';

export interface NetworkOperationContext {
  readonly state?: SimState;
  readonly query: Record<string, any>;
}

export const NETWORK_OPERATIONS: Record<string, { mutating: boolean; run(ctx: NetworkOperationContext): Ec2OperationResult }> = {
  DescribeSubnets: { mutating: false, run: describeSubnets },
  DescribeSecurityGroups: { mutating: false, run: describeSecurityGroups },
};

function describeSubnets({ state, query }: NetworkOperationContext): Ec2OperationResult {
  const vpcs = state ? knownVpcs(state) : [];
  const all = vpcs.flatMap((v) => v.subnets.map((s) => ({ ...s, vpcId: v.vpcId })));
  const wanted = listParam(query, 'SubnetId');
  const missing = wanted.filter((id) => !all.some((s) => s.subnetId === id));
  if (missing.length > 0) throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${missing.join("', '")}' does not exist`);
  const found = wanted.length > 0 ? wanted.map((id) => all.find((s) => s.subnetId === id)!) : all;
  const items = found.map((s) => ({
    SubnetId: s.subnetId,
    State: 'available',
    VpcId: s.vpcId,
    CidrBlock: s.cidrBlock ?? '10.0.0.0/20',
    AvailableIpAddressCount: s.availableIpAddressCount,
    AvailabilityZone: s.availabilityZone ?? `${state?.region ?? 'us-east-1'}a`,
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
  }));
  return { xml: toXml({ Subnet: items }), resource: wanted.length === 1 ? wanted[0] : undefined };
}

function describeSecurityGroups({ state, query }: NetworkOperationContext): Ec2OperationResult {
  const vpcs = state ? knownVpcs(state) : [];
  const all = vpcs.flatMap((v) => v.securityGroups.map((g) => ({ ...g, vpcId: v.vpcId })));
  const wanted = listParam(query, 'GroupId');
  const missing = wanted.filter((id) => !all.some((g) => g.groupId === id));
  if (missing.length > 0) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${missing.join("', '")}' does not exist`);
  const found = wanted.length > 0 ? wanted.map((id) => all.find((g) => g.groupId === id)!) : all;
  const items = found.map((g) => `<item>${toXml({
    OwnerId: state?.accountId ?? '111122223333',
    GroupId: g.groupId,
    GroupName: g.groupName ?? g.groupId,
    GroupDescription: g.groupName ?? g.groupId,
    VpcId: g.vpcId,
  })}<ipPermissions/><ipPermissionsEgress/></item>`).join('');
  // EC2 names this list securityGroupInfo, not a *Set.
  return { xml: `<securityGroupInfo>${items}</securityGroupInfo>`, resource: wanted.length === 1 ? wanted[0] : undefined };
}

/**
 * CP-NETWORK: EC2 DescribeSubnets and DescribeSecurityGroups for the VPCs the simulator knows (a seed's `vpcs`, and a
 * default VPC per cluster that names none), so a client can read a cluster's subnets with their free addresses
 * (AvailableIpAddressCount) and its security groups. An id EC2 does not know fails the whole call, as EC2 does:
 * InvalidSubnetID.NotFound, InvalidGroup.NotFound (EC2 API reference, "Error codes").
 */
import { knownVpcs } from '../cluster-network';
import type { Ec2Operation, Ec2OperationContext, Ec2OperationResult } from './ec2-operation';
import { Ec2Error, listParam, toXml } from './ec2-query';

export const NETWORK_OPERATIONS: Record<string, Ec2Operation> = {
  DescribeSubnets: { mutating: false, run: describeSubnets },
  DescribeSecurityGroups: { mutating: false, run: describeSecurityGroups },
};

/** The items the request's `<param>.N` ids name, in their order (every item when it names none); an unknown id fails the call. */
function wantedItems<T>(all: T[], idOf: (item: T) => string, wanted: string[], notFound: (missing: string) => Ec2Error): T[] {
  const missing = wanted.filter((id) => !all.some((item) => idOf(item) === id));
  if (missing.length > 0) throw notFound(missing.join("', '"));
  return wanted.length > 0 ? wanted.map((id) => all.find((item) => idOf(item) === id)!) : all;
}

function describeSubnets({ state, query }: Ec2OperationContext): Ec2OperationResult {
  const all = knownVpcs(state).flatMap((v) => v.subnets.map((s) => ({ ...s, vpcId: v.vpcId })));
  const wanted = listParam(query, 'SubnetId');
  const found = wantedItems(all, (s) => s.subnetId, wanted, (ids) => new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${ids}' does not exist`));
  const items = found.map((s) => ({
    SubnetId: s.subnetId,
    State: 'available',
    VpcId: s.vpcId,
    CidrBlock: s.cidrBlock ?? '10.0.0.0/20',
    AvailableIpAddressCount: s.availableIpAddressCount,
    AvailabilityZone: s.availabilityZone ?? `${state.region}a`,
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
  }));
  return { xml: toXml({ Subnet: items }), resource: wanted.length === 1 ? wanted[0] : undefined };
}

function describeSecurityGroups({ state, query }: Ec2OperationContext): Ec2OperationResult {
  const all = knownVpcs(state).flatMap((v) => v.securityGroups.map((g) => ({ ...g, vpcId: v.vpcId })));
  const wanted = listParam(query, 'GroupId');
  const found = wantedItems(all, (g) => g.groupId, wanted, (ids) => new Ec2Error('InvalidGroup.NotFound', `The security group '${ids}' does not exist`));
  const items = found.map((g) => `<item>${toXml({
    OwnerId: state.accountId,
    GroupId: g.groupId,
    GroupName: g.groupName ?? g.groupId,
    GroupDescription: g.groupName ?? g.groupId,
    VpcId: g.vpcId,
  })}<ipPermissions/><ipPermissionsEgress/></item>`).join('');
  // EC2 names this list securityGroupInfo, not a *Set.
  return { xml: `<securityGroupInfo>${items}</securityGroupInfo>`, resource: wanted.length === 1 ? wanted[0] : undefined };
}

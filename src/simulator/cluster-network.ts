import { stableUuid } from './identifiers';
import type { VpcSeed } from './seed';
import type { ClusterState, SimState } from './state';

export interface ClusterNetwork {
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly clusterSecurityGroupId: string;
}

/** Free addresses in a default subnet the seed does not describe: a /20 with room to spare. */
const DEFAULT_FREE_ADDRESSES = 4000;

/**
 * CP-NETWORK: the subnets and security groups a cluster was created with (DescribeCluster resourcesVpcConfig): the
 * seed's, else stable ids derived from the cluster, which the simulator's EC2 then serves as a default VPC.
 */
export function clusterNetwork(state: SimState, c: ClusterState): ClusterNetwork {
  const short = stableUuid(state.accountId, c.name).replace(/-/g, '').slice(0, 17).toLowerCase();
  return {
    vpcId: `vpc-${short}`,
    subnetIds: c.resourcesVpcConfig?.subnetIds ?? [`subnet-${short}`, `subnet-${short.split('').reverse().join('')}`],
    securityGroupIds: c.resourcesVpcConfig?.securityGroupIds ?? [],
    clusterSecurityGroupId: `sg-${short}`,
  };
}

/** Every VPC EC2 knows: the seed's, and a default one per cluster whose seed names no subnets. */
export function knownVpcs(state: SimState): VpcSeed[] {
  const defaults = state.clusters.filter((c) => c.resourcesVpcConfig === undefined).map((c): VpcSeed => {
    const n = clusterNetwork(state, c);
    return {
      vpcId: n.vpcId,
      subnets: n.subnetIds.map((subnetId, i) => ({ subnetId, availabilityZone: `${state.region}${'abc'[i % 3]}`, cidrBlock: `10.0.${i * 16}.0/20`, availableIpAddressCount: DEFAULT_FREE_ADDRESSES })),
      securityGroups: [{ groupId: n.clusterSecurityGroupId, groupName: `eks-cluster-sg-${c.name}` }],
    };
  });
  // The cluster security group EKS creates exists in a seeded VPC too.
  const seeded = (state.vpcs ?? []).map((v) => ({
    ...v,
    securityGroups: [...v.securityGroups, ...state.clusters.filter((c) => c.resourcesVpcConfig?.subnetIds.some((s) => v.subnets.some((x) => x.subnetId === s)))
      .map((c) => ({ groupId: clusterNetwork(state, c).clusterSecurityGroupId, groupName: `eks-cluster-sg-${c.name}` }))],
  }));
  return [...seeded, ...defaults];
}

/**
 * CP-NETWORK: what the control plane's own update needs of its VPC — the subnets and security groups the cluster was
 * created with (DescribeCluster resourcesVpcConfig) — read through EC2 (DescribeSubnets with AvailableIpAddressCount,
 * DescribeSecurityGroups). The EC2 calls sit behind this interface: this build bundles no EC2 client
 * (@aws-sdk/client-ec2 is not a dependency yet), so EksApi takes a reader when one is given and the plan says when
 * nothing was checked.
 */
export interface NetworkReader {
  /** The subnets EC2 knows among `ids`, with their free addresses, and the ids it does not know. */
  subnets(ids: readonly string[]): Promise<{ found: readonly SubnetFact[]; missing: readonly string[] }>;
  /** The security groups EC2 knows among `ids`, and the ids it does not know. */
  securityGroups(ids: readonly string[]): Promise<{ found: readonly string[]; missing: readonly string[] }>;
}

export interface SubnetFact {
  readonly id: string;
  readonly availableIpAddressCount: number;
}

/** The cluster's network as the planner sees it: plain data. */
export interface NetworkFacts {
  readonly subnets: readonly SubnetFact[];
  readonly missingSubnets: readonly string[];
  readonly missingSecurityGroups: readonly string[];
  /** Why nothing was read, when nothing could be. */
  readonly unavailable?: string;
}

export async function readNetwork(reader: NetworkReader | undefined, subnetIds: readonly string[], securityGroupIds: readonly string[]): Promise<NetworkFacts> {
  if (reader === undefined) {
    return { subnets: [], missingSubnets: [], missingSecurityGroups: [], unavailable: 'this build has no EC2 client (@aws-sdk/client-ec2)' };
  }
  const [subnets, groups] = await Promise.all([
    subnetIds.length > 0 ? reader.subnets(subnetIds) : { found: [], missing: [] },
    securityGroupIds.length > 0 ? reader.securityGroups(securityGroupIds) : { found: [], missing: [] },
  ]);
  return { subnets: subnets.found, missingSubnets: subnets.missing, missingSecurityGroups: groups.missing };
}

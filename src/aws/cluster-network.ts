/**
 * CP-NETWORK: what the control plane's own update needs of its VPC — the subnets and security groups the cluster was
 * created with (DescribeCluster resourcesVpcConfig) — read through EC2 (DescribeSubnets with AvailableIpAddressCount,
 * DescribeSecurityGroups). The EC2 calls sit behind this interface: the CLI and the Lambda handler read through EC2's
 * query API (ec2-network-reader.ts), tests may answer for it, and a run given no reader says nothing was checked.
 */
export interface NetworkReader {
  /** The subnets EC2 knows among `ids`, with their free addresses, and the ids it does not know. */
  subnets(ids: readonly string[]): Promise<{ found: readonly SubnetFact[]; missing: readonly string[] }>;
  /** The security groups EC2 knows among `ids`, and the ids it does not know. */
  securityGroups(ids: readonly string[]): Promise<{ found: readonly string[]; missing: readonly string[] }>;
}

/**
 * Thrown by a reader when EC2 refused the read or did not answer: the message says why and names the fix. The plan
 * notes it and goes on, as EKS itself would accept the update; any other error ends the run as it is.
 */
export class NetworkUnread extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkUnread';
  }
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
  /** Why the subnets, the security groups, or both were not read; what was read is still checked. */
  readonly unread?: { readonly subnets?: string; readonly securityGroups?: string };
}

export async function readNetwork(reader: NetworkReader | undefined, subnetIds: readonly string[], securityGroupIds: readonly string[]): Promise<NetworkFacts> {
  if (reader === undefined) {
    const why = 'this run was given no EC2 reader';
    return { subnets: [], missingSubnets: [], missingSecurityGroups: [], unread: { subnets: why, securityGroups: why } };
  }
  const [subnets, groups] = await Promise.all([
    readPart(subnetIds.length > 0 ? () => reader.subnets(subnetIds) : undefined),
    readPart(securityGroupIds.length > 0 ? () => reader.securityGroups(securityGroupIds) : undefined),
  ]);
  const unread = { ...(subnets.unread ? { subnets: subnets.unread } : {}), ...(groups.unread ? { securityGroups: groups.unread } : {}) };
  return {
    subnets: subnets.found,
    missingSubnets: subnets.missing,
    missingSecurityGroups: groups.missing,
    ...(Object.keys(unread).length > 0 ? { unread } : {}),
  };
}

interface Part<T> {
  readonly found: readonly T[];
  readonly missing: readonly string[];
  readonly unread?: string;
}

/** One of the two reads: a NetworkUnread becomes its reason, read nothing. */
async function readPart<T>(read: (() => Promise<Part<T>>) | undefined): Promise<Part<T>> {
  if (read === undefined) return { found: [], missing: [] };
  try {
    return await read();
  } catch (error) {
    if (error instanceof NetworkUnread) return { found: [], missing: [], unread: error.message };
    throw error;
  }
}

/**
 * CP-NETWORK's reads through EC2's query API: DescribeSubnets (SubnetId.N, each subnet's availableIpAddressCount) and
 * DescribeSecurityGroups (GroupId.N). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
 */
import { NetworkReader, NetworkUnread, SubnetFact } from './cluster-network';
import { Ec2ApiError, Ec2NoAnswerError, ec2Query, Ec2Transport } from './ec2-query';

/** One of the two reads: its action, its id parameter, EC2's error for an unknown id, and the items of an answer. */
interface Read<T extends { readonly id: string }> {
  readonly action: string;
  readonly param: string;
  readonly notFound: string;
  itemsOf(answer: Record<string, any>): T[];
}

/** EC2's answers for an id it does not know are InvalidSubnetID.NotFound and InvalidGroup.NotFound (API reference, "Error codes"). */
const SUBNETS: Read<SubnetFact> = {
  action: 'DescribeSubnets',
  param: 'SubnetId',
  notFound: 'InvalidSubnetID.NotFound',
  itemsOf: (answer) => items(answer.subnetSet).map((s) => ({ id: String(s.subnetId), availableIpAddressCount: Number(s.availableIpAddressCount) })),
};
const SECURITY_GROUPS: Read<{ id: string }> = {
  action: 'DescribeSecurityGroups',
  param: 'GroupId',
  notFound: 'InvalidGroup.NotFound',
  // EC2 names this list securityGroupInfo, not a *Set.
  itemsOf: (answer) => items(answer.securityGroupInfo).map((g) => ({ id: String(g.groupId) })),
};
/** EC2 refusing the caller: IAM denies the action, or the credentials are not accepted where the call went. */
const REFUSED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'AuthFailure']);

export class Ec2NetworkReader implements NetworkReader {
  constructor(private readonly transport: Ec2Transport) {}

  async subnets(ids: readonly string[]): Promise<{ found: readonly SubnetFact[]; missing: readonly string[] }> {
    return this.describe(SUBNETS, ids);
  }

  async securityGroups(ids: readonly string[]): Promise<{ found: readonly string[]; missing: readonly string[] }> {
    const { found, missing } = await this.describe(SECURITY_GROUPS, ids);
    return { found: found.map((g) => g.id), missing };
  }

  /** The items EC2 knows among `ids`, and the ids it does not; a refused or unanswered read is NetworkUnread. */
  private async describe<T extends { id: string }>(read: Read<T>, ids: readonly string[]): Promise<{ found: T[]; missing: string[] }> {
    try {
      return await this.describeKnown(read, ids);
    } catch (error) {
      throw unread(read.action, error);
    }
  }

  private async describeKnown<T extends { id: string }>(read: Read<T>, ids: readonly string[]): Promise<{ found: T[]; missing: string[] }> {
    const params = Object.fromEntries(ids.map((id, i) => [`${read.param}.${i + 1}`, id]));
    try {
      const found: T[] = [];
      let nextToken: string | undefined;
      do {
        const answer = await ec2Query(this.transport, read.action, { ...params, ...(nextToken ? { NextToken: nextToken } : {}) });
        found.push(...read.itemsOf(answer));
        nextToken = typeof answer.nextToken === 'string' && answer.nextToken !== '' ? answer.nextToken : undefined;
      } while (nextToken);
      return { found: found.filter((item) => ids.includes(item.id)), missing: ids.filter((id) => !found.some((item) => item.id === id)) };
    } catch (error) {
      if (!(error instanceof Ec2ApiError && error.code === read.notFound)) throw error;
      if (ids.length === 1) return { found: [], missing: [...ids] };
      // One unknown id fails the whole call, and which ids the message names is no documented format: each id alone says.
      const each = await Promise.all(ids.map((id) => this.describeKnown(read, [id])));
      return { found: each.flatMap((r) => r.found), missing: each.flatMap((r) => r.missing) };
    }
  }
}

/** EC2's list element: `<item>`s, one (an object), or none (an empty element). */
function items(list: unknown): Record<string, any>[] {
  const item = (list as { item?: unknown } | undefined)?.item;
  if (item === undefined || item === '') return [];
  return (Array.isArray(item) ? item : [item]) as Record<string, any>[];
}

/**
 * What the plan says instead of checking, naming the fix: the IAM action a refusal lacks, the endpoint that did not
 * answer and the setting that chose it. Any other error (throttling or server errors past the retries) is left as it is.
 */
function unread(action: string, error: unknown): unknown {
  if (error instanceof Ec2ApiError && (REFUSED.has(error.code) || error.status === 401 || error.status === 403)) {
    if (error.code === 'AuthFailure') {
      // The same credentials sign the EKS calls, which went through: the EC2 endpoint is the likelier culprit.
      return new NetworkUnread(`EC2 at ${error.endpoint.url} did not accept the credentials for ${action} (AuthFailure: ${error.message}); check that it is the endpoint of the EKS cluster's account (against a simulator, set AWS_ENDPOINT_URL_EC2 to its URL)`);
    }
    return new NetworkUnread(`EC2 refused ${action} (${error.code}): grant ec2:${action} to the identity the run uses (docs/iam.md)`);
  }
  if (error instanceof Ec2NoAnswerError) {
    const { url, setBy } = error.endpoint;
    const fix = setBy === 'region'
      ? 'let the runner reach it (a runner in a private subnet needs an EC2 interface VPC endpoint, com.amazonaws.<region>.ec2), or set AWS_ENDPOINT_URL_EC2 to reach a simulator'
      : setBy === 'option' ? 'start it or fix the endpoint' : `start the simulator there or fix ${setBy}`;
    // Not named by action: both reads go to the one endpoint, so the plan says it once.
    return new NetworkUnread(`EC2 at ${url} did not answer (${error.reason}); ${fix}`);
  }
  return error;
}

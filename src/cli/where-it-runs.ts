import type { EksApi } from '../aws/eks-api';
import { isNotFound } from '../errors/run-errors';
import type { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/** The variables that point the EKS client elsewhere, in the SDK's order of precedence. */
const EKS_ENDPOINT_VARS = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL'] as const;

/** Who signs the calls, in words; never a secret (an access key id shows its last four characters only). */
export function identityOf(spec: Pick<UpgradeSpec, 'assumeRole'>, env: NodeJS.ProcessEnv): string {
  if (spec.assumeRole) return `as role ${spec.assumeRole.roleArn} (assumed through STS)`;
  if (env.AWS_PROFILE) return `as AWS profile ${env.AWS_PROFILE} (AWS_PROFILE)`;
  if (env.AWS_ACCESS_KEY_ID) return `as access key …${env.AWS_ACCESS_KEY_ID.slice(-4)} (AWS_ACCESS_KEY_ID)`;
  return 'as the AWS SDK\'s default credentials';
}

/** The EKS endpoint and the variable that set it, or the public endpoint of the region. */
export function endpointOf(region: string | undefined, env: NodeJS.ProcessEnv): string {
  const named = EKS_ENDPOINT_VARS.find((name) => env[name]);
  if (named) return `${env[named]} (${named})`;
  return region ? `https://eks.${region}.amazonaws.com` : 'the public EKS endpoint of the region';
}

/**
 * The line a run starts with: cluster, account, region, endpoint and identity. The account and region come from the
 * cluster's ARN (one DescribeCluster, which also proves the endpoint and the credentials work before anything else),
 * so two clusters of one name in two accounts never read the same.
 */
export async function whereItRuns(api: EksApi, spec: UpgradeSpec, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let arn = '';
  try {
    arn = (await api.describeCluster()).arn ?? '';
  } catch (e) {
    // No such cluster: the state read right after says so with the fix; anything else is as it is.
    if (!isNotFound(e)) throw e;
  }
  const [, , , region, account] = arn.split(':');
  return [
    `cluster ${spec.clusterName}`,
    account ? `account ${account}` : 'account unknown (no cluster ARN)',
    `region ${region || spec.region || env.AWS_REGION || 'unknown'}`,
    `endpoint ${endpointOf(region || spec.region || env.AWS_REGION, env)}`,
    identityOf(spec, env),
  ].join(', ');
}

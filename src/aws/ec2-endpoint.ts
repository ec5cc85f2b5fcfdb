import { partition } from '@aws-sdk/core/client';

/** Where the EC2 reads go, and what chose it: an explicit option, a variable's name, or the region. */
export interface Ec2Endpoint {
  readonly url: string;
  readonly setBy: 'option' | 'AWS_ENDPOINT_URL_EC2' | 'AWS_ENDPOINT_URL' | 'region';
}

/**
 * The SDK's service-specific endpoint variables, the service's own before the shared one (AWS SDKs and Tools reference,
 * "Service-specific endpoints"): how a simulator is reached, as AWS_ENDPOINT_URL_EKS does for EKS. Otherwise EC2's
 * regional endpoint, in the region's partition (amazonaws.com.cn in China), its FIPS host when the EKS client uses
 * FIPS endpoints (EC2's endpoint rules: `ec2-fips.`, except in GovCloud, whose `ec2.` endpoints are FIPS ones).
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the variables off, as it does for the SDK's clients; the shared config
 * file's `services` sections are not read here.
 */
export function ec2Endpoint(region: string, useFips: boolean, explicit?: string, env: NodeJS.ProcessEnv = process.env): Ec2Endpoint {
  if (explicit) return { url: explicit, setBy: 'option' };
  const ignored = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true';
  if (!ignored && env.AWS_ENDPOINT_URL_EC2) return { url: env.AWS_ENDPOINT_URL_EC2, setBy: 'AWS_ENDPOINT_URL_EC2' };
  if (!ignored && env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, setBy: 'AWS_ENDPOINT_URL' };
  const { name, dnsSuffix } = partition(region);
  const fipsHost = useFips && name !== 'aws-us-gov';
  return { url: `https://ec2${fipsHost ? '-fips' : ''}.${region}.${dnsSuffix}`, setBy: 'region' };
}

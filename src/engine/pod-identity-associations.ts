/** What an add-on's pod identity association says: which service account gets which IAM role. */
export interface PodIdentityAssociationContent {
  readonly serviceAccount: string;
  readonly roleArn: string;
}

/**
 * ADDON-SETTINGS-CONTENT: whether an add-on already has exactly the wanted pod identity associations. DescribeAddon
 * lists only association ARNs, which change whenever EKS recreates an association, so the comparison is by content
 * (service account and role ARN, the fields UpdateAddon takes:
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_AddonPodIdentityAssociations.html), in any order.
 * A count alone would call a swapped role "met".
 */
export function samePodIdentityAssociations(
  want: readonly PodIdentityAssociationContent[],
  have: readonly PodIdentityAssociationContent[],
): boolean {
  if (want.length !== have.length) return false;
  const key = (a: PodIdentityAssociationContent) => JSON.stringify([a.serviceAccount, a.roleArn]);
  const wanted = want.map(key).sort();
  const had = have.map(key).sort();
  return wanted.every((k, i) => k === had[i]);
}

import { addonErrors } from '../eks-errors';

/** The minor of an add-on version such as `v1.18.3-eksbuild.2` (18); undefined when it has no such form. */
function addonMinor(addonVersion: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)\./.exec(addonVersion);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/**
 * VPCCNI-ONE-MINOR: UpdateAddon moves vpc-cni at most one minor up or down. EKS answers
 * InvalidParameterException "Updating VPC-CNI can only go up or down 1 minor version at a time"
 * (terraform-aws-modules/terraform-aws-eks#2749; awsdocs/amazon-eks-user-guide#672); User Guide, Amazon VPC
 * CNI: "You can only update one minor version at a time". Other add-ons have no such limit.
 */
export function checkVpcCniMinorStep(clusterName: string, addonName: string, from: string, to: string): void {
  if (addonName !== 'vpc-cni') return;
  const a = addonMinor(from);
  const b = addonMinor(to);
  if (a !== undefined && b !== undefined && Math.abs(b - a) > 1) throw addonErrors.vpcCniMinorStep(clusterName, addonName);
}

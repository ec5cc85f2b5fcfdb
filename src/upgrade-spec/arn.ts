/** IAM role ARNs as EKS accepts them, across partitions (aws, aws-cn, aws-us-gov, …). */
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;

export function isRoleArn(value: string): boolean {
  return ROLE_ARN_PATTERN.test(value);
}

/**
 * The Lambda runner's permissions, as `aws_iam_policy_document` statements (Terraform attribute names). Internal:
 * not part of the jsii API.
 */

/** One statement of an `aws_iam_policy_document`. */
export interface PolicyStatement {
  readonly sid: string;
  readonly effect: 'Allow';
  readonly actions: string[];
  readonly resources: string[];
}

/** Where the cluster lives; each value may be a Terraform reference. */
export interface PolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The function's log group ARN. */
  readonly logGroupArn: string;
}

/** The parts of the spec the permissions depend on (the spec as the construct renders it). */
export interface PolicySpec {
  readonly clusterName: string;
  readonly nodegroups?: ReadonlyArray<{ readonly name: string }>;
  readonly addons?: ReadonlyArray<{
    readonly name: string;
    readonly serviceAccountRoleArn?: string;
    readonly podIdentityAssociations?: ReadonlyArray<{ readonly roleArn: string }>;
  }>;
}

/**
 * Everything the engine calls, on the narrowest resources IAM can express: the cluster, the node groups and add-ons
 * it targets, the public AMI parameters, and the function's own log group.
 */
export function runnerPolicyStatements(spec: PolicySpec, where: PolicyScope): PolicyStatement[] {
  const eks = (resource: string) => `arn:${where.partition}:eks:${where.region}:${where.account}:${resource}`;
  const cluster = spec.clusterName;
  const nodegroups = (spec.nodegroups ?? []).map((n) => n.name);
  const addons = spec.addons ?? [];
  const addonRoles = unique(addons.flatMap((a) => [
    ...(a.serviceAccountRoleArn ? [a.serviceAccountRoleArn] : []),
    ...(a.podIdentityAssociations ?? []).map((p) => p.roleArn),
  ]));
  const ssmParameter = (path: string) => `arn:${where.partition}:ssm:${where.region}::parameter/aws/service/${path}`;

  const statements: PolicyStatement[] = [
    allow('Cluster', [
      'eks:DescribeCluster', 'eks:UpdateClusterVersion', 'eks:DescribeUpdate', 'eks:ListUpdates', 'eks:CancelUpdate',
      'eks:ListInsights', 'eks:DescribeInsight', 'eks:ListNodegroups', 'eks:ListAddons',
    ], [eks(`cluster/${cluster}`)]),
    // Node groups and add-ons the spec does not target are still described, never changed: the planner refuses a
    // control-plane step they could not follow (MNG-MATCH-CP) or a target that leaves them incompatible
    // (UNTARGETED-COMPATIBLE). Their names are not known at synth.
    allow('DescribeAllNodegroups', ['eks:DescribeNodegroup'], [eks(`nodegroup/${cluster}/*/*`)]),
    allow('DescribeAllAddons', ['eks:DescribeAddon'], [eks(`addon/${cluster}/*/*`)]),
    // Pod identity associations an add-on owns are compared by content (service account, role), read one by one.
    allow('DescribePodIdentityAssociations', ['eks:DescribePodIdentityAssociation'], [eks(`podidentityassociation/${cluster}/*`)]),
    // DescribeAddonVersions lists the add-on catalog, which belongs to no cluster: IAM offers no resource-level
    // permission for it, so `*` is the only resource it accepts. It reads public catalog data only, for every
    // installed add-on, targeted or not.
    allow('AddonCatalog', ['eks:DescribeAddonVersions'], ['*']),
  ];
  if (nodegroups.length > 0) {
    // The last ARN segment is the node group's id, unknown until EKS creates it.
    statements.push(allow('TargetedNodegroups', [
      'eks:DescribeNodegroup', 'eks:UpdateNodegroupVersion', 'eks:UpdateNodegroupConfig', 'eks:ListUpdates', 'eks:DescribeUpdate',
    ], nodegroups.map((name) => eks(`nodegroup/${cluster}/${name}/*`))));
  }
  if (addons.length > 0) {
    statements.push(allow('TargetedAddons', [
      'eks:DescribeAddon', 'eks:UpdateAddon', 'eks:ListUpdates', 'eks:DescribeUpdate',
    ], addons.map((a) => eks(`addon/${cluster}/${a.name}/*`))));
  }
  if (addonRoles.length > 0) {
    // An add-on update that names IAM roles (IRSA or Pod Identity) passes them to EKS: exactly the roles the spec names.
    statements.push(allow('PassAddonRoles', ['iam:PassRole'], addonRoles));
  }
  statements.push(
    // `releaseVersion: latest` reads the public EKS-optimized and Bottlerocket AMI release parameters, nothing else.
    allow('AmiReleaseParameters', ['ssm:GetParameter'], [ssmParameter('eks/optimized-ami/*'), ssmParameter('bottlerocket/*')]),
    allow('OwnLogGroup', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`${where.logGroupArn}:*`]),
  );
  return statements;
}

function allow(sid: string, actions: string[], resources: string[]): PolicyStatement {
  return { sid, effect: 'Allow', actions, resources };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * With `assumeRoleArn` the function's own role only assumes that role (which then needs the statements above, in the
 * cluster's account) and writes its log: `sts:AssumeRole` on exactly that role.
 */
export function assumingRunnerStatements(roleArn: string, logGroupArn: string): PolicyStatement[] {
  return [
    allow('AssumeUpgradeRole', ['sts:AssumeRole'], [roleArn]),
    allow('OwnLogGroup', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`${logGroupArn}:*`]),
  ];
}

/** Statements only the Lambda runner needs: its function writes to its own log group. */
export const LAMBDA_ONLY_STATEMENTS: readonly string[] = ['OwnLogGroup'];

/**
 * What the local runner (`eks-upgrade apply` where Terraform runs, with that machine's credentials) calls: the
 * Lambda runner's statements without the function's own log group. docs/iam.md lists these; a test keeps it in step.
 */
export function localRunnerPolicyStatements(spec: PolicySpec, where: Omit<PolicyScope, 'logGroupArn'>): PolicyStatement[] {
  return runnerPolicyStatements(spec, { ...where, logGroupArn: '' }).filter((s) => !LAMBDA_ONLY_STATEMENTS.includes(s.sid));
}

/** Where the CodeBuild runner's project runs: its log group, and the handler bundle it downloads as its source. */
export interface CodeBuildPolicyScope extends PolicyScope {
  /** The source object's ARN (`arn:<partition>:s3:::<bucket>/<key>`). */
  readonly sourceObjectArn: string;
}

/** The CodeBuild project downloads the handler bundle as its source: that one object, nothing else in the bucket. */
export function buildSourceStatement(sourceObjectArn: string): PolicyStatement {
  return allow('BuildSource', ['s3:GetObject', 's3:GetObjectVersion'], [sourceObjectArn]);
}

/**
 * The CodeBuild runner's role: what the Lambda runner's allows (with the project's log group as its own), plus its
 * source. With `assumeRoleArn` it is `assumingRunnerStatements` plus the source instead. docs/iam.md shows it.
 */
export function codeBuildRunnerStatements(spec: PolicySpec, where: CodeBuildPolicyScope): PolicyStatement[] {
  return [...runnerPolicyStatements(spec, where), buildSourceStatement(where.sourceObjectArn)];
}

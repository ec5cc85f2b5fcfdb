/**
 * EKS errors as the service sends them: the type in `x-amzn-ErrorType`, a JSON body with `message` and the
 * names of the resources involved, and the HTTP status of the type's `httpError` trait in the SDK model.
 * Messages are real EKS wording where it is known; docs/simulator.md lists each with its source.
 */
export const EKS_ERROR_STATUS = {
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  InvalidStateException: 400,
  ResourceInUseException: 409,
  ResourceNotFoundException: 404,
  ServerException: 500,
  ServiceUnavailableException: 503,
  ThrottlingException: 429,
  // Not an EKS model error: what AWS front ends answer for a path no operation serves.
  UnknownOperationException: 404,
} as const;

export type EksErrorType = keyof typeof EKS_ERROR_STATUS;

export interface EksErrorFields {
  clusterName?: string;
  nodegroupName?: string;
  addonName?: string;
}

export class EksError extends Error {
  constructor(readonly type: EksErrorType, message: string, readonly fields: EksErrorFields = {}) {
    super(message);
    this.name = type;
  }

  get status(): number {
    return EKS_ERROR_STATUS[this.type];
  }
}

const invalidParameter = (message: string, fields?: EksErrorFields) => new EksError('InvalidParameterException', message, fields);
const invalidRequest = (message: string, fields?: EksErrorFields) => new EksError('InvalidRequestException', message, fields);
const inUse = (message: string, fields?: EksErrorFields) => new EksError('ResourceInUseException', message, fields);
const notFound = (message: string, fields?: EksErrorFields) => new EksError('ResourceNotFoundException', message, fields);

export const notFoundErrors = {
  cluster: (clusterName: string) => notFound(`No cluster found for name: ${clusterName}.`, { clusterName }),
  nodegroup: (clusterName: string, nodegroupName: string) =>
    notFound(`No node group found for name: ${nodegroupName}.`, { clusterName, nodegroupName }),
  addon: (clusterName: string, addonName: string) =>
    notFound(`No addon: ${addonName} found in cluster: ${clusterName}`, { clusterName, addonName }),
  update: (clusterName: string, updateId: string, fields: EksErrorFields = {}) =>
    notFound(`No update found for ID: ${updateId}`, { clusterName, ...fields }),
  insight: (clusterName: string, id: string) => notFound(`No insight found for ID: ${id}`, { clusterName }),
  podIdentityAssociation: (clusterName: string, id: string) =>
    notFound(`No Pod Identity Association found for ID: ${id}`, { clusterName }),
};

export const clusterErrors = {
  unsupportedVersionStep: (clusterName: string, from: string, to: string) =>
    invalidParameter(`Unsupported Kubernetes minor version update from ${from} to ${to}`, { clusterName }),
  updateInProgress: (clusterName: string, requestedType: string, updateId: string) =>
    inUse(`Cannot ${requestedType} because cluster ${clusterName} currently has update ${updateId} in progress`, { clusterName }),
  // INSIGHTS-PER-STEP: EKS's wording for an upgrade (terraform-provider-aws#42031); the rollback one is ours, the same
  // message with "rollback" for "upgrade".
  readinessIssues: (clusterName: string, kind: 'upgrade' | 'rollback') => new EksError('InvalidStateException',
    `${kind === 'upgrade' ? 'Upgrade' : 'Rollback'} readiness issues detected. Call the EKS ListInsights API to view ${kind} blocking issues detected by EKS. `
    + `Pass the force flag to override ${kind} readiness errors and proceed with ${kind}.`, { clusterName }),
  // MNG-MATCH-CP: EKS's wording (terraform-provider-aws#19478); the ", " between several names is ours.
  nodegroupsNotMatching: (clusterName: string, currentVersion: string, nodegroups: string[]) =>
    invalidParameter(`Nodegroups ${nodegroups.join(', ')} must be updated to match cluster version ${currentVersion} before updating cluster version`, { clusterName }),
  // ROLLBACK-MNG-FIRST: EKS publishes no message; ours, in the style of MNG-MATCH-CP's.
  nodegroupsNotRolledBack: (clusterName: string, target: string, nodegroups: string[]) =>
    invalidParameter(`Nodegroups ${nodegroups.join(', ')} must be rolled back to version ${target} before rolling back cluster version. Use UpdateNodegroupVersion.`, { clusterName }),
  rollbackUnavailable: (clusterName: string, version: string) =>
    invalidRequest(`Cluster ${clusterName} cannot be rolled back to ${version}: a rollback returns only to the version the cluster was upgraded from, within 7 days of that upgrade.`, { clusterName }),
  // ROLLBACK-ELIGIBLE: EKS publishes no message; ours.
  rollbackNeedsExtendedPolicy: (clusterName: string, version: string) =>
    invalidRequest(`Cluster ${clusterName} cannot be rolled back to ${version}: ${version} is in extended support and the cluster's upgrade policy is STANDARD. Change the upgrade policy to EXTENDED first.`, { clusterName }),
  rollbackTimeout: (clusterName: string, minutes: unknown) =>
    invalidParameter(`rollbackConfig.timeoutMinutes must be between 120 and 10080, got ${String(minutes)}`, { clusterName }),
};

export const nodegroupErrors = {
  notActive: (clusterName: string, nodegroupName: string) =>
    inUse('Nodegroup cannot be updated as it is currently not in Active State', { clusterName, nodegroupName }),
  customAmiField: (clusterName: string, nodegroupName: string, field: 'kubernetesVersion' | 'releaseVersion') =>
    invalidParameter(`You cannot specify the field ${field} when using custom AMIs.`, { clusterName, nodegroupName }),
  launchTemplateIdAndName: (clusterName: string, nodegroupName: string) =>
    invalidParameter('Either provide launch template ID or launch template name in the request.', { clusterName, nodegroupName }),
  launchTemplateNotUsed: (clusterName: string, nodegroupName: string) =>
    invalidParameter(`Nodegroup ${nodegroupName} was not created with a launch template, so an update cannot specify one.`, { clusterName, nodegroupName }),
  launchTemplateMismatch: (clusterName: string, nodegroupName: string, given: string, actual: string) =>
    invalidParameter(`Launch template ${given} does not match launch template ${actual} that nodegroup ${nodegroupName} was created with.`, { clusterName, nodegroupName }),
  versionAboveCluster: (clusterName: string, nodegroupName: string, version: string, clusterVersion: string) =>
    invalidParameter(`Requested Nodegroup version ${version} is invalid. Nodegroup version cannot be greater than cluster version ${clusterVersion}.`, { clusterName, nodegroupName }),
  downgrade: (clusterName: string, nodegroupName: string, version: string, current: string) =>
    invalidParameter(`Requested Nodegroup version ${version} is invalid. Nodegroup cannot be downgraded from ${current}.`, { clusterName, nodegroupName }),
  // RELEASE-FORMAT: EKS's wording (eksctl-io/eksctl#7976).
  releaseNotForVersion: (clusterName: string, nodegroupName: string, release: string, version: string) =>
    invalidParameter(`Requested release version ${release} is not valid for kubernetes version ${version}.`, { clusterName, nodegroupName }),
  // AL2-ENDS-1-32: EKS's wording for CreateNodegroup (scylladb/scylla-cluster-tests#12524), reused for updates.
  amiTypeEnded: (clusterName: string, nodegroupName: string, amiType: string) =>
    invalidParameter(`AMI Type ${amiType} is only supported for kubernetes versions 1.32 or earlier`, { clusterName, nodegroupName }),
  updateConfigBoth: (clusterName: string, nodegroupName: string) =>
    invalidParameter('Only one of maxUnavailable and maxUnavailablePercentage can be specified in updateConfig.', { clusterName, nodegroupName }),
  updateConfigRange: (clusterName: string, nodegroupName: string, field: string) =>
    invalidParameter(`updateConfig.${field} must be between 1 and 100.`, { clusterName, nodegroupName }),
  nothingToUpdate: (clusterName: string, nodegroupName: string) =>
    invalidParameter('No changes specified in the request: provide updateConfig.', { clusterName, nodegroupName }),
};

export const addonErrors = {
  versionNotSupported: (clusterName: string, addonName: string) =>
    invalidParameter('Addon version specified is not supported', { clusterName, addonName }),
  // VPCCNI-ONE-MINOR: EKS's wording (terraform-aws-modules/terraform-aws-eks#2749).
  vpcCniMinorStep: (clusterName: string, addonName: string) =>
    invalidParameter('Updating VPC-CNI can only go up or down 1 minor version at a time', { clusterName, addonName }),
  notUpdatable: (clusterName: string, addonName: string, status: string) =>
    inUse(`Addon ${addonName} cannot be updated as it is currently in ${status} state`, { clusterName, addonName }),
  resolveConflicts: (clusterName: string, addonName: string, value: unknown) =>
    invalidParameter(`Invalid value ${String(value)} for resolveConflicts: must be one of OVERWRITE, NONE, PRESERVE`, { clusterName, addonName }),
};

export const cancelErrors = {
  notCancellable: (clusterName: string, updateId: string, type: string) =>
    invalidRequest(`Update ${updateId} of type ${type} cannot be cancelled: only VersionRollback updates of EKS Auto Mode clusters can be cancelled.`, { clusterName }),
  notInProgress: (clusterName: string, updateId: string, status: string) =>
    invalidRequest(`Update ${updateId} cannot be cancelled because its status is ${status}.`, { clusterName }),
  controlPlanePhase: (clusterName: string, updateId: string) =>
    invalidRequest(`Update ${updateId} cannot be cancelled because the control plane rollback has already begun.`, { clusterName }),
};

export const requestErrors = {
  missing: (field: string, fields?: EksErrorFields) => invalidParameter(`${field} is required`, fields),
  badValue: (field: string, value: unknown, fields?: EksErrorFields) => invalidParameter(`Invalid value for ${field}: ${JSON.stringify(value)}`, fields),
  nextToken: () => invalidParameter('The nextToken provided is invalid.'),
  maxResults: (value: unknown) => invalidParameter(`maxResults must be between 1 and 100, got ${String(value)}`),
};

export const serviceErrors = {
  throttled: () => new EksError('ThrottlingException', 'Rate exceeded'),
  server: () => new EksError('ServerException', 'An internal error occurred. Try again later.'),
  unavailable: () => new EksError('ServiceUnavailableException', 'Service is temporarily unavailable. Try again later.'),
};

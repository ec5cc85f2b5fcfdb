import { nodegroupErrors, requestErrors } from '../eks-errors';
import { compact } from '../json';
import { minorDistance, minorOf } from '../minor-version';
import type { OperationContext } from '../operation-context';
import { defaultRelease } from '../release-versions';
import type { NodegroupUpdateConfig, UpdateEffect } from '../seed';
import type { ClusterState, NodegroupState } from '../state';
import { inProgressUpdate } from '../world';
import { checkAl2Offered } from './al2-ends-1-32';
import { checkReleaseFormat } from './release-format';
import { isNodegroupRollback } from './rollback-mng-first';

/** Both node group updates need an ACTIVE node group with no update running (the write path sees hidden updates too). */
function checkNodegroupActive(ctx: OperationContext, c: ClusterState, n: NodegroupState): void {
  if (n.status !== 'ACTIVE' || inProgressUpdate(ctx.state, c.name, { nodegroup: n.name })) {
    throw nodegroupErrors.notActive(c.name, n.name);
  }
}

export interface NodegroupVersionChange {
  effect: Extract<UpdateEffect, { kind: 'nodegroupVersion' }>;
  params: { type: string; value: string }[];
}

/**
 * UpdateNodegroupVersion's rules: NG-ACTIVE-ONLY, NG-CUSTOM-AMI, NG-LT-SAME, NG-NOT-ABOVE-CP, NG-NO-DOWNGRADE
 * (except ROLLBACK-MNG-FIRST's roll back to the cluster's rollback target), AL2-ENDS-1-32 and RELEASE-FORMAT.
 * Without `version` the node group keeps its Kubernetes version; without `releaseVersion` it gets the
 * recommended AMI release for its AMI family (from SSM), as EKS does. A custom-AMI node group takes the
 * control plane's version when its launch template version changes, and only then.
 */
export function checkNodegroupVersionChange(ctx: OperationContext, c: ClusterState, n: NodegroupState): NodegroupVersionChange {
  const fields = { clusterName: c.name, nodegroupName: n.name };
  const { version, releaseVersion, launchTemplate } = ctx.body;
  checkNodegroupActive(ctx, c, n);
  const custom = n.amiType === 'CUSTOM';
  if (custom && version !== undefined) throw nodegroupErrors.customAmiField(c.name, n.name, 'kubernetesVersion');
  if (custom && releaseVersion !== undefined) throw nodegroupErrors.customAmiField(c.name, n.name, 'releaseVersion');
  if (launchTemplate !== undefined) checkLaunchTemplate(c, n, launchTemplate);

  // UpdateNodegroupVersion reference: "If no version is specified, then the Kubernetes version of the node group does
  // not change." A custom-AMI node group takes no version at all; it moves only when a new launch template version
  // brings a new image, and then (our reading, undocumented) onto the control plane's version.
  const newTemplate = launchTemplate !== undefined && launchTemplate.version !== undefined && String(launchTemplate.version) !== n.launchTemplate?.version;
  const target: string = version ?? (custom && newTemplate ? c.version : n.version);
  if (typeof target !== 'string' || minorOf(target) === undefined) throw requestErrors.badValue('version', version, fields);
  if ((minorDistance(c.version, target) ?? 0) > 0) throw nodegroupErrors.versionAboveCluster(c.name, n.name, target, c.version);
  if ((minorDistance(n.version, target) ?? 0) < 0 && !isNodegroupRollback(c, n, target, ctx.now)) {
    throw nodegroupErrors.downgrade(c.name, n.name, target, n.version);
  }
  checkAl2Offered(c, n, target);

  let release: string | undefined;
  if (releaseVersion !== undefined) {
    if (typeof releaseVersion !== 'string' || releaseVersion === '') throw requestErrors.badValue('releaseVersion', releaseVersion, fields);
    checkReleaseFormat(c, n, releaseVersion, target);
    release = releaseVersion;
  } else if (!custom) {
    release = defaultRelease(n.amiType, target, ctx.state.ssmParameters);
  }

  const ltVersion: string | undefined = launchTemplate?.version;
  return {
    effect: { kind: 'nodegroupVersion', version: target, releaseVersion: release, launchTemplateVersion: ltVersion },
    params: [
      { type: 'Version', value: target },
      ...(release !== undefined ? [{ type: 'ReleaseVersion', value: release }] : []),
      ...(launchTemplate !== undefined ? [
        { type: 'LaunchTemplateName', value: n.launchTemplate!.name! },
        { type: 'LaunchTemplateVersion', value: ltVersion ?? n.launchTemplate!.version! },
      ] : []),
    ],
  };
}

function checkLaunchTemplate(c: ClusterState, n: NodegroupState, lt: any): void {
  const id = lt?.id;
  const name = lt?.name;
  if ((id === undefined) === (name === undefined)) throw nodegroupErrors.launchTemplateIdAndName(c.name, n.name);
  if (!n.launchTemplate) throw nodegroupErrors.launchTemplateNotUsed(c.name, n.name);
  if (id !== undefined && id !== n.launchTemplate.id) throw nodegroupErrors.launchTemplateMismatch(c.name, n.name, id, n.launchTemplate.id!);
  if (name !== undefined && name !== n.launchTemplate.name) {
    throw nodegroupErrors.launchTemplateMismatch(c.name, n.name, name, n.launchTemplate.name!);
  }
}

export interface NodegroupConfigChange {
  updateConfig: NodegroupUpdateConfig;
  params: { type: string; value: string }[];
}

/** UpdateNodegroupConfig as far as upgrades use it: the updateConfig (maxUnavailable XOR maxUnavailablePercentage, updateStrategy). */
export function checkNodegroupConfigChange(ctx: OperationContext, c: ClusterState, n: NodegroupState): NodegroupConfigChange {
  const fields = { clusterName: c.name, nodegroupName: n.name };
  checkNodegroupActive(ctx, c, n);
  const requested = ctx.body.updateConfig;
  if (!requested || typeof requested !== 'object') throw nodegroupErrors.nothingToUpdate(c.name, n.name);
  const { maxUnavailable, maxUnavailablePercentage, updateStrategy } = requested;
  if (maxUnavailable !== undefined && maxUnavailablePercentage !== undefined) throw nodegroupErrors.updateConfigBoth(c.name, n.name);
  for (const [field, value] of Object.entries({ maxUnavailable, maxUnavailablePercentage })) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 100)) throw nodegroupErrors.updateConfigRange(c.name, n.name, field);
  }
  if (updateStrategy !== undefined && updateStrategy !== 'DEFAULT' && updateStrategy !== 'MINIMAL') {
    throw requestErrors.badValue('updateConfig.updateStrategy', updateStrategy, fields);
  }
  const size = maxUnavailable !== undefined ? { maxUnavailable }
    : maxUnavailablePercentage !== undefined ? { maxUnavailablePercentage }
      : { maxUnavailable: n.updateConfig.maxUnavailable, maxUnavailablePercentage: n.updateConfig.maxUnavailablePercentage };
  const updateConfig = compact<NodegroupUpdateConfig>({ ...size, updateStrategy: updateStrategy ?? n.updateConfig.updateStrategy });
  return {
    updateConfig,
    params: [
      ...(maxUnavailable !== undefined ? [{ type: 'MaxUnavailable', value: String(maxUnavailable) }] : []),
      ...(maxUnavailablePercentage !== undefined ? [{ type: 'MaxUnavailablePercentage', value: String(maxUnavailablePercentage) }] : []),
      ...(updateStrategy !== undefined ? [{ type: 'UpdateStrategy', value: updateStrategy }] : []),
    ],
  };
}

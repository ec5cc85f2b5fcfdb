import { LiveNodegroup } from '../../aws/live-state';
import { UpdateFailedError } from '../../errors/run-errors';
import { UpgradeSpec } from '../../upgrade-spec/upgrade-spec';
import { ClusterVersionStep, NodegroupVersionStep } from '../plan-types';
import { isCustomAmi } from '../rules/ng-custom-ami';

/** What EKS's MNG-MATCH-CP refusal names: the node groups to move, and the version to move them to. */
export interface NodegroupsMustMatch {
  readonly nodegroups: readonly string[];
  readonly version: string;
}

/**
 * MNG-MATCH-CP: UpdateClusterVersion API reference ("all of your node groups' Kubernetes versions must match the
 * cluster's Kubernetes version in order to update the cluster to a new Kubernetes version"); EKS answers
 * InvalidParameterException "Nodegroups <names> must be updated to match cluster version <v> before updating
 * cluster version" (seen verbatim for one name in hashicorp/terraform-provider-aws#19478). How several names are
 * joined is not documented, so commas and/or spaces (and a stray "and", quotes or brackets) are all accepted.
 * The message is the contract: the error type is checked loosely (InvalidParameter or InvalidRequest).
 */
const REFUSAL = /Nodegroups?\s+(.+?)\s+must be updated to match cluster version\s+v?(\d+\.\d+)/i;

export function parseNodegroupsMustMatch(err: unknown): NodegroupsMustMatch | undefined {
  const e = err as { name?: string; message?: string } | undefined;
  if (!e || !/^Invalid(Parameter|Request)Exception$/.test(e.name ?? '')) return undefined;
  const m = REFUSAL.exec(e.message ?? '');
  if (!m) return undefined;
  const nodegroups = [...new Set(m[1].replace(/[[\]()"'`]/g, ' ').split(/[\s,;]+/).filter((n) => n !== '' && n.toLowerCase() !== 'and'))];
  return nodegroups.length > 0 ? { nodegroups, version: m[2] } : undefined;
}

/**
 * The node-group update that satisfies the refusal: UpdateNodegroupVersion to the control plane's version, with
 * `force` from the spec when the node group is targeted. A custom-AMI node group cannot be moved this way
 * (NG-CUSTOM-AMI: EKS refuses a version for it), so that fails, naming the node group and the fix.
 */
export function catchUpStep(cluster: ClusterVersionStep, refusal: NodegroupsMustMatch, live: LiveNodegroup, spec: UpgradeSpec): NodegroupVersionStep {
  const index = spec.nodegroups.findIndex((n) => n.name === live.name);
  if (isCustomAmi(live)) {
    const fix = index >= 0
      ? `set nodegroups[${index}].launchTemplate.version to a launch template version whose AMI is built for Kubernetes ${refusal.version}`
      : `add node group '${live.name}' to the spec's nodegroups with a launchTemplate version whose AMI is built for Kubernetes ${refusal.version}`;
    throw new UpdateFailedError(`cluster/${spec.clusterName}: EKS refused control plane ${cluster.from} → ${cluster.to}: node group '${live.name}' must first run Kubernetes ${refusal.version} (MNG-MATCH-CP), but it runs a custom AMI, whose version moves only with its launch template (NG-CUSTOM-AMI); ${fix}, and apply again`);
  }
  return {
    action: 'nodegroup-version',
    resource: { kind: 'nodegroup', name: live.name },
    from: { version: live.version, releaseVersion: live.releaseVersion, launchTemplateVersion: live.launchTemplate?.version },
    version: refusal.version,
    force: index >= 0 ? spec.nodegroups[index].force : false,
    reason: `EKS requires it on ${refusal.version} before control plane ${cluster.from} → ${cluster.to}`,
    rule: 'MNG-MATCH-CP',
  };
}

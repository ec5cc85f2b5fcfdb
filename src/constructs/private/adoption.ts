import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { TerraformResource, Token } from 'cdktf';
import { dependencyOn } from './static-reference';
import { SpecProblem } from '../../spec/parse-spec';
import { AddonTarget } from '../addon-target';
import { NodegroupTarget } from '../nodegroup-target';

/**
 * Adoption: a target may name the provider resource that manages the same thing in this app. Both must then name
 * the same cluster object, and Terraform must stop managing the fields the upgrade moves.
 */
export function checkAdoption(
  clusterName: string,
  cluster: EksCluster | undefined,
  addons: AddonTarget[],
  nodegroups: NodegroupTarget[],
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (cluster) {
    const mismatch = differs(cluster.nameInput, clusterName);
    if (mismatch) {
      problems.push({
        field: 'cluster',
        message: `is the aws_eks_cluster named '${cluster.nameInput}', but clusterName is '${clusterName}': adopt the cluster being upgraded, or set clusterName: cluster.name`,
      });
    }
  }
  nodegroups.forEach((n, i) => {
    const ng = n.nodegroup;
    if (!ng) return;
    const field = `nodegroups[${i}].nodegroup`;
    const resourceName = ng.nodeGroupNameInput;
    if (resourceName === undefined) {
      if (!Token.isUnresolved(n.name)) {
        problems.push({
          field,
          message: `the adopted aws_eks_node_group has no fixed name (node_group_name_prefix or generated), so it cannot be matched with '${n.name}': set its nodeGroupName, or target it with name: nodegroup.nodeGroupName`,
        });
      }
    } else if (differs(resourceName, n.name)) {
      problems.push({
        field,
        message: `is the aws_eks_node_group named '${resourceName}', but the target is named '${n.name}': adopt the node group the target names, or set name: nodegroup.nodeGroupName`,
      });
    }
    if (differs(ng.clusterNameInput, clusterName)) {
      problems.push({
        field,
        message: `belongs to cluster '${ng.clusterNameInput}', not '${clusterName}' (clusterName): adopt a node group of the cluster being upgraded`,
      });
    }
  });
  addons.forEach((a, i) => {
    const addon = a.addon;
    if (!addon) return;
    const field = `addons[${i}].addon`;
    if (differs(addon.addonNameInput, a.name)) {
      problems.push({
        field,
        message: `is the aws_eks_addon named '${addon.addonNameInput}', but the target is named '${a.name}': adopt the add-on the target names, or set name: addon.addonName`,
      });
    }
    if (differs(addon.clusterNameInput, clusterName)) {
      problems.push({
        field,
        message: `belongs to cluster '${addon.clusterNameInput}', not '${clusterName}' (clusterName): adopt an add-on of the cluster being upgraded`,
      });
    }
  });
  return problems;
}

export function adoptCluster(cluster: EksCluster, runner: TerraformResource): void {
  ignoreChanges(cluster, ['version']);
  dependOn(runner, cluster);
}

export function adoptNodegroup(target: NodegroupTarget, runner: TerraformResource): void {
  const ng = target.nodegroup!;
  const fields = ['version', 'release_version'];
  if (target.launchTemplate) fields.push('launch_template[0].version');
  ignoreChanges(ng, fields);
  dependOn(runner, ng);
}

export function adoptAddon(target: AddonTarget, runner: TerraformResource): void {
  const addon = target.addon!;
  const fields = ['addon_version'];
  if (target.configurationValues !== undefined || target.configuration !== undefined) fields.push('configuration_values');
  if (target.serviceAccountRoleArn !== undefined) fields.push('service_account_role_arn');
  if (target.podIdentityAssociations !== undefined) fields.push('pod_identity_association');
  ignoreChanges(addon, fields);
  dependOn(runner, addon);
}

/** Both values known at synth and different. */
function differs(a: string | undefined, b: string): boolean {
  return a !== undefined && !Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b;
}

function ignoreChanges(resource: TerraformResource, fields: string[]): void {
  const lifecycle = resource.lifecycle ?? {};
  if (lifecycle.ignoreChanges === 'all') return;
  const merged = [...(lifecycle.ignoreChanges ?? [])];
  for (const f of fields) if (!merged.includes(f)) merged.push(f);
  resource.lifecycle = { ...lifecycle, ignoreChanges: merged };
}

/** The resources each runner already depends on through adoption, so adopting one twice adds one entry. */
const adoptedBy = new WeakMap<TerraformResource, Set<TerraformResource>>();

function dependOn(runner: TerraformResource, resource: TerraformResource): void {
  const adopted = adoptedBy.get(runner) ?? new Set<TerraformResource>();
  adoptedBy.set(runner, adopted);
  if (adopted.has(resource)) return;
  adopted.add(resource);
  runner.dependsOn = [...(runner.dependsOn ?? []), dependencyOn(resource)];
}

import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { TerraformResource, Token } from 'cdktf';
import { dependencyOn } from './static-reference';
import { SpecProblem } from '../../upgrade-spec/parse-spec';
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
        message: `is the aws_eks_cluster named '${cluster.nameInput}', but clusterName is '${clusterName}': set clusterName: '${cluster.nameInput}', or adopt the aws_eks_cluster named '${clusterName}'`,
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
          message: `the adopted aws_eks_node_group has no fixed name (node_group_name_prefix, or one Terraform generates), so it cannot be matched with '${n.name}' at synth: give it nodeGroupName: '${n.name}'`,
        });
      }
    } else if (differs(resourceName, n.name)) {
      problems.push({
        field,
        message: `is the aws_eks_node_group named '${resourceName}', but the target is named '${n.name}': set name: '${resourceName}', or adopt the aws_eks_node_group named '${n.name}'`,
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
        message: `is the aws_eks_addon named '${addon.addonNameInput}', but the target is named '${a.name}': set name: '${addon.addonNameInput}', or adopt the aws_eks_addon named '${a.name}'`,
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

/** The `aws_eks_cluster` fields the upgrade moves, which Terraform must then ignore. */
export function clusterIgnoredFields(): string[] {
  return ['version'];
}

/** The `aws_eks_node_group` fields a node-group target moves. */
export function nodegroupIgnoredFields(target: NodegroupTarget): string[] {
  const fields = ['version', 'release_version'];
  if (target.launchTemplate) fields.push('launch_template[0].version');
  return fields;
}

/** The `aws_eks_addon` fields an add-on target moves. */
export function addonIgnoredFields(target: AddonTarget): string[] {
  const fields = ['addon_version'];
  if (target.configurationValues !== undefined || target.configuration !== undefined) fields.push('configuration_values');
  if (target.serviceAccountRoleArn !== undefined) fields.push('service_account_role_arn');
  if (target.podIdentityAssociations !== undefined) fields.push('pod_identity_association');
  return fields;
}

export function adoptCluster(cluster: EksCluster, runner: TerraformResource): void {
  ignoreChanges(cluster, clusterIgnoredFields());
  dependOn(runner, cluster);
}

export function adoptNodegroup(target: NodegroupTarget, runner: TerraformResource): void {
  ignoreChanges(target.nodegroup!, nodegroupIgnoredFields(target));
  dependOn(runner, target.nodegroup!);
}

export function adoptAddon(target: AddonTarget, runner: TerraformResource): void {
  ignoreChanges(target.addon!, addonIgnoredFields(target));
  dependOn(runner, target.addon!);
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
/** Every resource some `ClusterUpgrade` adopted. */
const adoptedResources = new WeakSet<TerraformResource>();

/** True when a `ClusterUpgrade` adopted the resource (another upgrade of the same name may reach another account). */
export function isAdopted(resource: TerraformResource): boolean {
  return adoptedResources.has(resource);
}

function dependOn(runner: TerraformResource, resource: TerraformResource): void {
  adoptedResources.add(resource);
  const adopted = adoptedBy.get(runner) ?? new Set<TerraformResource>();
  adoptedBy.set(runner, adopted);
  if (adopted.has(resource)) return;
  adopted.add(resource);
  runner.dependsOn = [...(runner.dependsOn ?? []), dependencyOn(resource)];
}

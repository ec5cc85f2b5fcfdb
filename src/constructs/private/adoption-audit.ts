import {
  DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Token, Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';
import { addonIgnoredFields, clusterIgnoredFields, isAdopted, nodegroupIgnoredFields } from './adoption';
import { AddonTarget } from '../addon-target';
import { NodegroupTarget } from '../nodegroup-target';

/** What the audit needs to know of one `ClusterUpgrade`, read when it runs (after all user code). */
export interface AdoptionAuditSubject {
  /** The ClusterUpgrade's construct path, for messages. */
  readonly path: string;
  readonly clusterName: string;
  /** The adopted `aws_eks_cluster`, if any. */
  readonly cluster?: TerraformResource;
  readonly nodegroups: readonly NodegroupTarget[];
  readonly addons: readonly AddonTarget[];
}

const FIGHT = 'Terraform would set the version back after every upgrade, and EKS refuses that ("Unsupported Kubernetes minor version update")';

/**
 * Provider resources in the upgrade's stack that manage what it moves without being adopted, and adopted ones whose
 * `lifecycle` no longer ignores what adoption needs. Run at synth, after all user code: a `lifecycle` set after the
 * `ClusterUpgrade` replaces the one adoption wrote.
 *
 * Names are compared as Terraform will see them: literal names by value, and a name Terraform knows only at apply
 * (`${var.name}`, `${aws_eks_cluster.main.name}`) by its expression, so the same reference on both sides matches,
 * and a reference to the resource's own name attribute matches that resource. Names that are different expressions
 * (or an expression and a literal) cannot be compared at synth and are not matched.
 */
export function auditAdoption(scope: IConstruct, subject: AdoptionAuditSubject): string[] {
  const text = (value: unknown) => asText(scope, value);
  const resources = TerraformStack.of(scope).node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
  const clusters = resources.filter((r) => r.terraformResourceType === 'aws_eks_cluster');
  const target = text(subject.clusterName);
  const isTargetCluster = (r: TerraformResource) => sameName(target, text(attr(r, 'nameInput')), r, ['name', 'id']);
  const ofTargetCluster = (r: TerraformResource) => {
    const name = text(attr(r, 'clusterNameInput'));
    return name === target || clusters.some((c) => isTargetCluster(c) && sameName(name, undefined, c, ['name', 'id']));
  };
  const problems: string[] = [];
  for (const r of clusters.filter(isTargetCluster)) {
    if (r !== subject.cluster && !isAdopted(r)) {
      problems.push(`${r.node.path}: the aws_eks_cluster named '${target}' is the cluster ${subject.path} upgrades, but is not adopted: ${FIGHT}. Adopt it: cluster: <this EksCluster> in the props of ${subject.path}`);
    }
  }
  for (const r of resources.filter((x) => x.terraformResourceType === 'aws_eks_node_group' && ofTargetCluster(x))) {
    problems.push(...unadoptedNodegroup(r, subject, text));
  }
  for (const r of resources.filter((x) => x.terraformResourceType === 'aws_eks_addon' && ofTargetCluster(x))) {
    const name = text(attr(r, 'addonNameInput'));
    const i = subject.addons.findIndex((a) => sameName(text(a.name), name, r, ['addon_name']));
    if (i >= 0 && subject.addons[i].addon !== r && !isAdopted(r)) {
      problems.push(`${r.node.path}: the aws_eks_addon '${name}' is what addons[${i}] of ${subject.path} targets, but is not adopted: Terraform would set addon_version back after every upgrade. Adopt it: set addons[${i}].addon to this EksAddon`);
    }
  }
  problems.push(...lostIgnoreChanges(subject));
  return problems;
}

function unadoptedNodegroup(r: TerraformResource, subject: AdoptionAuditSubject, text: (v: unknown) => string | undefined): string[] {
  if (isAdopted(r)) return [];
  const name = text(attr(r, 'nodeGroupNameInput'));
  const i = subject.nodegroups.findIndex((n) => sameName(text(n.name), name, r, ['node_group_name']));
  if (i >= 0) {
    if (subject.nodegroups[i].nodegroup === r) return [];
    return [`${r.node.path}: the aws_eks_node_group '${name}' is what nodegroups[${i}] of ${subject.path} targets, but is not adopted: ${FIGHT}. Adopt it: set nodegroups[${i}].nodegroup to this EksNodeGroup`];
  }
  // Every managed node group follows the control plane (MNG-MATCH-CP), targeted or not: a pinned version fights it.
  const pinned = ['versionInput', 'releaseVersionInput'].filter((a) => attr(r, a) !== undefined).map((a) => (a === 'versionInput' ? 'version' : 'release_version'));
  if (pinned.length === 0) return [];
  const shown = name === undefined ? 'with a generated name' : `'${name}'`;
  return [`${r.node.path}: the aws_eks_node_group ${shown} belongs to the cluster ${subject.path} upgrades and sets ${pinned.join(' and ')}, but is not adopted: every managed node group moves with the control plane, so ${FIGHT}. Adopt it with addNodegroup({ name, nodegroup }) on ${subject.path}, or remove ${pinned.join(' and ')} from it`];
}

/** Adopted resources whose final `lifecycle.ignore_changes` (overrides included) lacks a field adoption added. */
function lostIgnoreChanges(subject: AdoptionAuditSubject): string[] {
  const adopted: Array<[TerraformResource | undefined, string[], string]> = [
    [subject.cluster, clusterIgnoredFields(), 'cluster'],
    ...subject.nodegroups.map((n, i): [TerraformResource | undefined, string[], string] => [n.nodegroup, nodegroupIgnoredFields(n), `nodegroups[${i}].nodegroup`]),
    ...subject.addons.map((a, i): [TerraformResource | undefined, string[], string] => [a.addon, addonIgnoredFields(a), `addons[${i}].addon`]),
  ];
  const problems: string[] = [];
  for (const [resource, fields, prop] of adopted) {
    if (resource === undefined) continue;
    const ignored = synthesizedIgnoreChanges(resource);
    if (ignored === 'all') continue;
    const missing = fields.filter((f) => !ignored.includes(f));
    if (missing.length > 0) {
      problems.push(`${resource.node.path}: lifecycle.ignore_changes lacks ${missing.map((f) => `'${f}'`).join(', ')}, which adoption by ${subject.path} (${prop}) added: the lifecycle was replaced after the ClusterUpgrade was created, and Terraform would undo the upgrade. Keep those entries: set lifecycle before creating the ClusterUpgrade, or extend it ({ ...resource.lifecycle, ignoreChanges: [...] })`);
    }
  }
  return problems;
}

/** `lifecycle.ignore_changes` as the resource will be written, with overrides applied. */
function synthesizedIgnoreChanges(resource: TerraformResource): string[] | 'all' {
  const blocks = Object.values<any>((resource.toTerraform() as any).resource?.[resource.terraformResourceType] ?? {});
  const value = blocks[0]?.lifecycle?.ignore_changes ?? [];
  return value === 'all' ? 'all' : (Array.isArray(value) ? value : []);
}

/**
 * Two names as Terraform will see them are the same: equal text, or the first refers to one of the resource's own
 * name attributes (`${aws_eks_node_group.general.node_group_name}`).
 */
function sameName(a: string | undefined, b: string | undefined, resource: TerraformResource, attributes: string[]): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
  return attributes.some((attribute) => a === `\${${address}.${attribute}}`);
}

function attr(resource: TerraformResource, name: string): unknown {
  return (resource as any)[name];
}

/** A name as Terraform will read it: the value, or the expression a token resolves to. */
function asText(scope: IConstruct, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Token.isUnresolved(value)) return String(value);
  const resolved = Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
}

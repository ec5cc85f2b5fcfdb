import { createHash } from 'node:crypto';

/**
 * Ids and ARNs derived from a resource's identity, so a seed without ARNs yields the same ARNs every
 * time (snapshots and call logs stay comparable across runs).
 */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface Account {
  readonly region: string;
  readonly accountId: string;
}

export function clusterArn(a: Account, cluster: string): string {
  return `arn:aws:eks:${a.region}:${a.accountId}:cluster/${cluster}`;
}

export function nodegroupArn(a: Account, cluster: string, nodegroup: string): string {
  return `arn:aws:eks:${a.region}:${a.accountId}:nodegroup/${cluster}/${nodegroup}/${stableUuid(cluster, nodegroup)}`;
}

export function addonArn(a: Account, cluster: string, addon: string): string {
  return `arn:aws:eks:${a.region}:${a.accountId}:addon/${cluster}/${addon}/${stableUuid(cluster, addon)}`;
}

export function podIdentityAssociationId(cluster: string, serviceAccount: string): string {
  return `a-${stableUuid(cluster, serviceAccount).replace(/-/g, '').slice(0, 17)}`;
}

export function podIdentityAssociationArn(a: Account, cluster: string, serviceAccount: string): string {
  return `arn:aws:eks:${a.region}:${a.accountId}:podidentityassociation/${cluster}/${podIdentityAssociationId(cluster, serviceAccount)}`;
}

/** How faults and the call log name resources: `cluster/<name>`, `nodegroup/<cluster>/<name>`, `addon/<cluster>/<name>`. */
export function resourceId(cluster: string, scope: { nodegroup?: string; addon?: string } = {}): string {
  if (scope.nodegroup !== undefined) return `nodegroup/${cluster}/${scope.nodegroup}`;
  if (scope.addon !== undefined) return `addon/${cluster}/${scope.addon}`;
  return `cluster/${cluster}`;
}

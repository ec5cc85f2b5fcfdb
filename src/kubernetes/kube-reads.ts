/**
 * Every Kubernetes read the product makes, in one list: the reader walks it, and docs/iam.md's ClusterRole must grant
 * exactly these (test/docs/iam-kubernetes.test.ts). All are `list` on cluster-wide collections; the RBAC grants
 * `get` beside `list` because `kubectl` and the API's own discovery expect both.
 */
export interface KubeRead {
  readonly resource: 'nodes' | 'pods' | 'poddisruptionbudgets' | 'deployments' | 'daemonsets';
  /** The RBAC apiGroup: '' for the core group. */
  readonly apiGroup: '' | 'policy' | 'apps';
  readonly path: string;
}

export const KUBE_READS: readonly KubeRead[] = [
  { resource: 'nodes', apiGroup: '', path: '/api/v1/nodes' },
  { resource: 'pods', apiGroup: '', path: '/api/v1/pods' },
  { resource: 'poddisruptionbudgets', apiGroup: 'policy', path: '/apis/policy/v1/poddisruptionbudgets' },
  { resource: 'deployments', apiGroup: 'apps', path: '/apis/apps/v1/deployments' },
  { resource: 'daemonsets', apiGroup: 'apps', path: '/apis/apps/v1/daemonsets' },
];

export const KUBE_VERBS = ['get', 'list'] as const;

/**
 * API discovery as kubectl reads it before a `get` (https://kubernetes.io/docs/concepts/overview/kubernetes-api/):
 * `/api` and `/apis` list the groups, `/api/v1` and `/apis/<group>/<version>` the resources served. Only the
 * resources the simulator serves are listed, each with the verbs it answers (get, list).
 */
export interface ServedResource {
  group: '' | 'apps' | 'policy';
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
}

export const SERVED_RESOURCES: ServedResource[] = [
  { group: '', name: 'nodes', singularName: 'node', kind: 'Node', namespaced: false, shortNames: ['no'] },
  { group: '', name: 'pods', singularName: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'] },
  { group: '', name: 'namespaces', singularName: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'] },
  { group: 'apps', name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] },
  { group: 'apps', name: 'daemonsets', singularName: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'] },
  { group: 'policy', name: 'poddisruptionbudgets', singularName: 'poddisruptionbudget', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'] },
];

const GROUPS = ['apps', 'policy'] as const;

/** The discovery document at `path`, or undefined when `path` is not a discovery path. */
export function discovery(path: string, serverAddress: string): Record<string, unknown> | undefined {
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: GROUPS.map((name) => ({ name, versions: [{ groupVersion: `${name}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' } })),
    };
  }
  const group = path === '/api/v1' ? '' : GROUPS.find((g) => path === `/apis/${g}/v1`);
  if (group === undefined) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? 'v1' : `${group}/v1`,
    resources: SERVED_RESOURCES.filter((r) => r.group === group).map((r) => ({
      name: r.name, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list'], shortNames: r.shortNames,
    })),
  };
}

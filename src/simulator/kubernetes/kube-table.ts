/**
 * Server-side printing: kubectl asks for `application/json;as=Table;v=v1;g=meta.k8s.io` first and prints the columns
 * the server chooses (https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables).
 * Without a Table it prints only NAME and AGE, so the simulator answers Tables with the columns kubectl shows for
 * real clusters (wide columns at priority 1).
 */
type Obj = Record<string, any>;
interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  priority?: number;
  cell(o: Obj, now: number): string | number;
}

const str = (name: string, cell: Column['cell'], priority = 0): Column => ({ name, type: 'string', priority, cell });
const int = (name: string, cell: Column['cell']): Column => ({ name, type: 'integer', cell });
const age: Column = { name: 'Age', type: 'string', cell: (o, now) => humanAge(now - Date.parse(o.metadata.creationTimestamp)) };
const nameColumn = str('Name', (o) => o.metadata.name);

const COLUMNS: Record<string, Column[]> = {
  Node: [
    nameColumn,
    str('Status', (o) => `Ready${o.spec.unschedulable ? ',SchedulingDisabled' : ''}`),
    str('Roles', () => '<none>'),
    age,
    str('Version', (o) => o.status.nodeInfo.kubeletVersion),
    str('Internal-IP', (o) => o.status.addresses[0].address, 1),
    str('OS-Image', (o) => o.status.nodeInfo.osImage, 1),
    str('Container-Runtime', (o) => o.status.nodeInfo.containerRuntimeVersion, 1),
  ],
  Pod: [
    nameColumn,
    str('Ready', (o) => `${o.status.containerStatuses.filter((c: Obj) => c.ready).length}/${o.spec.containers.length}`),
    str('Status', (o) => o.status.phase),
    int('Restarts', () => 0),
    age,
    str('Node', (o) => o.spec.nodeName ?? '<none>', 1),
  ],
  PodDisruptionBudget: [
    nameColumn,
    str('Min Available', (o) => String(o.spec.minAvailable ?? 'N/A')),
    str('Max Unavailable', (o) => String(o.spec.maxUnavailable ?? 'N/A')),
    int('Allowed Disruptions', (o) => o.status.disruptionsAllowed),
    age,
  ],
  Deployment: [
    nameColumn,
    str('Ready', (o) => `${o.status.readyReplicas ?? 0}/${o.spec.replicas}`),
    int('Up-to-date', (o) => o.status.updatedReplicas ?? 0),
    int('Available', (o) => o.status.availableReplicas ?? 0),
    age,
  ],
  DaemonSet: [
    nameColumn,
    int('Desired', (o) => o.status.desiredNumberScheduled),
    int('Current', (o) => o.status.currentNumberScheduled),
    int('Ready', (o) => o.status.numberReady),
    int('Up-to-date', (o) => o.status.updatedNumberScheduled),
    int('Available', (o) => o.status.numberAvailable),
    age,
  ],
  Namespace: [nameColumn, str('Status', (o) => o.status.phase), age],
};

/** Whether the client asked for a Table (kubectl does for `get`). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** A meta.k8s.io/v1 Table of `objects` (each with kind and apiVersion), rows carrying their metadata. */
export function toTable(kind: string, objects: Obj[], listMeta: Obj, now: number): Obj {
  const columns = COLUMNS[kind];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({ name: c.name, type: c.type, format: c === nameColumn ? 'name' : '', description: c.name, priority: c.priority ?? 0 })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o, now)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

/** Ages as kubectl prints them: 45s, 3m20s, 75m, 5h12m, 30h, 3d4h, 200d, 2y32d, 9y. */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  const y = Math.floor(d / 365);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  if (y < 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

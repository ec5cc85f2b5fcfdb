import { createHash } from 'node:crypto';
import { rolledImage } from './addon-workloads';
import {
  deploymentPods, matchesLabels, nodeByName, podReady, type DataPlaneState, type NodeState, type PdbState, type PodState, type WorkloadState,
} from './data-plane-state';
import { pdbStatus } from './disruption-budget';
import { kubeletVersion } from './kubelet-version';

/**
 * Data-plane state → the JSON the Kubernetes API returns (core/v1 Node, Pod, Namespace; apps/v1 Deployment,
 * DaemonSet; policy/v1 PodDisruptionBudget): the fields clients read, with stable uids and RFC 3339 times.
 */
type Obj = Record<string, any>;

const uid = (...parts: string[]) => {
  const h = createHash('sha256').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
/** Kubernetes writes times to the second. */
export const rfc3339 = (time: string | number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

function meta(kind: string, name: string, namespace: string | undefined, created: string, extra: Obj = {}): Obj {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: uid(kind, namespace ?? '', name),
    resourceVersion: '1',
    creationTimestamp: rfc3339(created),
    ...extra,
  };
}

export function nodeObject(n: NodeState, now: number): Obj {
  // EC2 names nodes after their private IP (ip-10-0-32-10); an Auto Mode node is named after its instance instead.
  const h = createHash('sha256').update(n.name).digest();
  const ip = /^(fargate-)?ip-\d/.test(n.name) ? n.name.replace(/^(fargate-)?ip-/, '').replace(/\.ec2\.internal$/, '').replace(/-/g, '.') : `10.0.${64 + (h[0] % 64)}.${10 + (h[1] % 240)}`;
  const nowTime = rfc3339(now);
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: meta('Node', n.name, undefined, n.createdAt, { labels: n.labels }),
    spec: {
      providerID: `aws:///${n.labels['topology.kubernetes.io/zone']}/i-0${uid(n.name).replace(/-/g, '').slice(0, 16)}`,
      ...(n.unschedulable ? { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: nowTime }] } : {}),
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: nowTime, lastTransitionTime: rfc3339(n.createdAt) }],
      addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: n.name }],
      nodeInfo: {
        kubeletVersion: n.kubeletVersion,
        // The kubelet reports kube-proxy's version as its own (the field is deprecated upstream).
        kubeProxyVersion: n.kubeletVersion,
        osImage: n.managedBy === 'auto' ? 'Bottlerocket (EKS Auto) 2025.6.10' : 'Amazon Linux 2023.7.20250609',
        containerRuntimeVersion: 'containerd://1.7.27',
        kernelVersion: '6.1.140-154.222.amzn2023.x86_64',
        operatingSystem: 'linux',
        architecture: n.labels['kubernetes.io/arch'],
        machineID: uid('machine', n.name).replace(/-/g, ''),
        systemUUID: uid('system', n.name),
        bootID: uid('boot', n.name),
      },
    },
  };
}

/** Pods of DaemonSets are not stored: each runs on every eligible node, so they are derived on read. */
export function daemonSetPods(dp: DataPlaneState, w: WorkloadState): PodState[] {
  const nodes = dp.nodes.filter((n) => n.managedBy !== 'fargate' && matchesLabels(n.labels, w.nodeSelector));
  return nodes.map((n, i) => ({
    name: `${w.name}-${createHash('sha256').update(n.name).digest('hex').slice(0, 5)}`,
    namespace: w.namespace,
    owner: { kind: 'DaemonSet' as const, name: w.name },
    nodeName: n.name,
    labels: { ...w.labels },
    createdAt: n.createdAt,
    image: rolledImage(w, i, nodes.length),
  }));
}

/** Every pod: the stored ones (Deployments, bare and Fargate pods) and the derived DaemonSet pods. */
export function allPods(dp: DataPlaneState): PodState[] {
  return [...dp.pods, ...dp.workloads.filter((w) => w.kind === 'DaemonSet').flatMap((w) => daemonSetPods(dp, w))];
}

export function podObject(dp: DataPlaneState, p: PodState, now: number): Obj {
  const ready = podReady(p, now);
  const node = nodeByName(dp, p.nodeName);
  const owner = p.owner?.kind === 'Deployment'
    ? { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: p.name.replace(/-[a-z0-9]{5}$/, '') }
    : p.owner ? { apiVersion: 'apps/v1', kind: 'DaemonSet', name: p.owner.name } : undefined;
  const container = p.owner?.name ?? p.name;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: meta('Pod', p.name, p.namespace, p.createdAt, {
      labels: p.labels,
      ...(owner ? { ownerReferences: [{ ...owner, uid: uid(owner.kind, p.namespace, owner.name), controller: true, blockOwnerDeletion: true }] } : {}),
    }),
    spec: { ...(p.nodeName ? { nodeName: p.nodeName } : {}), containers: [{ name: container, image: p.image }], restartPolicy: 'Always', schedulerName: node?.managedBy === 'fargate' ? 'fargate-scheduler' : 'default-scheduler' },
    status: {
      phase: p.nodeName ? 'Running' : 'Pending',
      conditions: [
        { type: 'PodScheduled', status: p.nodeName ? 'True' : 'False', ...(p.nodeName ? {} : { reason: 'Unschedulable' }) },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
      ...(node ? { hostIP: nodeObject(node, now).status.addresses[0].address, startTime: rfc3339(p.createdAt) } : {}),
      containerStatuses: p.nodeName ? [{ name: container, image: p.image, ready, started: true, restartCount: 0, state: { running: { startedAt: rfc3339(p.createdAt) } } }] : [],
    },
  };
}

/** The image the workload's template names: during a rollout, the one it rolls to (its spec changed as it began). */
const templateImage = (w: WorkloadState) => w.rollout?.image ?? w.image;

function workloadSpec(w: WorkloadState): Obj {
  const podSpec = { containers: [{ name: w.name, image: templateImage(w) }], ...(w.nodeSelector ? { nodeSelector: w.nodeSelector } : {}) };
  return { selector: { matchLabels: w.labels }, template: { metadata: { labels: w.labels }, spec: podSpec } };
}

/**
 * A Deployment as its controller reports it: every replica counted, the updated ones those on the template's image
 * (during an add-on's rollout, those moved to the new version), the generation observed as soon as it changes, and
 * Progressing until every replica is updated (ReplicaSetUpdated, then NewReplicaSetAvailable).
 */
export function deploymentObject(dp: DataPlaneState, w: WorkloadState, now: number): Obj {
  const pods = deploymentPods(dp, w);
  const ready = pods.filter((p) => podReady(p, now)).length;
  const updated = pods.filter((p) => p.image === templateImage(w)).length;
  const generation = w.generation ?? 1;
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta('Deployment', w.name, w.namespace, w.createdAt, { labels: w.labels, generation }),
    spec: { replicas: w.replicas, ...workloadSpec(w) },
    status: {
      observedGeneration: generation,
      replicas: pods.length,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(w.replicas - ready > 0 ? { unavailableReplicas: w.replicas - ready } : {}),
      conditions: [
        { type: 'Available', status: ready >= w.replicas ? 'True' : 'False', reason: ready >= w.replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable' },
        { type: 'Progressing', status: 'True', reason: updated < pods.length ? 'ReplicaSetUpdated' : 'NewReplicaSetAvailable' },
      ],
    },
  };
}

/** A DaemonSet as its controller reports it: a pod on every eligible node, the updated ones those on the template's image. */
export function daemonSetObject(dp: DataPlaneState, w: WorkloadState): Obj {
  const pods = daemonSetPods(dp, w);
  const desired = pods.length;
  const generation = w.generation ?? 1;
  return {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    metadata: meta('DaemonSet', w.name, w.namespace, w.createdAt, { labels: w.labels, generation }),
    spec: workloadSpec(w),
    status: {
      observedGeneration: generation,
      currentNumberScheduled: desired,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: desired,
      numberAvailable: desired,
      updatedNumberScheduled: pods.filter((p) => p.image === templateImage(w)).length,
    },
  };
}

export function pdbObject(dp: DataPlaneState, b: PdbState, now: number): Obj {
  const s = pdbStatus(dp, b, now);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: meta('PodDisruptionBudget', b.name, b.namespace, b.createdAt, { generation: 1 }),
    spec: {
      selector: { matchLabels: b.selector },
      ...(b.minAvailable !== undefined ? { minAvailable: b.minAvailable } : {}),
      ...(b.maxUnavailable !== undefined ? { maxUnavailable: b.maxUnavailable } : {}),
    },
    status: {
      observedGeneration: 1,
      expectedPods: s.expectedPods,
      desiredHealthy: s.desiredHealthy,
      currentHealthy: s.currentHealthy,
      disruptionsAllowed: s.disruptionsAllowed,
      conditions: [{
        type: 'DisruptionAllowed',
        status: s.disruptionsAllowed > 0 ? 'True' : 'False',
        reason: s.problem ? 'SyncFailed' : s.disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        ...(s.problem ? { message: s.problem } : {}),
        lastTransitionTime: rfc3339(now),
      }],
    },
  };
}

export function namespaceObject(name: string, created: string): Obj {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: meta('Namespace', name, undefined, created, { labels: { 'kubernetes.io/metadata.name': name } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

/** The cluster's `/version`, as EKS answers it: gitVersion `v1.29.x-eks-…` for the control plane's minor. */
export function versionObject(version: string, platformVersion: string): Obj {
  // The API server of an EKS minor runs a recent patch of it: the same table nodes use.
  const git = kubeletVersion(version);
  const [major, minor] = version.split('.');
  return {
    major,
    minor: `${minor}+`,
    gitVersion: git,
    gitCommit: createHash('sha1').update(git + platformVersion).digest('hex'),
    gitTreeState: 'clean',
    buildDate: '2025-05-20T18:00:00Z',
    goVersion: 'go1.23.9',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

import type { ClusterSeed } from '../seed';
import type { DataPlaneSeed, WorkloadSeed } from './data-plane-seed';

/**
 * The data planes of the default seed (default-seed.ts), kept apart so the EKS side of the seed reads as before.
 *
 * - `demo`: its node groups' nodes are generated (3 `general`, 2 `batch`), plus two Auto Mode nodes, the system
 *   DaemonSets and CoreDNS, and `web` (3 replicas behind `maxUnavailable: 1`), which any roll can drain.
 * - `karpenter` (1.30): a managed node group `system` on 1.30 and a Karpenter node two minors behind the control plane
 *   (kubelet 1.28), which nothing in EKS moves: a plan to 1.32 must see it (Kubernetes version-skew policy).
 * - `pdb-blocked` (1.29): `checkout`, one replica pinned to node group `workers` behind `minAvailable: 1`, so rolling
 *   `workers` cannot evict it: PodEvictionFailure after 15 minutes unless the update is forced.
 */
const systemWorkloads = (kubeProxyVersion: string): WorkloadSeed[] => [
  { kind: 'DaemonSet', name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' }, image: `602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:${kubeProxyVersion}` },
  { kind: 'DaemonSet', name: 'aws-node', namespace: 'kube-system', labels: { 'k8s-app': 'aws-node' }, image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.16.0-eksbuild.1' },
  { kind: 'Deployment', name: 'coredns', namespace: 'kube-system', replicas: 2, labels: { 'k8s-app': 'kube-dns' }, image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.1-eksbuild.4' },
];

export function demoDataPlane(): DataPlaneSeed {
  return {
    nodes: [{ managedBy: 'auto', nodePool: 'general-purpose', instanceType: 'c6a.large', count: 2 }],
    workloads: [
      ...systemWorkloads('v1.29.0-eksbuild.1'),
      { kind: 'Deployment', name: 'web', namespace: 'shop', replicas: 3, labels: { app: 'web' } },
    ],
    podDisruptionBudgets: [{ name: 'web', namespace: 'shop', selector: { app: 'web' }, maxUnavailable: 1 }],
  };
}

const ADDONS_1_30 = [
  { name: 'vpc-cni', version: 'v1.18.3-eksbuild.2' },
  { name: 'coredns', version: 'v1.11.3-eksbuild.1' },
  { name: 'kube-proxy', version: 'v1.30.9-eksbuild.3' },
];

export function karpenterCluster(): ClusterSeed {
  return {
    name: 'karpenter',
    version: '1.30',
    arn: 'arn:aws:eks:us-east-1:111122223333:cluster/karpenter',
    createdAt: '2024-09-10T08:00:00.000Z',
    tags: { env: 'karpenter' },
    nodegroups: [{
      name: 'system',
      version: '1.30',
      releaseVersion: '1.30.11-20250610',
      amiType: 'AL2023_x86_64_STANDARD',
      instanceTypes: ['m6i.large'],
      scalingConfig: { minSize: 2, maxSize: 3, desiredSize: 2 },
      updateConfig: { maxUnavailable: 1 },
      labels: { role: 'system' },
      createdAt: '2024-09-10T08:20:00.000Z',
    }],
    addons: ADDONS_1_30.map((a) => ({ ...a, createdAt: '2024-09-10T08:15:00.000Z' })),
    dataPlane: {
      nodes: [{ name: 'ip-10-0-90-17.ec2.internal', managedBy: 'karpenter', nodePool: 'default', kubeletVersion: '1.28', instanceType: 'c6i.xlarge' }],
      workloads: [...systemWorkloads('v1.30.9-eksbuild.3'), { kind: 'Deployment', name: 'api', replicas: 2, labels: { app: 'api' } }],
    },
  };
}

export function pdbBlockedCluster(): ClusterSeed {
  return {
    name: 'pdb-blocked',
    version: '1.29',
    arn: 'arn:aws:eks:us-east-1:111122223333:cluster/pdb-blocked',
    createdAt: '2024-11-04T08:00:00.000Z',
    tags: { env: 'pdb-blocked' },
    nodegroups: [{
      name: 'workers',
      version: '1.29',
      releaseVersion: '1.29.10-20241213',
      amiType: 'AL2023_x86_64_STANDARD',
      instanceTypes: ['m6i.large'],
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
      updateConfig: { maxUnavailable: 1 },
      labels: { role: 'workers' },
      createdAt: '2024-11-04T08:20:00.000Z',
    }],
    addons: [
      { name: 'vpc-cni', version: 'v1.17.1-eksbuild.1', createdAt: '2024-11-04T08:15:00.000Z' },
      { name: 'coredns', version: 'v1.11.1-eksbuild.4', createdAt: '2024-11-04T08:15:00.000Z' },
      { name: 'kube-proxy', version: 'v1.29.0-eksbuild.1', createdAt: '2024-11-04T08:15:00.000Z' },
    ],
    dataPlane: {
      workloads: [
        ...systemWorkloads('v1.29.0-eksbuild.1'),
        { kind: 'Deployment', name: 'checkout', namespace: 'shop', replicas: 1, labels: { app: 'checkout' }, nodeSelector: { 'eks.amazonaws.com/nodegroup': 'workers' } },
      ],
      podDisruptionBudgets: [{ name: 'checkout', namespace: 'shop', selector: { app: 'checkout' }, minAvailable: 1 }],
    },
  };
}

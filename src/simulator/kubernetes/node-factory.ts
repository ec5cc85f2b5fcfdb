import { createHash } from 'node:crypto';
import type { NodeManager } from './data-plane-seed';
import {
  COMPUTE_TYPE_LABEL, NODEGROUP_LABEL, NODEPOOL_LABEL, type DataPlaneState, type NodeState,
} from './data-plane-state';

export interface NewNode {
  managedBy: NodeManager;
  kubeletVersion: string;
  createdAt: string;
  region: string;
  name?: string;
  nodegroup?: string;
  nodePool?: string;
  instanceType?: string;
  arm?: boolean;
  /** The node group's AMI release (its `eks.amazonaws.com/nodegroup-image` label is derived from it). */
  image?: string;
  labels?: Record<string, string>;
  unschedulable?: boolean;
}

const hex = (text: string, n: number) => createHash('sha256').update(text).digest('hex').slice(0, n);

/**
 * A node as EKS would register it, with the labels that say what manages it: `eks.amazonaws.com/nodegroup` (and
 * `nodegroup-image`) for a managed node group (User Guide, managed-node-update-behavior, scale-up phase),
 * `karpenter.sh/nodepool` for Karpenter and Auto Mode, `eks.amazonaws.com/compute-type` `auto` or `fargate`.
 * Names are numbered from the data plane's counter, so a node that joins never takes a departed node's name.
 */
export function createNode(dp: DataPlaneState, spec: NewNode): NodeState {
  // A named node (a seed's, or one state() wrote) takes no number, so seed(state()) leaves the counter as it was.
  const n = spec.name === undefined ? dp.nextNodeNumber++ : parseInt(hex(spec.name, 6), 16);
  const ip = `10-0-${32 + Math.floor(n / 200)}-${10 + (n % 200)}`;
  const name = spec.name ?? (spec.managedBy === 'auto' ? `i-0${hex(`node-${n}`, 16)}`
    : spec.managedBy === 'fargate' ? `fargate-ip-${ip}.ec2.internal` : `ip-${ip}.ec2.internal`);
  const arch = spec.arm ? 'arm64' : 'amd64';
  const instanceType = spec.instanceType ?? (spec.managedBy === 'fargate' ? 'fargate' : spec.arm ? 'm7g.large' : 'm6i.large');
  const zone = `${spec.region}${'abc'[n % 3]}`;
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'beta.kubernetes.io/arch': arch,
    'node.kubernetes.io/instance-type': instanceType,
    'topology.kubernetes.io/region': spec.region,
    'topology.kubernetes.io/zone': zone,
    ...managerLabels(spec),
    ...spec.labels,
  };
  return {
    name,
    managedBy: spec.managedBy,
    ...(spec.nodegroup !== undefined ? { nodegroup: spec.nodegroup } : {}),
    ...(spec.nodePool !== undefined ? { nodePool: spec.nodePool } : {}),
    kubeletVersion: spec.kubeletVersion,
    instanceType,
    labels,
    unschedulable: spec.unschedulable ?? false,
    createdAt: spec.createdAt,
  };
}

function managerLabels(spec: NewNode): Record<string, string> {
  switch (spec.managedBy) {
    case 'nodegroup':
      return {
        [NODEGROUP_LABEL]: spec.nodegroup ?? '',
        'eks.amazonaws.com/nodegroup-image': `ami-0${hex(spec.image ?? spec.kubeletVersion, 16)}`,
        'eks.amazonaws.com/capacityType': 'ON_DEMAND',
      };
    case 'karpenter':
      return { [NODEPOOL_LABEL]: spec.nodePool ?? 'default', 'karpenter.sh/capacity-type': 'on-demand', 'karpenter.sh/registered': 'true' };
    case 'auto':
      return { [COMPUTE_TYPE_LABEL]: 'auto', [NODEPOOL_LABEL]: spec.nodePool ?? 'general-purpose', 'karpenter.sh/capacity-type': 'on-demand' };
    case 'fargate':
      return { [COMPUTE_TYPE_LABEL]: 'fargate' };
    default:
      return {};
  }
}

import { DataPlaneNode, describeManager } from '../../kubernetes/data-plane-view';
import { compareMinor } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { ControlPlaneStepTarget } from './control-plane-steps';
import { refuse, unknown } from './finding';
import { newestControlPlaneFor, skewText, withinKubeletSkew } from './kubelet-skew';

/**
 * NODE-KUBELET-SKEW — Kubernetes version-skew policy: a kubelet may be up to three minors older than kube-apiserver
 * (from 1.28; two before 1.25 in EKS's reading) and never newer. EKS does not refuse a control-plane update for a
 * node it does not manage (only its daily kubelet-skew insight notices), and nothing in the plan moves a Karpenter or
 * self-managed node, so each one must already be within the skew of every step's target. Refused at plan, naming the
 * node, what manages it and the fix.
 */
export function checkNodeKubeletSkew(nodes: readonly DataPlaneNode[], steps: readonly ControlPlaneStepTarget[], maxSkew: number): Finding[] {
  return nodes.flatMap((node): Finding[] => {
    const kind = node.managedBy.kind;
    if (kind !== 'karpenter' && kind !== 'self-managed') return [];
    if (node.minor === undefined) {
      return [unknown('NODE-KUBELET-SKEW', `node/${node.name}`, `node ${node.name} (${describeManager(node.managedBy)}) reports kubelet version '${node.kubeletVersion}', which does not read as a Kubernetes minor, so its skew was not checked`)];
    }
    const step = steps.find((s) => !withinKubeletSkew(node.minor!, s.to, maxSkew) || compareMinor(node.minor!, s.to) > 0);
    if (!step) return [];
    const newer = compareMinor(node.minor, step.to) > 0;
    const why = newer ? `its kubelet ${node.minor} would be newer than control plane ${step.to}, which the skew policy never allows`
      : skewText(node.minor, step.to, maxSkew);
    return [refuse('NODE-KUBELET-SKEW', `node/${node.name}`,
      `node ${node.name} (${describeManager(node.managedBy)}) runs kubelet ${node.kubeletVersion}: at the control plane's step ${step.from} → ${step.to} ${why}; ${fixFor(node, newer)}${newer ? '' : `, or target ${newestControlPlaneFor(node.minor, maxSkew)} at most`}`)];
  });
}

function fixFor(node: DataPlaneNode, newer: boolean): string {
  const image = newer ? 'an image for the control plane\'s version' : 'an image for a newer Kubernetes version';
  if (node.managedBy.kind === 'karpenter') {
    return `let Karpenter drift it first: point the EC2NodeClass of NodePool ${node.managedBy.nodePool} at ${image} (or delete its NodeClaim) and wait for the replacement`;
  }
  return `update the self-managed group that launched it (its launch template or AMI) to ${image} and replace the node first`;
}

import { DataPlaneNode, DataPlanePod } from '../../kubernetes/data-plane-view';
import { Finding } from '../plan-types';
import { ControlPlaneStepTarget } from './control-plane-steps';
import { refuse, unknown } from './finding';

/**
 * FARGATE-KUBELET-PINNED — a Fargate pod keeps the kubelet it started with: a control-plane update does not change
 * it (update-cluster guide: "Existing Fargate Pods aren't changed"), and EKS refuses the next update while one lags
 * ("Kubelet version of Fargate pods must be updated to match cluster version … Please recycle all offending pod
 * replicas."). So before each step every Fargate pod must run the control plane's current version; a pod that does
 * before the first step still lags at the second, which the plan cannot fix, so a cluster with Fargate pods goes up
 * one minor per apply, its pods recycled in between. Refused at plan, naming the pod, its node and its owner.
 */
export function checkFargatePods(pods: readonly DataPlanePod[], nodes: readonly DataPlaneNode[], steps: readonly ControlPlaneStepTarget[]): Finding[] {
  const up = steps.filter((s) => s.from !== s.to);
  if (up.length === 0) return [];
  const fargate = new Map(nodes.filter((n) => n.managedBy.kind === 'fargate').map((n) => [n.name, n]));
  return pods.flatMap((pod): Finding[] => {
    const node = pod.nodeName === undefined ? undefined : fargate.get(pod.nodeName);
    if (!node) return [];
    const field = `pod/${pod.namespace}/${pod.name}`;
    const who = `Fargate pod ${pod.namespace}/${pod.name} (node ${node.name}${pod.owner ? `, owned by ${pod.owner.kind}/${pod.owner.name}` : ', no controller'})`;
    if (node.minor === undefined) {
      return [unknown('FARGATE-KUBELET-PINNED', field, `${who} reports kubelet '${node.kubeletVersion}', which does not read as a Kubernetes minor, so it was not checked`)];
    }
    const recycle = pod.owner ? `recycle it (kubectl -n ${pod.namespace} rollout restart, or delete the pod so ${pod.owner.kind}/${pod.owner.name} recreates it)` : 'recreate it (it has no controller: delete and create it again)';
    const step = up.find((s) => s.from !== node.minor);
    if (!step) return [];
    if (step === up[0]) {
      return [refuse('FARGATE-KUBELET-PINNED', field, `${who} runs kubelet ${node.kubeletVersion}, and EKS refuses to move the control plane from ${step.from} until Fargate pods match it; ${recycle} before this upgrade`)];
    }
    return [refuse('FARGATE-KUBELET-PINNED', field, `${who} would still run kubelet ${node.minor} at the control plane's step ${step.from} → ${step.to} (Fargate pods keep their kubelet through an upgrade), which EKS refuses; target ${up[0].to} in this apply, then ${recycle} and apply again`)];
  });
}

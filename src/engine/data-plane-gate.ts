import { Finding } from './plan-types';
import { ControlPlaneStepTarget } from './rules/control-plane-steps';
import { checkFargatePods } from './rules/fargate-kubelet-pinned';
import { refuse, unknown } from './rules/finding';
import { checkNodeKubeletSkew } from './rules/node-kubelet-skew';
import { DataPlaneRead } from '../kubernetes/read-data-plane';
import { PolicySpec } from '../upgrade-spec/upgrade-spec';

/** The rules only the Kubernetes API can prove: named in the one line that says they were not checked. */
const DATA_PLANE_RULES = 'Karpenter and self-managed nodes (NODE-KUBELET-SKEW), Fargate pods (FARGATE-KUBELET-PINNED), Auto Mode drift (AUTO-MODE-DRIFT)';

/**
 * The data-plane gate of a plan: pure, from the control-plane steps and what the Kubernetes API showed. A data plane
 * that was not read is one `unknown` finding naming what was not checked and why, or, under `dataPlane: required`,
 * a refusal (DATA-PLANE-READ) before any change. Auto Mode nodes are not refused here: the engine waits for them.
 */
export function checkDataPlane(read: DataPlaneRead | undefined, steps: readonly ControlPlaneStepTarget[], policy: PolicySpec): Finding[] {
  if (steps.length === 0 || read === undefined) return [];
  if (read.status === 'skipped') {
    if (read.failure === 'off') return [];
    if (policy.dataPlane === 'required') {
      return [refuse('DATA-PLANE-READ', 'policy.dataPlane', `'required', but ${read.reason}; nothing was changed (or set policy.dataPlane to 'best-effort')`)];
    }
    return [unknown('DATA-PLANE-READ', 'data plane', `${DATA_PLANE_RULES} were not checked, because ${read.reason}`)];
  }
  return [
    ...checkNodeKubeletSkew(read.view.nodes, steps, policy.maxKubeletSkew),
    ...checkFargatePods(read.view.pods, read.view.nodes, steps),
  ];
}

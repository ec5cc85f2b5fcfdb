import { LiveNodegroup } from '../../aws/live-state';
import { DataPlaneView, inNodegroup } from '../../kubernetes/data-plane-view';
import { allowedKubeletSkew, compareMinor, minorDistance } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { ControlPlaneStepTarget } from './control-plane-steps';
import { refuse, unknown } from './finding';
import { newestControlPlaneFor } from './kubelet-skew';

/** A custom-AMI managed node group, with its spec path when the spec names it. */
export interface CustomAmiSubject {
  readonly live: LiveNodegroup;
  readonly field?: string;
}

/**
 * CUSTOM-AMI-SKEW — EKS cannot know the Kubernetes version of a custom image, and lets the control plane move ahead of
 * such a node group (eksctl-io/eksctl#5748: new AMI in a new launch template version, control plane upgraded, then the
 * node group; eksctl-io/eksctl#5006). What bounds it is the Kubernetes version-skew policy on its nodes' kubelets:
 * the oldest kubelet among its nodes must stay within the skew of every step's target. A multi-minor plan is allowed
 * while it does (a launch template version the spec targets rolls after the last step); when it would not, the plan is
 * refused, naming the launch template version to add. Without a data plane, the version EKS reports for the node group
 * bounds it instead, and the plan says its kubelets were not read.
 */
export function checkCustomAmiSkew(
  subjects: readonly CustomAmiSubject[], view: DataPlaneView | undefined, steps: readonly ControlPlaneStepTarget[], maxSkew: number,
): Finding[] {
  const up = steps.filter((s) => compareMinor(s.to, s.from) > 0);
  if (up.length === 0) return [];
  return subjects.flatMap((s): Finding[] => {
    const field = s.field ?? `nodegroup/${s.live.name}`;
    const kubelets = (view?.nodes ?? []).filter((n) => inNodegroup(n, s.live.name) && n.minor !== undefined);
    const oldest = [...kubelets].sort((a, b) => compareMinor(a.minor!, b.minor!))[0];
    const bound = oldest?.minor ?? s.live.version;
    const source = oldest ? `its oldest node ${oldest.name} runs kubelet ${oldest.kubeletVersion}` : `EKS reports ${s.live.version} for it`;
    const notRead: Finding[] = oldest ? [] : [unknown('CUSTOM-AMI-SKEW', field, `node group '${s.live.name}' runs a custom AMI and its nodes' kubelets were not read${view ? ' (no node carries its label)' : ''}, so it is bounded by the version EKS reports, ${s.live.version}`)];
    const step = up.find((x) => minorDistance(bound, x.to) > allowedKubeletSkew(bound, maxSkew));
    if (!step) return notRead;
    const lt = s.live.launchTemplate;
    const template = lt ? `launch template ${lt.name ?? lt.id}${lt.version ? ` (version ${lt.version} in use)` : ''}` : 'its launch template';
    const needed = minimumImage(step.to, maxSkew);
    return [...notRead, refuse('CUSTOM-AMI-SKEW', field,
      `node group '${s.live.name}' runs a custom AMI and ${source}, which the control plane's step ${step.from} → ${step.to} would leave beyond the kubelet skew; add a new version of ${template} with an image for Kubernetes ${needed} or later, and roll it (launchTemplate.version) in an apply that targets ${newestControlPlaneFor(bound, maxSkew)} at most, before going further`)];
  });
}

/** The oldest image minor that stays within the skew of `target` (1.28+ allows three minors). */
function minimumImage(target: string, maxSkew: number): string {
  const [major, minor] = target.split('.').map(Number);
  for (let m = Math.max(0, minor - maxSkew); m <= minor; m++) {
    const v = `${major}.${m}`;
    if (minor - m <= allowedKubeletSkew(v, maxSkew)) return v;
  }
  return target;
}

import { allowedKubeletSkew, minorDistance, parseMinor } from '../../upgrade-spec/kubernetes-minor';

/**
 * KUBELET-SKEW — Kubernetes version-skew policy, quoted by the EKS user guide: a kubelet may trail the API server
 * by three minors (two before 1.25 in EKS's reading). It governs nodes whose version EKS does not gate, and
 * managed node groups only under the opt-in policy.skipLevelNodegroups (the API reference's MNG-MATCH-CP is stricter).
 */
export function withinKubeletSkew(kubelet: string, controlPlane: string, maxSkew: number): boolean {
  return minorDistance(kubelet, controlPlane) <= allowedKubeletSkew(kubelet, maxSkew);
}

/** The newest control plane a kubelet on `kubelet` can stay under. */
export function newestControlPlaneFor(kubelet: string, maxSkew: number): string {
  const m = parseMinor(kubelet);
  return `${m.major}.${m.minor + allowedKubeletSkew(kubelet, maxSkew)}`;
}

export function skewText(kubelet: string, controlPlane: string, maxSkew: number): string {
  return `kubelet ${kubelet} would lag control plane ${controlPlane} by ${minorDistance(kubelet, controlPlane)} minors (the kubelet skew allows ${allowedKubeletSkew(kubelet, maxSkew)})`;
}

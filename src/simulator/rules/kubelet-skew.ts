import { minorDistance, minorOf } from '../minor-version';

/**
 * KUBELET-SKEW: a kubelet must not be newer than kube-apiserver and may be up to three minors older (two for
 * kubelets older than 1.25). Source: Kubernetes version skew policy, kubelet; EKS checks it in the "Kubelet
 * version skew" upgrade insight. It governs nodes EKS does not manage; managed node groups follow
 * MNG-MATCH-CP instead.
 */
export function kubeletWithinSkew(kubeletVersion: string, apiServerVersion: string): boolean {
  const lag = minorDistance(kubeletVersion, apiServerVersion);
  if (lag === undefined) return true;
  return lag >= 0 && lag <= ((minorOf(kubeletVersion) ?? 0) >= 25 ? 3 : 2);
}

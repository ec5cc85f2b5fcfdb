import { kubeletWithinSkew } from './kubelet-skew';

/**
 * KUBE-PROXY-SKEW: kube-proxy must not be newer than kube-apiserver and may be up to three minor versions
 * older (two for kube-proxy older than 1.25) — the kubelet's skew. Source: Kubernetes version skew policy,
 * kube-proxy (https://kubernetes.io/releases/version-skew-policy/#kube-proxy); EKS checks it in the "kube-proxy
 * version skew" upgrade insight. kube-proxy is judged by this skew, not by the add-on catalog, which is why a
 * control-plane step may precede the kube-proxy update (ADDON-AFTER-CP).
 */
export function kubeProxyWithinSkew(kubeProxyVersion: string, apiServerVersion: string): boolean {
  const proxy = /^v?(1\.\d+)\./.exec(kubeProxyVersion);
  return !proxy || kubeletWithinSkew(proxy[1], apiServerVersion);
}

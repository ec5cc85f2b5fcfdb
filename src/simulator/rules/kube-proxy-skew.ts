import { minorOf } from '../minor-version';

/**
 * KUBE-PROXY-SKEW: kube-proxy must not be newer than kube-apiserver and may be up to three minor versions
 * older (two for kube-proxy older than 1.25). Source: Kubernetes version skew policy, kube-proxy
 * (https://kubernetes.io/releases/version-skew-policy/#kube-proxy); EKS checks it in the "kube-proxy version
 * skew" upgrade insight. kube-proxy is judged by this skew, not by the add-on catalog, which is why a
 * control-plane step may precede the kube-proxy update (ADDON-AFTER-CP).
 */
export function kubeProxyWithinSkew(kubeProxyVersion: string, apiServerVersion: string): boolean {
  const proxy = /^v?1\.(\d+)\./.exec(kubeProxyVersion);
  const api = minorOf(apiServerVersion);
  if (!proxy || api === undefined) return true;
  const proxyMinor = Number(proxy[1]);
  const lag = api - proxyMinor;
  return lag >= 0 && lag <= (proxyMinor >= 25 ? 3 : 2);
}

import { catalogEntry, isCompatible, versionsFor } from './addon-catalog';
import type { CheckResult } from './check-result';
import { deprecatedApiCheck } from './deprecated-api-check';
import { al2Offered, isAmazonLinux2 } from './release-versions';
import { kubeProxyWithinSkew } from './rules/kube-proxy-skew';
import { kubeletWithinSkew } from './rules/kubelet-skew';
import type { ClusterState, SimState } from './state';

export type { CheckResult };

/**
 * The upgrade-readiness checks EKS runs, under EKS's names and descriptions as real ListInsights output shows
 * them ("Cluster health issues", "kube-proxy version skew", "Kubelet version skew", "EKS add-on version
 * compatibility", "Amazon Linux 2 compatibility"; the deprecated-API check is deprecated-api-check.ts), evaluated
 * from the live state for the Kubernetes version `v`. Reasons marked EKS's are quoted from real output; the
 * failing reasons are the simulator's.
 */
export function readinessChecks(state: SimState, c: ClusterState, v: string, now: number): CheckResult[] {
  const laggingKubelets = c.nodegroups.filter((n) => !kubeletWithinSkew(n.version, v)).map((n) => n.name);
  const kubeProxy = c.addons.find((a) => a.name === 'kube-proxy');
  const proxyOutside = kubeProxy !== undefined && !kubeProxyWithinSkew(kubeProxy.version, v);
  // kube-proxy is judged by its skew (KUBE-PROXY-SKEW), every other add-on by the catalog for `v`.
  const incompatible = c.addons.filter((a) => a.name !== 'kube-proxy' && !isCompatible(state.addonCatalog, a.name, a.version, v)).map((a) => a.name);
  const al2 = c.nodegroups.filter((n) => isAmazonLinux2(n.amiType)).map((n) => n.name);
  return [
    {
      name: 'Cluster health issues',
      description: 'Checks for any cluster health issues that prevent successful upgrade to the next Kubernetes version on EKS.',
      failing: false,
      reason: 'No cluster health issues detected.', // EKS's
      recommendation: 'No action required.',
    },
    deprecatedApiCheck(c, v, now),
    {
      name: 'kube-proxy version skew',
      description: 'Checks version of kube-proxy in cluster to see if upgrade would cause non compliance with supported Kubernetes kube-proxy version skew policy.',
      failing: proxyOutside,
      reason: proxyOutside
        ? `kube-proxy ${kubeProxy!.version} would be outside the supported kube-proxy version skew of Kubernetes v${v}.`
        : 'kube-proxy versions match the cluster control plane version.', // EKS's
      recommendation: `Update the kube-proxy add-on to a version within three minor versions of Kubernetes v${v} before upgrading.`,
    },
    {
      name: 'Kubelet version skew',
      description: 'Checks for kubelet versions of worker nodes in the cluster to see if upgrade would cause non compliance with supported Kubernetes kubelet version skew policy.',
      failing: laggingKubelets.length > 0,
      reason: laggingKubelets.length
        ? `Node groups ${laggingKubelets.join(', ')} would run kubelet versions outside the supported skew of Kubernetes v${v}.`
        : 'Node kubelet versions match the cluster control plane version.', // EKS's
      recommendation: 'Update the nodes to the cluster control plane version before upgrading.',
    },
    {
      name: 'EKS add-on version compatibility',
      description: 'Checks version of installed EKS add-ons to ensure they are compatible with the next version of Kubernetes.',
      failing: incompatible.length > 0,
      reason: incompatible.length
        ? `Installed EKS add-on versions not compatible with Kubernetes v${v}: ${incompatible.join(', ')}.`
        : 'All installed EKS add-on versions are compatible with next Kubernetes version.', // EKS's
      recommendation: 'Update the add-ons to a version compatible with the next Kubernetes version (see addonCompatibilityDetails).',
      addonCompatibilityDetails: c.addons.map((a) => {
        const entry = catalogEntry(state.addonCatalog, a.name);
        return { name: a.name, compatibleVersions: entry ? versionsFor(entry, v).map((x) => x.addonVersion) : [] };
      }),
    },
    {
      name: 'Amazon Linux 2 compatibility',
      description: 'Checks if any nodes in the cluster are running Amazon Linux 2.',
      failing: al2.length > 0 && !al2Offered(v),
      reason: al2.length === 0 ? 'No Amazon Linux 2 nodes detected.' // EKS's
        : !al2Offered(v)
          // EKS's
          ? 'The cluster contains legacy Amazon Linux 2 (AL2) nodes. Migrate Amazon Linux 2 node groups to Amazon Linux 2023 before November 26, 2025 or before upgrading to EKS 1.33.'
          : `Amazon Linux 2 AMIs are published for Kubernetes v${v}.`,
      recommendation: 'Migrate Amazon Linux 2 node groups to Amazon Linux 2023 or Bottlerocket.',
    },
  ];
}

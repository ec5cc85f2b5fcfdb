import { catalogEntry, isCompatible, versionsFor } from './addon-catalog';
import type { CheckResult } from './check-result';
import { kubeProxyWithinSkew } from './rules/kube-proxy-skew';
import { kubeletWithinSkew } from './rules/kubelet-skew';
import type { ClusterState, SimState } from './state';

/**
 * ROLLBACK-ELIGIBLE: the rollback-readiness checks EKS lists under ROLLBACK_READINESS during the 7 days after an
 * upgrade (User Guide, Roll back a cluster: they "appear after you perform an upgrade and remain available during the
 * 7-day rollback eligibility window"; the checks named there include kubelet and kube-proxy version skew, add-on
 * version compatibility and cluster health), evaluated against the version a rollback would return to. EKS rolls no
 * add-on back, so an add-on that does not run on `back` fails the check until it is moved. Names follow the upgrade
 * checks; the reasons are the simulator's.
 */
export function rollbackReadinessChecks(state: SimState, c: ClusterState, back: string): CheckResult[] {
  const aheadNodes = c.nodegroups.filter((n) => !kubeletWithinSkew(n.version, back)).map((n) => n.name);
  const kubeProxy = c.addons.find((a) => a.name === 'kube-proxy');
  const proxyAhead = kubeProxy !== undefined && !kubeProxyWithinSkew(kubeProxy.version, back);
  const incompatible = c.addons.filter((a) => a.name !== 'kube-proxy' && !isCompatible(state.addonCatalog, a.name, a.version, back)).map((a) => a.name);
  return [
    {
      name: 'Cluster health issues',
      description: `Checks for cluster health issues that prevent a rollback to Kubernetes v${back}.`,
      failing: false,
      reason: 'No cluster health issues detected.',
      recommendation: 'No action required.',
    },
    {
      name: 'Kubelet version skew',
      description: `Checks that no node runs a kubelet newer than Kubernetes v${back}.`,
      failing: aheadNodes.length > 0,
      reason: aheadNodes.length ? `Node groups ${aheadNodes.join(', ')} run kubelets newer than Kubernetes v${back}.` : `Node kubelet versions run on Kubernetes v${back}.`,
      recommendation: `Roll the node groups back to Kubernetes v${back} (UpdateNodegroupVersion) before rolling the control plane back.`,
    },
    {
      name: 'kube-proxy version skew',
      description: `Checks that kube-proxy is not newer than Kubernetes v${back}.`,
      failing: proxyAhead,
      reason: proxyAhead ? `kube-proxy ${kubeProxy!.version} is newer than Kubernetes v${back}.` : `kube-proxy runs on Kubernetes v${back}.`,
      recommendation: `Update the kube-proxy add-on to a version for Kubernetes v${back} before rolling back.`,
    },
    {
      name: 'EKS add-on version compatibility',
      description: `Checks that installed EKS add-ons run on Kubernetes v${back}.`,
      failing: incompatible.length > 0,
      reason: incompatible.length ? `Installed EKS add-on versions not compatible with Kubernetes v${back}: ${incompatible.join(', ')}.` : `All installed EKS add-on versions are compatible with Kubernetes v${back}.`,
      recommendation: 'Update the add-ons to a version compatible with the previous Kubernetes version before rolling back (see addonCompatibilityDetails).',
      addonCompatibilityDetails: c.addons.map((a) => {
        const entry = catalogEntry(state.addonCatalog, a.name);
        return { name: a.name, compatibleVersions: entry ? versionsFor(entry, back).map((x) => x.addonVersion) : [] };
      }),
    },
  ];
}

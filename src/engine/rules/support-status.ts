import { SupportFacts, VersionSupport } from '../../aws/live-state';
import { Finding } from '../plan-types';
import { warn } from './finding';

/** How close to the end of standard support a STANDARD cluster is warned of EKS's automatic upgrade. */
const AUTO_UPGRADE_WARNING_DAYS = 60;
const DAY_MS = 24 * 3600 * 1000;

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'unknown');

/**
 * SUPPORT-STATUS — User Guide, kubernetes-versions: standard support lasts 14 months from a version's EKS release,
 * extended support (billed per cluster hour) 12 more; a cluster whose upgrade policy is STANDARD is upgraded by EKS
 * at the end of standard support (EXTENDED keeps it on extended support, and EKS upgrades it at the end of that),
 * leaving managed node groups behind. One line per version the plan's control-plane steps target, from
 * DescribeClusterVersions: its status, its dates, and whether extended support (billed) applies.
 */
export function supportLines(support: SupportFacts | undefined, versions: readonly string[]): string[] {
  if (!support) return [];
  if (support.unavailable) return [`support status not read: ${support.unavailable}`];
  return versions.flatMap((v) => {
    const s = support.versions[v];
    return s ? [describeSupport(s)] : [`Kubernetes ${v}: DescribeClusterVersions does not list it`];
  });
}

function describeSupport(s: VersionSupport): string {
  switch (s.status) {
    case 'STANDARD_SUPPORT':
      return `Kubernetes ${s.version}: standard support until ${day(s.endOfStandardSupport)}, then extended support (billed) until ${day(s.endOfExtendedSupport)}`;
    case 'EXTENDED_SUPPORT':
      return `Kubernetes ${s.version}: in extended support (billed per cluster hour) since ${day(s.endOfStandardSupport)}, until ${day(s.endOfExtendedSupport)}`;
    default:
      return `Kubernetes ${s.version}: ${s.status ?? 'status unknown'} (standard support ended ${day(s.endOfStandardSupport)}, extended support ${day(s.endOfExtendedSupport)})`;
  }
}

/**
 * Warns when the cluster will end the plan on a version whose standard support ends within AUTO_UPGRADE_WARNING_DAYS
 * while its upgrade policy is STANDARD: EKS will then upgrade the control plane by itself, without its node groups.
 */
export function checkAutoUpgrade(support: SupportFacts | undefined, finalVersion: string): Finding[] {
  const s = support?.versions[finalVersion];
  if (!support || !s?.endOfStandardSupport || support.upgradePolicy !== 'STANDARD') return [];
  const left = Date.parse(s.endOfStandardSupport) - Date.parse(support.readAt);
  if (left > AUTO_UPGRADE_WARNING_DAYS * DAY_MS) return [];
  const when = left > 0 ? `in ${Math.ceil(left / DAY_MS)} day(s), on ${day(s.endOfStandardSupport)}` : `since ${day(s.endOfStandardSupport)}`;
  return [warn('SUPPORT-STATUS', 'controlPlane.version', `Kubernetes ${finalVersion} leaves standard support ${when} and the cluster's upgrade policy is STANDARD: EKS then upgrades the control plane by itself and leaves managed node groups behind; target a newer version, or set the policy to EXTENDED (billed) to stay`)];
}

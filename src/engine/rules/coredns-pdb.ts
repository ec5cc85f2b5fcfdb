import { warn } from './finding';
import { DataPlaneView } from '../../kubernetes/data-plane-view';
import { budgetKey, selects } from '../eviction-pods';
import { Finding, PlanStep } from '../plan-types';

/**
 * COREDNS-PDB — the EKS guide (managing-coredns): the CoreDNS add-on deploys its own PodDisruptionBudget from
 * v1.9.3-eksbuild.6 and v1.10.1-eksbuild.3 (so on every later line too), and an upgrade onto those builds may fail
 * when a PodDisruptionBudget is already deployed; the fixes it names are OVERWRITE as the conflict resolution, or
 * deleting the existing budget first. Before the boundary the add-on ships none, so a budget selecting its pods then
 * is the user's.
 */
export function shipsOwnBudget(version: string): boolean | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-eksbuild\.(\d+))?/.exec(version);
  if (!m) return undefined;
  const [major, minor, patch, build] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (major !== 1) return major > 1;
  if (minor !== 9 && minor !== 10) return minor > 10;
  const [fromPatch, fromBuild] = minor === 9 ? [3, 6] : [1, 3];
  return patch > fromPatch || (patch === fromPatch && build >= fromBuild);
}

/** The CoreDNS add-on steps of the plan that move it from a build without its own budget to one with it. */
export function corednsCrossings(steps: readonly PlanStep[]): Array<Extract<PlanStep, { action: 'addon-update' }>> {
  return steps.flatMap((s) => (s.action === 'addon-update' && s.resource.name === 'coredns'
    && shipsOwnBudget(s.from) === false && shipsOwnBudget(s.version) === true ? [s] : []));
}

/** A warning per crossing step while a budget (necessarily the user's) selects CoreDNS's pods. */
export function checkCorednsBudget(steps: readonly PlanStep[], view: DataPlaneView): Finding[] {
  const crossings = corednsCrossings(steps);
  if (crossings.length === 0) return [];
  const pods = view.pods.filter((p) => p.namespace === 'kube-system' && (p.labels['k8s-app'] === 'kube-dns' || p.owner?.name.startsWith('coredns-')));
  const budgets = view.podDisruptionBudgets.filter((b) => pods.some((p) => selects(b, p)));
  if (budgets.length === 0) return [];
  return crossings.map((s) => warn('COREDNS-PDB', 'addon/coredns',
    `${s.from} → ${s.version} crosses the builds from which the add-on deploys its own PodDisruptionBudget, while ${budgets.map(budgetKey).join(', ')} already selects its pods: ` +
    'EKS says the update may fail. Delete that budget before applying, or set resolveConflicts: OVERWRITE on the add-on (back up other customisations first)'));
}

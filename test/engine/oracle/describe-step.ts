/** One readable line per plan step, for assertion messages (the oracle's own; fixtures are others' to change). */
import { Plan, PlanStep } from '../../../src/engine/plan-types';

export function describeStep(s: PlanStep): string {
  switch (s.action) {
    case 'cluster-version':
      return `cluster ${s.from}->${s.to}${s.rollbackTimeoutMinutes !== undefined ? ` rollback(${s.rollbackTimeoutMinutes})` : ''}`;
    case 'nodegroup-version':
      return `nodegroup ${s.resource.name} ${s.from.version}->${s.version ?? '(same)'}`
        + (s.releaseVersion !== undefined ? ` release=${s.releaseVersion}` : '')
        + (s.launchTemplate ? ` lt=${s.launchTemplate.id ?? s.launchTemplate.name}:${s.launchTemplate.version}` : '');
    case 'nodegroup-config':
      return `config ${s.resource.name} ${JSON.stringify(s.updateConfig)}`;
    case 'addon-update':
      return `addon ${s.resource.name} ${s.from}->${s.version}`;
  }
}

export function describePlanLines(plan: Plan): string[] {
  return plan.phases.flatMap((p, i) => [`${i + 1}. ${p.title}`, ...p.steps.map((s) => `     ${describeStep(s)}`)]);
}

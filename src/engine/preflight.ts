import { EksApi } from './eks-api';
import { InputError } from './engine-errors';
import { Plan } from './plan-types';
import { Progress } from './progress';
import { UpgradeSpec } from '../spec/upgrade-spec';

/**
 * Upgrade insights for every Kubernetes version the control plane will pass through. Under the
 * `fail` policy an ERROR insight stops the run before any change (unless `force`, which EKS honours
 * too); `warn` prints them; `ignore` does not ask.
 */
export async function checkUpgradeInsights(api: EksApi, spec: UpgradeSpec, plan: Plan, progress: Progress): Promise<string[]> {
  const policy = spec.policy.insights;
  if (policy === 'ignore' || plan.controlPlaneTargets.length === 0) return [];
  const findings: string[] = [];
  let blocking = 0;
  for (const version of plan.controlPlaneTargets) {
    for (const insight of await api.listUpgradeInsights(version)) {
      const status = insight.insightStatus?.status;
      if (status !== 'ERROR' && status !== 'WARNING') continue;
      const detail = status === 'ERROR' ? await api.describeInsight(insight.id!) : undefined;
      const recommendation = detail?.recommendation ? ` — recommendation: ${detail.recommendation}` : '';
      findings.push(`${status} insight for ${version}: ${insight.name} (${insight.id}): ${insight.insightStatus?.reason ?? insight.description ?? ''}${recommendation}`);
      if (status === 'ERROR') blocking++;
    }
  }
  const cluster = `cluster/${spec.clusterName}`;
  findings.forEach((f) => progress.say(cluster, f));
  if (blocking > 0 && policy === 'fail' && !spec.controlPlane.force) {
    throw new InputError(`preflight: ${blocking} upgrade insight(s) in ERROR block the control-plane upgrade:\n${findings.map((f) => `  - ${f}`).join('\n')}\nfix them, or set policy insights to warn and force: true on the control plane to proceed anyway`);
  }
  return findings;
}

import { Clock } from './clock';
import { checkDataPlane } from './data-plane-gate';
import { ClusterVersionStep } from './plan-types';
import { Progress } from './progress';
import { autoNodesBeyondSkew, driftProgress } from './rules/auto-mode-drift';
import { formatFinding } from './rules/finding';
import { EksApi } from '../aws/eks-api';
import { LiveState } from '../aws/live-state';
import { UpdateFailedError, UpdateTimeoutError } from '../errors/run-errors';
import { DataPlaneRead, DataPlaneScope, readDataPlane } from '../kubernetes/read-data-plane';
import { UpgradeSpec } from '../upgrade-spec/upgrade-spec';

/**
 * Reads the data plane for a plan or a step (the whole of it), or for a progress probe (`scope`: only what it needs);
 * injectable so engine tests can hand it any data plane.
 */
export type DataPlaneReader = (api: EksApi, state: LiveState, spec: UpgradeSpec, scope?: DataPlaneScope) => Promise<DataPlaneRead>;

export const readClusterDataPlane: DataPlaneReader = (api, state, spec, scope) =>
  readDataPlane(api, state.cluster, { policy: spec.policy.dataPlane, ...(spec.assumeRole ? { principal: spec.assumeRole.roleArn } : {}) }, scope);

export interface DataPlaneWatch {
  readonly api: EksApi;
  readonly spec: UpgradeSpec;
  readonly state: LiveState;
  readonly clock: Clock;
  readonly progress: Progress;
  readonly read: DataPlaneReader;
  readonly signal?: AbortSignal;
  /** Lines already said this run: a data plane that stays unreadable is said once, not before every step. */
  readonly said: Set<string>;
}

/** How often Auto Mode drift is read again while the engine waits for it. */
const DRIFT_POLL_MS = 30_000;

/**
 * Right before a control-plane step: the data plane read again (the plan's read for the first step), its gate applied
 * to this step, and, when Auto Mode nodes lag beyond the skew of its target, a wait with progress lines until EKS has
 * replaced them (AUTO-MODE-DRIFT). Mid-run a refusal stops the run before the step (earlier steps are done); returns
 * the lines to keep in the report (what was not checked, and why: DATA-PLANE-READ, said once per run).
 */
export async function beforeStepDataPlane(w: DataPlaneWatch, step: ClusterVersionStep, first?: DataPlaneRead): Promise<string[]> {
  if (w.spec.policy.dataPlane === 'off') return [];
  const key = `cluster/${w.spec.clusterName}`;
  const deadline = w.clock.now() + w.spec.policy.updateTimeoutMinutes.cluster * 60_000;
  let read = first ?? await w.read(w.api, w.state, w.spec);
  let waited = false;
  for (;;) {
    const findings = checkDataPlane(read, [{ from: step.from, to: step.to }], w.spec.policy);
    const refusals = findings.filter((f) => f.severity === 'refuse');
    if (refusals.length > 0) {
      throw new UpdateFailedError(`${key}: the data plane blocks the control plane's step ${step.from} → ${step.to}, so the run stops before it (the earlier steps are done):\n${refusals.map((f) => `  - ${formatFinding(f)}`).join('\n')}`);
    }
    const notChecked = findings.filter((f) => f.severity === 'unknown').map(formatFinding).filter((line) => !w.said.has(line));
    notChecked.forEach((line) => {
      w.said.add(line);
      // The plan's text already said the first step's.
      if (first === undefined) w.progress.say(key, line);
    });
    if (read.status !== 'read') return first === undefined ? notChecked : [];
    const waiting = autoNodesBeyondSkew(read.view.nodes, step.from, step.to, w.spec.policy.maxKubeletSkew);
    if (waiting.length === 0) {
      if (waited) w.progress.say(key, `EKS Auto Mode nodes are within the kubelet skew of ${step.to}; taking the step [AUTO-MODE-DRIFT]`);
      return first === undefined ? notChecked : [];
    }
    if (w.clock.now() >= deadline) {
      throw new UpdateTimeoutError(`${key}: ${waiting.length} EKS Auto Mode node(s) (${waiting.map((n) => `${n.name} on ${n.kubeletVersion}`).join(', ')}) were still beyond the kubelet skew of ${step.to} after ${w.spec.policy.updateTimeoutMinutes.cluster} minutes, so the step was not taken; check the NodePool's disruption budgets, then apply again [AUTO-MODE-DRIFT]`);
    }
    w.progress.say(key, driftProgress(waiting, step.to));
    waited = true;
    await w.clock.sleep(DRIFT_POLL_MS, w.signal);
    read = await w.read(w.api, w.state, w.spec);
  }
}

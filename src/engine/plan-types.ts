import { ResourceRef } from '../aws/live-state';

interface StepBase {
  readonly resource: ResourceRef;
  /** Why the step exists, in words a reviewer of the plan understands. */
  readonly reason: string;
  /** The docs/eks-rules.md id of the EKS rule that put the step here (e.g. MNG-MATCH-CP). */
  readonly rule?: string;
  /** How long to wait for this step's update; absent: the policy's timeout for its kind (TIMEOUT-COVERS-WORK). */
  readonly timeoutMinutes?: number;
}

/**
 * Something the planner found: a refusal (nothing is changed) or a warning (the plan goes ahead).
 * `rule` is the docs/eks-rules.md id, so a plan can print `[MNG-MATCH-CP]` and a test can count by id.
 */
export interface Finding {
  readonly rule: string;
  readonly severity: 'refuse' | 'warn' | 'unknown';
  /** Spec field path the finding is about (e.g. `nodegroups[1].version`), or the live resource (`nodegroup/batch`). */
  readonly field: string;
  readonly message: string;
}

export interface ClusterVersionStep extends StepBase {
  readonly action: 'cluster-version';
  readonly from: string;
  readonly to: string;
  readonly force: boolean;
  /** Set for a one-minor downgrade, which EKS runs as a VersionRollback update. */
  readonly rollbackTimeoutMinutes?: number;
}

export interface NodegroupVersionStep extends StepBase {
  readonly action: 'nodegroup-version';
  readonly from: { readonly version: string; readonly releaseVersion?: string; readonly launchTemplateVersion?: string };
  readonly version?: string;
  readonly releaseVersion?: string;
  readonly launchTemplate?: { readonly id?: string; readonly name?: string; readonly version: string };
  readonly force: boolean;
}

export interface NodegroupConfigStep extends StepBase {
  readonly action: 'nodegroup-config';
  readonly updateConfig: { readonly maxUnavailable?: number; readonly maxUnavailablePercentage?: number; readonly updateStrategy?: string };
}

export interface AddonUpdateStep extends StepBase {
  readonly action: 'addon-update';
  readonly from: string;
  readonly version: string;
  readonly resolveConflicts?: string;
  readonly configurationValues?: string;
  readonly serviceAccountRoleArn?: string;
  readonly podIdentityAssociations?: ReadonlyArray<{ readonly serviceAccount: string; readonly roleArn: string }>;
}

export type PlanStep = ClusterVersionStep | NodegroupVersionStep | NodegroupConfigStep | AddonUpdateStep;

/**
 * Steps in a phase may run at the same time (node groups up to the concurrency limit); steps on the
 * same resource run in the order listed. A phase starts when the previous one has finished.
 */
export interface PlanPhase {
  readonly title: string;
  readonly steps: readonly PlanStep[];
}

export interface Plan {
  readonly clusterName: string;
  readonly phases: readonly PlanPhase[];
  /** Things the user should know that do not stop the upgrade, as text (`[RULE] field: message`). */
  readonly warnings: readonly string[];
  /** The same warnings, structured. */
  readonly findings: readonly Finding[];
  /** Kubernetes versions the control plane will pass through (for insights preflight). */
  readonly controlPlaneTargets: readonly string[];
}

export function planSteps(plan: Plan): PlanStep[] {
  return plan.phases.flatMap((p) => p.steps);
}

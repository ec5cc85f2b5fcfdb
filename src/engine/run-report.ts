/** The JSON report (`--report FILE`) and the data behind the closing summary table. */
export type StepOutcome = 'Successful' | 'Failed' | 'Cancelled' | 'already done' | 'running' | 'not started' | 'error';

export interface StepRecord {
  readonly phase: string;
  readonly resource: string;
  readonly action: string;
  readonly target: string;
  readonly reason: string;
  /** The docs/eks-rules.md id of the rule that put the step there (MNG-MATCH-CP for the executor's own catch-up steps). */
  readonly rule?: string;
  updateId?: string;
  startedAt?: string;
  endedAt?: string;
  outcome: StepOutcome;
  error?: string;
  /** CANCEL-ROLLBACK-ONLY: the update's cancellation as DescribeUpdate read it after CancelUpdate (InProgress, Successful or Failed). */
  cancellation?: { readonly status?: string; readonly reason?: string };
}

export interface RunReport {
  readonly cluster: string;
  readonly startedAt: string;
  endedAt?: string;
  /** `interrupted`: a signal, or the end of the process that started the run, stopped it (never a timeout). */
  outcome: 'converged' | 'planned' | 'failed' | 'rejected' | 'timed out' | 'interrupted';
  /** Updates found InProgress at the start and awaited before planning. */
  readonly attached: Array<{ resource: string; updateId: string; outcome: string }>;
  readonly steps: StepRecord[];
  readonly warnings: string[];
  apiCalls: Record<string, number>;
  error?: string;
}

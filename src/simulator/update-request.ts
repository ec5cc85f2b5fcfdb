import type { RollPlan } from './durations';
import type { UpdateEffect } from './seed';
import type { UpdateScope } from './world';

/** What an update operation asks the lifecycle to start: shared by the lifecycle and the faults it arms. */
export interface UpdateRequest {
  cluster: string;
  scope: UpdateScope;
  type: string;
  params: { type: string; value: string }[];
  effect: UpdateEffect;
  durationMs: number;
  /** VersionRollback on Auto Mode: how long the cancellable node phase lasts (part of `durationMs`). */
  nodesPhaseMs?: number;
  /** A forced node group update is not stopped by pods that cannot be evicted. */
  force?: boolean;
  /** A node group version update's roll, drawn batch by batch (`durations.drawEachBatch`); `durationMs` is its sum. */
  rollPlan?: RollPlan;
  token?: string;
}

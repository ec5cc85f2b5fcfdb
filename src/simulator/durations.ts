import type { SeededRandom } from './random';

/** How long each kind of update runs, in simulated seconds (EKS's typical figures). */
export interface UpdateDurations {
  controlPlaneSeconds: number;
  addonSeconds: number;
  /** A node group version update: this much, plus one batch per `maxUnavailable` nodes. */
  nodegroupBaseSeconds: number;
  nodegroupBatchSeconds: number;
  nodegroupConfigSeconds: number;
  /** VersionRollback on an Auto Mode cluster: the nodes roll back first (cancellable), then the control plane. */
  rollbackNodesSeconds: number;
  /** CancelUpdate of such a rollback: how long the (asynchronous) cancellation takes to settle. */
  cancelSeconds: number;
}

export const DEFAULT_DURATIONS: UpdateDurations = {
  controlPlaneSeconds: 600,
  addonSeconds: 120,
  nodegroupBaseSeconds: 60,
  nodegroupBatchSeconds: 120,
  nodegroupConfigSeconds: 30,
  rollbackNodesSeconds: 300,
  cancelSeconds: 60,
};

/** Nodes a version update replaces at once: the node group's updateConfig (a percentage rounds down, at least 1, at most 100). */
function nodesPerBatch(desiredSize: number, config: { maxUnavailable?: number; maxUnavailablePercentage?: number }): number {
  if (config.maxUnavailable !== undefined) return Math.max(1, config.maxUnavailable);
  if (config.maxUnavailablePercentage === undefined) return 1;
  return Math.min(100, Math.max(1, Math.floor((desiredSize * config.maxUnavailablePercentage) / 100)));
}

/** Turns a nominal duration into milliseconds, spread ±`jitter` by a seeded generator. */
export class DurationModel {
  constructor(readonly durations: UpdateDurations, private readonly jitter: number, private readonly random: SeededRandom) {}

  ms(seconds: number): number {
    const factor = this.jitter > 0 ? 1 + this.jitter * (2 * this.random.next() - 1) : 1;
    return Math.round(seconds * factor * 1000);
  }

  nodegroupVersionSeconds(desiredSize: number, config: { maxUnavailable?: number; maxUnavailablePercentage?: number }): number {
    const batches = Math.ceil(Math.max(1, desiredSize) / nodesPerBatch(desiredSize, config));
    return this.durations.nodegroupBaseSeconds + batches * this.durations.nodegroupBatchSeconds;
  }
}

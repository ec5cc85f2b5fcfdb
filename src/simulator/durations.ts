import type { SeededRandom } from './random';

/**
 * How a duration is drawn around its typical figure: `uniform` spreads it evenly over ±`durationJitter`;
 * `log-normal` keeps the typical figure as the median and gives the long right tail real EKS updates show
 * (a control-plane update usually done in half an hour took about an hour in eksctl-io/eksctl#3309; others
 * outlived 25- and 45-minute expectations in eksctl-io/eksctl#2150 and aws/containers-roadmap#1227).
 */
export type DurationSpread = 'uniform' | 'log-normal';

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
  /** An on-demand insights refresh (StartInsightsRefresh); absent: 60 s. EKS documents no figure. */
  insightsRefreshSeconds?: number;
  /** The shape of the spread around these figures. */
  spread: DurationSpread;
  /** σ of ln(duration) for the `log-normal` spread (0.5: the 95th percentile is 2.3 × the median). */
  logNormalSigma: number;
  /**
   * Draw a node-group roll's setup and each of its batches separately, so batches differ within one roll as drains
   * do; otherwise one draw for the roll, spread evenly over its batches (the default, which the established figures
   * use).
   */
  drawEachBatch?: boolean;
}

export const DEFAULT_DURATIONS: UpdateDurations = {
  controlPlaneSeconds: 600,
  addonSeconds: 120,
  nodegroupBaseSeconds: 60,
  nodegroupBatchSeconds: 120,
  nodegroupConfigSeconds: 30,
  rollbackNodesSeconds: 300,
  cancelSeconds: 60,
  spread: 'uniform',
  logNormalSigma: 0.5,
};

/** Nodes a version update replaces at once: the node group's updateConfig (a percentage rounds down, at least 1, at most 100). */
export function nodesPerBatch(desiredSize: number, config: { maxUnavailable?: number; maxUnavailablePercentage?: number }): number {
  if (config.maxUnavailable !== undefined) return Math.max(1, config.maxUnavailable);
  if (config.maxUnavailablePercentage === undefined) return 1;
  return Math.min(100, Math.max(1, Math.floor((desiredSize * config.maxUnavailablePercentage) / 100)));
}

/**
 * Turns a nominal duration into milliseconds with a seeded generator: spread ±`jitter` (uniform), or by a
 * log-normal factor of median 1 and σ `logNormalSigma` (which `jitter` does not scale).
 */
export class DurationModel {
  constructor(readonly durations: UpdateDurations, private readonly jitter: number, private readonly random: SeededRandom) {}

  ms(seconds: number): number {
    return Math.round(seconds * this.factor() * 1000);
  }

  private factor(): number {
    if (this.durations.spread === 'log-normal') return Math.exp(this.durations.logNormalSigma * this.standardNormal());
    return this.jitter > 0 ? 1 + this.jitter * (2 * this.random.next() - 1) : 1;
  }

  /** Box–Muller: two uniform draws, one standard normal (1 − u keeps the logarithm finite). */
  private standardNormal(): number {
    const u = 1 - this.random.next();
    const v = this.random.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A roll's setup phase and batches, each drawn on its own (ms), when `drawEachBatch` is set. */
  nodegroupRollPlan(desiredSize: number, config: { maxUnavailable?: number; maxUnavailablePercentage?: number }): RollPlan | undefined {
    if (!this.durations.drawEachBatch) return undefined;
    const batches = Math.ceil(Math.max(1, desiredSize) / nodesPerBatch(desiredSize, config));
    return {
      setupMs: this.ms(this.durations.nodegroupBaseSeconds),
      batchesMs: Array.from({ length: batches }, () => this.ms(this.durations.nodegroupBatchSeconds)),
    };
  }

  nodegroupVersionSeconds(desiredSize: number, config: { maxUnavailable?: number; maxUnavailablePercentage?: number }): number {
    const batches = Math.ceil(Math.max(1, desiredSize) / nodesPerBatch(desiredSize, config));
    return this.durations.nodegroupBaseSeconds + batches * this.durations.nodegroupBatchSeconds;
  }
}

/** How a roll's time is split: its setup phase, then each batch of nodes (ms). */
export interface RollPlan {
  readonly setupMs: number;
  readonly batchesMs: readonly number[];
}

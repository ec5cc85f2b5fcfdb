import type { Update } from '@aws-sdk/client-eks';
import type { EksApi } from '../src/aws/eks-api';
import type { ResourceRef } from '../src/aws/live-state';
import { updateLocation } from '../src/aws/state-reader';
import type { Clock } from '../src/engine/clock';
import type { PollScheduleOptions } from '../src/engine/poll-schedule';
import { Progress } from '../src/engine/progress';
import type { ProgressProbe } from '../src/engine/update-progress';
import { waitForUpdate } from '../src/engine/waiter';

/** What a policy needs to wait for one update. */
export interface WaitContext {
  readonly api: EksApi;
  readonly clock: Clock;
  readonly resource: ResourceRef;
  readonly updateId: string;
  /** The engine's expected duration for this kind of update (only the engine's waiter uses it). */
  readonly expectedSeconds: number;
  /** The engine's expected time for one unit of the work the probe follows (a node of a roll), where it has one. */
  readonly unitSeconds?: number;
  readonly random: () => number;
  /** The update's progress in the data plane, for a policy that reads it. */
  readonly probe?: ProgressProbe;
}

export interface WaitPolicy {
  readonly name: string;
  /** The published behaviour, in words, for the table's legend. */
  readonly summary: string;
  readonly baseline: boolean;
  /** Whether it follows the data plane when a scenario offers it. */
  readonly readsProgress?: boolean;
  wait(ctx: WaitContext): Promise<Update>;
}

/**
 * A baseline: DescribeUpdate through the same SDK client and clock, until the update leaves InProgress.
 * `delayBefore(n)` is the pause in seconds before poll n (n = 0 is the first poll; 0 means at once).
 */
function pollingLoop(delayBefore: (n: number, random: () => number) => number) {
  return async (ctx: WaitContext): Promise<Update> => {
    const where = updateLocation(ctx.resource);
    for (let n = 0; ; n++) {
      const delay = delayBefore(n, ctx.random);
      if (delay > 0) await ctx.clock.sleep(delay * 1000);
      const update = await ctx.api.describeUpdate(ctx.updateId, where);
      if (update.status !== 'InProgress') return update;
    }
  };
}

/** The peers' published default polling, as each would apply it to an EKS update. */
export const BASELINES: WaitPolicy[] = [
  {
    name: 'Terraform AWS provider',
    summary: 'first poll at once, then 0.2 s doubling to a 10 s cap',
    baseline: true,
    wait: pollingLoop((n) => (n === 0 ? 0 : Math.min(10, 0.2 * 2 ** (n - 1)))),
  },
  {
    name: 'eksctl',
    summary: '30 s doubling to 120 s',
    baseline: true,
    wait: pollingLoop((n) => Math.min(120, 30 * 2 ** n)),
  },
  {
    name: 'AWS SDK waiter',
    summary: 'first poll at once; then uniform in [30 s, min(120 s, 30 s × 2^(n−1))]',
    baseline: true,
    wait: pollingLoop((n, random) => {
      if (n === 0) return 0;
      const ceiling = Math.min(120, 30 * 2 ** (n - 1));
      return 30 + (ceiling - 30) * random();
    }),
  },
  {
    name: 'AWS CDK',
    summary: 'first poll at once, then every 60 s',
    baseline: true,
    wait: pollingLoop((n) => (n === 0 ? 0 : 60)),
  },
  {
    name: 'aws-samples eksupgrade',
    summary: '30 s sleep, then every 35 s',
    baseline: true,
    wait: pollingLoop((n) => (n === 0 ? 30 : 35)),
  },
];

const quiet = (clock: Clock) => new Progress(clock, () => undefined);

/** The engine's own waiter (src/engine/waiter.ts), optionally with another poll schedule for experiments. */
export function enginePolicy(name = 'cdktf-eks-upgrade', schedule?: PollScheduleOptions, readsProgress = false): WaitPolicy {
  return {
    name,
    summary: `${schedule ? scheduleSummary(schedule) : 'waitForUpdate with DEFAULT_POLL_SCHEDULE'}${readsProgress ? ', paced by the data plane where it can be read' : ', EKS\'s API only'}`,
    baseline: false,
    readsProgress,
    wait: (ctx) => waitForUpdate({
      api: ctx.api,
      clock: ctx.clock,
      progress: quiet(ctx.clock),
      resource: ctx.resource,
      updateId: ctx.updateId,
      label: 'bench',
      expectedSeconds: ctx.expectedSeconds,
      timeoutSeconds: 24 * 3600,
      random: ctx.random,
      ...(schedule ? { schedule } : {}),
      ...(readsProgress && ctx.probe ? { probe: ctx.probe } : {}),
      ...(readsProgress && ctx.unitSeconds !== undefined ? { unitSeconds: ctx.unitSeconds } : {}),
    }),
  };
}

export function scheduleSummary(s: PollScheduleOptions): string {
  return `every ${s.windowSeconds} s across ±${s.spread * 100} % of the expected duration, else ${s.relative * 100} % of the elapsed time`
    + ` (sparse, steps ≤ ${s.sparseSeconds} s, before ${s.coverFrom * 100} % of it), intervals ${s.minSeconds}–${s.maxSeconds} s, each delay up to ${s.jitter * 100} % shorter at random`;
}

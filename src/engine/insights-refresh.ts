import { Clock } from './clock';
import { formatDuration, Progress } from './progress';
import { EksApi } from '../aws/eks-api';

/** How long a refresh is waited for, in EKS time: EKS documents no duration, so the wait is bounded and says so. */
const REFRESH_LIMIT_SECONDS = 600;
/** Poll interval while a refresh runs (EKS time). */
const REFRESH_POLL_SECONDS = 10;

export interface RefreshResult {
  /** True when EKS finished regrading the insights: what is read next is as of now. */
  readonly fresh: boolean;
  /** Why not, when not: said beside every insight line read afterwards. */
  readonly why?: string;
}

export interface RefreshContext {
  readonly api: EksApi;
  readonly clock: Clock;
  readonly progress: Progress;
  readonly where: string;
  readonly signal?: AbortSignal;
  readonly limitSeconds?: number;
}

/**
 * INSIGHTS-PER-STEP: EKS regrades insights only every 24 hours unless asked (User Guide, cluster insights), so before a
 * control-plane step reads them, StartInsightsRefresh, then DescribeInsightsRefresh until COMPLETED, within a bound,
 * with a progress line per poll. A refresh that fails, outlives the bound or is not allowed (no
 * eks:StartInsightsRefresh) leaves the insights as they were: the caller reads them and says they may be stale.
 */
export async function refreshInsights(c: RefreshContext): Promise<RefreshResult> {
  const limit = c.limitSeconds ?? REFRESH_LIMIT_SECONDS;
  const started = c.clock.now();
  try {
    await c.api.startInsightsRefresh();
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.$metadata?.httpStatusCode !== 403 && e.name !== 'AccessDeniedException') throw err;
    return { fresh: false, why: `StartInsightsRefresh was refused (${e.name}): grant eks:StartInsightsRefresh and eks:DescribeInsightsRefresh (docs/iam.md)` };
  }
  c.progress.say(c.where, 'insights: refresh requested (StartInsightsRefresh)');
  for (;;) {
    const r = await c.api.describeInsightsRefresh();
    const elapsed = (c.clock.now() - started) / 1000;
    if (r.status === 'COMPLETED') {
      c.progress.say(c.where, `insights: refreshed in ${formatDuration(elapsed)}`);
      return { fresh: true };
    }
    if (r.status !== 'IN_PROGRESS') {
      return { fresh: false, why: r.status === 'FAILED' ? `the insights refresh failed${r.message ? ` (${r.message})` : ''}` : 'EKS did not report the refresh\'s status' };
    }
    if (elapsed >= limit) return { fresh: false, why: `the insights refresh was still running after ${formatDuration(limit)}` };
    c.progress.say(c.where, `insights: refresh in progress (${formatDuration(elapsed)} of at most ${formatDuration(limit)})`);
    await c.clock.sleep(REFRESH_POLL_SECONDS * 1000, c.signal);
  }
}

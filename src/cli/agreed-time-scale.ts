import { ADMIN_PREFIX } from '../simulator/admin';
import { TIME_SCALE_ENV_VAR } from '../upgrade-spec/upgrade-spec';

/** What a simulator says of its clock (GET /__simulator/clock); nothing from anything else. */
export interface AdvertisedClock {
  readonly timeScale: number | null;
  readonly virtual: boolean;
}

/** Long enough for a loaded machine's simulator, short enough that a real endpoint that does not answer costs little. */
const ASK_TIMEOUT_MS = 3000;

/**
 * Asks the endpoint in AWS_ENDPOINT_URL_EKS (or AWS_ENDPOINT_URL) how its time runs. Only a simulator answers; real
 * EKS, no endpoint override, or any failure gives undefined, and the run goes on as it would have.
 */
export async function askSimulatorClock(env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; clock: AdvertisedClock } | undefined> {
  const url = env.AWS_ENDPOINT_URL_EKS || env.AWS_ENDPOINT_URL;
  if (!url) return undefined;
  try {
    const answer = await fetch(new URL(`${ADMIN_PREFIX}clock`, url), { signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
    if (!answer.ok) return undefined;
    const body = await answer.json() as Partial<AdvertisedClock>;
    if (typeof body.virtual !== 'boolean' || !(body.timeScale === null || typeof body.timeScale === 'number')) return undefined;
    return { url, clock: { timeScale: body.timeScale, virtual: body.virtual } };
  } catch {
    return undefined;
  }
}

/**
 * The time scale to run at: the one given (flag or environment), else the simulator's own, said in one line; a
 * given scale that disagrees with the simulator's is kept, with a warning, since the user may mean it.
 */
export function agreeTimeScale(given: number | undefined, advertised: { url: string; clock: AdvertisedClock } | undefined, say: (line: string) => void): number {
  const theirs = advertised?.clock.timeScale;
  if (advertised?.clock.virtual) {
    say(`note: the simulator at ${advertised.url} runs on a virtual clock (time moves only through POST ${ADMIN_PREFIX}advance); waits run at the pace of the time scale given${given === undefined ? ' (1: real time)' : ''}`);
    return given ?? 1;
  }
  if (given === undefined) {
    if (theirs === undefined || theirs === null || theirs === 1) return 1;
    say(`time scale ${theirs}: adopted from the simulator at ${advertised!.url}, which runs ${theirs}x faster than real time (--time-scale or ${TIME_SCALE_ENV_VAR} overrides it)`);
    return theirs;
  }
  if (theirs !== undefined && theirs !== null && theirs !== given) {
    say(`warning: time scale ${given} given, but the simulator at ${advertised!.url} runs at ${theirs}; waits and timeouts will be ${given < theirs ? 'too slow' : 'too fast'} for it (pass --time-scale ${theirs}, or leave it out to adopt it)`);
  }
  return given;
}

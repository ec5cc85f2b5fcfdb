import { EKSClient } from '@aws-sdk/client-eks';
import { SSMClient } from '@aws-sdk/client-ssm';
import { defaultSeed, startSimulator, VirtualClock, type RunningSimulator, type SimSeed, type SimulatorOptions } from '../../src/simulator';

export interface Fixture {
  running: RunningSimulator;
  clock: VirtualClock;
  eks: EKSClient;
  ssm: SSMClient;
  /** Moves simulated time on (virtual clock only). */
  advance(seconds: number): void;
  close(): Promise<void>;
}

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

/** A served simulator on a virtual clock, with real SDK clients pointed at it (one attempt: errors surface as thrown). */
export async function startFixture(options: SimulatorOptions = {}, maxAttempts = 1): Promise<Fixture> {
  const clock = (options.clock as VirtualClock | undefined) ?? new VirtualClock();
  const running = await startSimulator({ clock, ...options });
  const config = { endpoint: running.url, region: 'us-east-1', credentials, maxAttempts };
  const eks = new EKSClient(config);
  const ssm = new SSMClient(config);
  return {
    running,
    clock,
    eks,
    ssm,
    advance: (seconds) => clock.advance(seconds * 1000),
    close: async () => {
      eks.destroy();
      ssm.destroy();
      await running.close();
    },
  };
}

export function sdkClients(url: string, maxAttempts = 1) {
  const config = { endpoint: url, region: 'us-east-1', credentials, maxAttempts };
  return { eks: new EKSClient(config), ssm: new SSMClient(config) };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Asserts an SDK exception: its class (by the SDK's own export), exact message and HTTP status. */
export async function expectServiceError(
  promise: Promise<unknown>, errorClass: abstract new (...args: any[]) => Error, message: string | RegExp, status: number,
): Promise<any> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(errorClass);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.$metadata?.httpStatusCode).toBe(status);
  return error;
}

/** The default seed, changed in place by `change`. */
export function seedWith(change: (seed: SimSeed) => void): SimSeed {
  const seed = defaultSeed();
  change(seed);
  return seed;
}

/** The default seed with `demo` on `clusterVersion` and one node group, `ng`, of `amiType` on `nodegroupVersion` (default the cluster's). */
export function oneNodegroupSeed(amiType: string, clusterVersion: string, nodegroupVersion = clusterVersion): SimSeed {
  return seedWith((s) => {
    s.clusters[0].version = clusterVersion;
    s.clusters[0].nodegroups = [{ name: 'ng', version: nodegroupVersion, amiType }];
  });
}

/**
 * The default seed with vpc-cni already one minor up (v1.17.1, listed for 1.29 and 1.30), so no ERROR
 * readiness insight stands for 1.30 and UpdateClusterVersion to 1.30 is accepted without `force`.
 */
export function readySeed(change: (seed: SimSeed) => void = () => {}): SimSeed {
  return seedWith((seed) => {
    seed.clusters[0].addons!.find((a) => a.name === 'vpc-cni')!.version = 'v1.17.1-eksbuild.1';
    change(seed);
  });
}

/** When upgradedSeed's `demo` was upgraded: a day before the virtual clock's start, inside the 7-day rollback window. */
export const UPGRADED_AT = '2025-06-01T00:00:00.000Z';

/** readySeed with `demo` upgraded 1.29 → 1.30 at UPGRADED_AT, so it may roll back to 1.29 (CP-ROLLBACK). */
export function upgradedSeed(change: (seed: SimSeed) => void = () => {}): SimSeed {
  return readySeed((seed) => {
    Object.assign(seed.clusters[0], { version: '1.30', previousVersion: '1.29', upgradedAt: UPGRADED_AT });
    change(seed);
  });
}

import { EKSClient } from '@aws-sdk/client-eks';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startSimulator, VirtualClock, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';

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

import { EventClock } from './event-clock';
import { EksApi } from '../src/aws/eks-api';
import { inProcessHandler, Simulator, VirtualClock, type SimSeed, type UpdateDurations } from '../src/simulator';

type Handler = ReturnType<typeof inProcessHandler>;

/**
 * The simulator in process on a virtual clock, reached through the real `@aws-sdk/client-eks`: the SDK's
 * `requestHandler` hands each request to `Simulator.handle` with no socket. The handler forwards to whichever
 * simulator is current, so one SDK client serves many fresh simulators (one per sample).
 */
export class SimHarness {
  readonly virtual = new VirtualClock();
  readonly clock = new EventClock(this.virtual);
  private current?: Handler;
  private sim?: Simulator;

  private readonly router = {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: (request: Parameters<Handler['handle']>[0]) => {
      if (!this.current) throw new Error('SimHarness: no simulator in use');
      return this.current.handle(request);
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
  };

  /** A fresh simulator on the shared virtual clock; later API calls go to it. */
  use(options: { seed: SimSeed; durationJitter: number; durations?: Partial<UpdateDurations>; rngSeed: number }): Simulator {
    this.sim = new Simulator({
      clock: this.virtual,
      seed: options.seed,
      durationJitter: options.durationJitter,
      rngSeed: options.rngSeed,
      ...(options.durations ? { durations: options.durations } : {}),
    });
    this.current = inProcessHandler(this.sim);
    return this.sim;
  }

  get simulator(): Simulator {
    if (!this.sim) throw new Error('SimHarness: no simulator in use');
    return this.sim;
  }

  /**
   * The engine's EksApi over the in-process transport. Every method is tracked by the event clock, so
   * virtual time never moves while a call (including the SDK's own middleware) is still running.
   */
  api(clusterName: string): EksApi {
    const api = new EksApi(clusterName, {
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      requestHandler: this.router,
    });
    const clock = this.clock;
    return new Proxy(api, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = value.apply(target, args);
          return result instanceof Promise ? clock.track(() => result) : result;
        };
      },
    });
  }
}

/** Simulated epoch ms of an ISO timestamp from the simulator's state. */
export function ms(iso: string): number {
  return Date.parse(iso);
}

import type { DurationModel } from './durations';
import type { FaultBook } from './faults';
import type { SimState } from './state';

/** Everything one EKS operation handler sees; handlers return the response body or throw an EksError. */
export interface OperationContext {
  readonly state: SimState;
  /** Simulated time of the request, epoch milliseconds. */
  readonly now: number;
  readonly operation: string;
  readonly resource?: string;
  /** Path parameters by their names in the SDK's URI templates (`name`, `clusterName`, `updateId`…). */
  readonly path: Record<string, string>;
  readonly query: Record<string, string | string[]>;
  readonly body: Record<string, any>;
  readonly faults: FaultBook;
  readonly durations: DurationModel;
  /** What the call log records about updates; update operations fill it in. */
  readonly outcome: { updateId?: string; createdUpdate: boolean; clientRequestToken?: string };
  /** Where the served clusters' Kubernetes API is (absent in process: DescribeCluster then names a placeholder). */
  readonly kubernetes?: KubernetesEndpoint;
  newUpdateId(): string;
}

/** The Kubernetes API's base URL (a cluster's is `<baseUrl>/k8s/<name>`) and the PEM of the CA that signed its certificate. */
export interface KubernetesEndpoint {
  baseUrl: string;
  caPem: string;
}

export type OperationHandler = (ctx: OperationContext) => Record<string, unknown>;

/** A query parameter as one string (the first, if repeated). */
export function queryString(ctx: OperationContext, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A query parameter as a list (EKS list parameters repeat the key). */
export function queryList(ctx: OperationContext, name: string): string[] | undefined {
  const v = ctx.query[name];
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

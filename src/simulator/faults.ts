import type { HealthIssue } from './seed';

/**
 * Faults, injected through `injectFault` or `POST /__simulator/faults` (same JSON). `operation` is an SDK
 * command name without "Command" (e.g. "DescribeUpdate"); `resource` is `cluster/<name>`,
 * `nodegroup/<cluster>/<name>` or `addon/<cluster>/<name>`. Omitted scope fields match everything.
 */
export type SimFault =
  | ThrottleFault | ServerErrorFault | LatencyFault | UpdateFailureFault
  | EventualConsistencyFault | InsightFault | AddonDegradedFault | KubernetesAccessFault;

export interface FaultScope {
  operation?: string;
  resource?: string;
}

/** The next `count` (default 1) matching calls get 429 ThrottlingException. */
export interface ThrottleFault extends FaultScope {
  kind: 'throttle';
  count?: number;
}

/** The next `count` (default 1) matching calls get 500 ServerException or 503 ServiceUnavailableException. */
export interface ServerErrorFault extends FaultScope {
  kind: 'serverError';
  status?: 500 | 503;
  count?: number;
}

/** The next `count` (default 1) matching calls are answered `ms` real milliseconds late. */
export interface LatencyFault extends FaultScope {
  kind: 'latency';
  ms: number;
  count?: number;
}

/**
 * The next `count` (default 1) updates started on `resource` end Failed with this error. A forced
 * UpdateNodegroupVersion overrides PodEvictionFailure (as `force` does in EKS) and leaves the fault armed.
 */
export interface UpdateFailureFault {
  kind: 'updateFailure';
  resource: string;
  errorCode: string;
  errorMessage?: string;
  resourceIds?: string[];
  count?: number;
}

/**
 * For `seconds` of simulated time after a matching update call returns, the resource still describes as
 * it was (ACTIVE) and DescribeUpdate/ListUpdates do not know the update. Applies to every matching update
 * call until cleared, or to the next `count`.
 */
export interface EventualConsistencyFault extends FaultScope {
  kind: 'eventualConsistency';
  seconds: number;
  count?: number;
}

/** An insight (ERROR by default) for `kubernetesVersion` on every cluster, or on `resource` (cluster/<name>), until cleared. */
export interface InsightFault {
  kind: 'insight';
  kubernetesVersion: string;
  resource?: string;
  status?: 'ERROR' | 'WARNING';
  category?: 'UPGRADE_READINESS' | 'ROLLBACK_READINESS';
  name?: string;
  description?: string;
}

/** The add-on's next `count` (default 1) successful updates leave it DEGRADED for `seconds`, or until faults are cleared. */
export interface AddonDegradedFault {
  kind: 'addonDegraded';
  resource: string;
  seconds?: number;
  issues?: HealthIssue[];
  count?: number;
}

/**
 * The next `count` (default 1) matching Kubernetes API calls (operations such as `ListNodes`, resources
 * `cluster/<name>`) are refused with 403 Forbidden, as for a principal without an access entry or RBAC, or get no
 * answer at all (the connection is dropped), as when the endpoint is not reachable from the caller.
 */
export interface KubernetesAccessFault extends FaultScope {
  kind: 'kubernetesAccess';
  answer: 'forbidden' | 'unreachable';
  count?: number;
}

/** An injected fault with its id and how many more times it fires (absent: until cleared). */
export type ActiveFault = SimFault & { id: string; remaining?: number };

export class FaultError extends Error {
  constructor(message: string) {
    super(`invalid fault: ${message}`);
    this.name = 'FaultError';
  }
}

export interface CallFaults {
  latencyMs: number;
  error?: 'throttle' | 500 | 503;
}

const PERSISTENT = new Set<SimFault['kind']>(['eventualConsistency', 'insight']);

export class FaultBook {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  inject(input: unknown): string {
    const fault = validateFault(input);
    const id = `fault-${this.nextId++}`;
    const count = 'count' in fault ? fault.count : undefined;
    const remaining = count ?? (PERSISTENT.has(fault.kind) ? undefined : 1);
    this.faults.push({ ...fault, id, ...(remaining === undefined ? {} : { remaining }) });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Consumes the faults that fire on this call: all matching latency, then at most one error. */
  takeCallFaults(operation: string, resource: string | undefined): CallFaults {
    let latencyMs = 0;
    for (const f of this.matching(operation, resource)) {
      if (f.kind === 'latency') {
        latencyMs += f.ms;
        this.consume(f);
      }
    }
    const errorFault = this.matching(operation, resource).find((f) => f.kind === 'throttle' || f.kind === 'serverError');
    if (!errorFault) return { latencyMs };
    this.consume(errorFault);
    return { latencyMs, error: errorFault.kind === 'throttle' ? 'throttle' : (errorFault as ServerErrorFault).status ?? 500 };
  }

  /** Consumes and returns the first fault of `kind` for an update call that `accept`s it. */
  takeForUpdate<K extends 'updateFailure' | 'eventualConsistency' | 'addonDegraded'>(
    kind: K, operation: string, resource: string, accept: (f: Extract<ActiveFault, { kind: K }>) => boolean = () => true,
  ): Extract<ActiveFault, { kind: K }> | undefined {
    const found = this.matching(operation, resource).find((f): f is Extract<ActiveFault, { kind: K }> => f.kind === kind && accept(f as any));
    if (found) this.consume(found);
    return found;
  }

  /** Consumes the first Kubernetes access fault for this Kubernetes API call, if any. */
  takeKubernetesAccess(operation: string, resource: string): KubernetesAccessFault['answer'] | undefined {
    const found = this.matching(operation, resource).find((f): f is ActiveFault & KubernetesAccessFault => f.kind === 'kubernetesAccess');
    if (found) this.consume(found);
    return found?.answer;
  }

  insightsFor(cluster: string): (InsightFault & { id: string })[] {
    return this.faults.filter((f): f is ActiveFault & InsightFault =>
      f.kind === 'insight' && (f.resource === undefined || f.resource === `cluster/${cluster}`));
  }

  private matching(operation: string, resource: string | undefined): ActiveFault[] {
    return this.faults.filter((f) =>
      (!('operation' in f) || f.operation === undefined || f.operation === operation)
      && (f.resource === undefined || f.resource === resource));
  }

  private consume(fault: ActiveFault): void {
    if (fault.remaining === undefined) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

const KINDS: Record<SimFault['kind'], { required: Record<string, string>; optional: Record<string, string> }> = {
  throttle: { required: {}, optional: { operation: 'string', resource: 'string', count: 'number' } },
  serverError: { required: {}, optional: { operation: 'string', resource: 'string', count: 'number', status: 'number' } },
  latency: { required: { ms: 'number' }, optional: { operation: 'string', resource: 'string', count: 'number' } },
  updateFailure: {
    required: { resource: 'string', errorCode: 'string' },
    optional: { errorMessage: 'string', resourceIds: 'object', count: 'number' },
  },
  eventualConsistency: { required: { seconds: 'number' }, optional: { operation: 'string', resource: 'string', count: 'number' } },
  insight: {
    required: { kubernetesVersion: 'string' },
    optional: { resource: 'string', status: 'string', category: 'string', name: 'string', description: 'string' },
  },
  addonDegraded: { required: { resource: 'string' }, optional: { seconds: 'number', issues: 'object', count: 'number' } },
  kubernetesAccess: { required: { answer: 'string' }, optional: { operation: 'string', resource: 'string', count: 'number' } },
};

function validateFault(input: unknown): SimFault {
  if (!input || typeof input !== 'object') throw new FaultError('expected a JSON object');
  const f = input as Record<string, unknown>;
  const spec = KINDS[f.kind as SimFault['kind']];
  if (!spec) throw new FaultError(`unknown kind ${JSON.stringify(f.kind)}; one of ${Object.keys(KINDS).join(', ')}`);
  for (const [key, value] of Object.entries(f)) {
    if (key === 'kind') continue;
    const type = spec.required[key] ?? spec.optional[key];
    if (!type) throw new FaultError(`${f.kind} has no field '${key}'`);
    if (typeof value !== type) throw new FaultError(`${f.kind}.${key} must be a ${type === 'object' ? 'list' : type}`);
  }
  for (const key of Object.keys(spec.required)) {
    if (!(key in f)) throw new FaultError(`${f.kind} needs '${key}'`);
  }
  if ('count' in f && !(Number(f.count) >= 1)) throw new FaultError('count must be at least 1');
  if (f.kind === 'kubernetesAccess' && f.answer !== 'forbidden' && f.answer !== 'unreachable') {
    throw new FaultError('kubernetesAccess.answer must be forbidden or unreachable');
  }
  if (f.kind === 'serverError' && f.status !== undefined && f.status !== 500 && f.status !== 503) {
    throw new FaultError('serverError.status must be 500 or 503');
  }
  return f as unknown as SimFault;
}

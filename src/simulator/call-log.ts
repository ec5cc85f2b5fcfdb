/** One API request as the simulator saw it. */
export interface CallRecord {
  seq: number;
  /** Simulated time of the request, epoch milliseconds. */
  time: number;
  /** The SDK command name without "Command", e.g. "DescribeUpdate"; "Unknown" for unrouted requests. */
  operation: string;
  resource?: string;
  status: number;
  /** Update* and CancelUpdate calls, and EC2's launch template Create, Modify and Delete calls. */
  mutating: boolean;
  updateId?: string;
  clientRequestToken?: string;
  /** True only when this call started a new update (not for idempotent repeats or rejected calls). */
  createdUpdate: boolean;
  /**
   * Who signed the request: the assumed-role ARN (arn:aws:sts::<account>:assumed-role/<role>/<session>) when its access
   * key came from the simulator's AssumeRole, otherwise the access key id; absent for unsigned requests.
   */
  identity?: string;
  /** `kubernetes` for a cluster's Kubernetes API (src/simulator/kubernetes); absent for AWS APIs (EKS, SSM, STS). */
  service?: 'kubernetes';
  /**
   * A CodeBuild build that ended (operation `Build`, recorded when its process exits): its id, final status and
   * everything its command wrote to stdout and stderr.
   */
  build?: { id: string; status: string; output: string };
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  record(call: Omit<CallRecord, 'seq'>): CallRecord {
    const rec = { seq: ++this.seq, ...call };
    this.records.push(rec);
    return rec;
  }

  all(): CallRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}

export type CallFilter = Partial<Pick<CallRecord, 'operation' | 'resource' | 'status' | 'mutating' | 'createdUpdate'>>;

export function countCalls(calls: CallRecord[], filter: CallFilter = {}): number {
  return calls.filter((c) => Object.entries(filter).every(([k, v]) => (c as any)[k] === v)).length;
}

/** Calls per operation, e.g. `{ DescribeUpdate: 12, UpdateAddon: 3 }`. */
export function countByOperation(calls: CallRecord[]): Record<string, number> {
  return tally(calls.map((c) => c.operation));
}

/** Calls per resource identifier; calls with no resource (DescribeAddonVersions) are left out. */
export function countByResource(calls: CallRecord[]): Record<string, number> {
  return tally(calls.flatMap((c) => (c.resource ? [c.resource] : [])));
}

function tally(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/**
 * What the data plane shows of an update's work while EKS runs it: nodes on the new version, a rollout's updated
 * pods. It places the waiter's polls and fills its progress lines; it never decides an outcome, which only
 * DescribeUpdate does.
 */
export interface ProgressReading {
  /** Units of work done: nodes on the new version and Ready, pods updated. */
  readonly completed: number;
  /** Units in all: the nodes the group should have, the pods the workload should run. */
  readonly total: number;
  /** What a unit is, for the line: `nodes on 1.31`, `pods on v1.19.0`. */
  readonly unit: string;
  /** Nothing is left to do as far as the data plane shows: time to ask EKS. */
  readonly done: boolean;
  /** The phase in EKS's own terms (managed-node-update-behavior: setup, scale up, upgrade, scale down). */
  readonly phase?: string;
  /** What holds the work now, for the line: `draining ip-10-0-3-4 (PDB default/web allows 0 disruptions, 6m)`. */
  readonly detail?: string;
}

/** Reads the progress of one running update; throws when the data plane cannot be read. */
export type ProgressProbe = () => Promise<ProgressReading>;

/** `7/12 nodes on 1.31 · upgrade · draining ip-10-0-3-4 (…)`, the part of a progress line the reading gives. */
export function describeReading(reading: ProgressReading): string {
  return [`${reading.completed}/${reading.total} ${reading.unit}`, reading.phase, reading.detail].filter((p) => p !== undefined && p !== '').join(' · ');
}

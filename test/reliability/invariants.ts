/**
 * The invariants, read from the simulator (its call log and the updates it holds), never from the
 * engine's own account of what it did.
 */
import type { CallRecord, UpdateSeed } from '../../src/simulator';

/** What a change is: the operation, the resource and what the update carries (EKS's update params). */
export function changeKey(call: CallRecord, update: UpdateSeed | undefined): string {
  const params = [...(update?.params ?? [])].sort((a, b) => a.type.localeCompare(b.type)).map((p) => `${p.type}=${p.value}`);
  return `${call.operation} ${call.resource ?? '?'} [${params.join(', ')}]`;
}

/**
 * Updates started for a change that already had one: a second created update with the same operation,
 * resource and params while an earlier one was running or had succeeded. Making a change again after
 * its update Failed (or was Cancelled) is a retry, not a duplicate.
 */
export function duplicateUpdates(calls: CallRecord[], updates: UpdateSeed[]): string[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const earlier = new Map<string, UpdateSeed[]>();
  const found: string[] = [];
  for (const call of calls.filter((c) => c.createdUpdate)) {
    const update = byId.get(call.updateId ?? '');
    const key = changeKey(call, update);
    const before = earlier.get(key) ?? [];
    const startedAt = update ? Date.parse(update.createdAt) : call.time;
    const stillCounts = before.filter((e) => !((e.status === 'Failed' || e.status === 'Cancelled') && Date.parse(e.endsAt) <= startedAt));
    if (stillCounts.length > 0) found.push(`${key}: update ${call.updateId} duplicates ${stillCounts.map((e) => `${e.id} (${e.status})`).join(', ')}`);
    if (update) earlier.set(key, [...before, update]);
  }
  return found;
}

/** Mutating calls EKS refused as invalid (400): the engine sent a request it should have known was wrong. */
export function rejectedMutations(calls: CallRecord[]): CallRecord[] {
  return calls.filter((c) => c.mutating && c.status === 400);
}

/** Mutating calls after the first one EKS refused as invalid. */
export function mutationsAfterRefusal(calls: CallRecord[]): number {
  const first = rejectedMutations(calls)[0];
  return first ? calls.filter((c) => c.mutating && c.seq > first.seq).length : 0;
}

/** Updates created in `calls` (except `foreign` ones) whose ids the engine's report does not carry. */
export function unreportedUpdates(calls: CallRecord[], reported: Set<string>, foreign: Set<string> = new Set()): string[] {
  return calls
    .filter((c) => c.createdUpdate && !foreign.has(c.updateId!) && !reported.has(c.updateId!))
    .map((c) => `${c.operation} ${c.resource} started update ${c.updateId}, which the run never reported`);
}

export function createdIds(calls: CallRecord[]): string[] {
  return calls.filter((c) => c.createdUpdate).map((c) => c.updateId!);
}

/**
 * The parts of the world an upgrade targets, for every cluster (so a run on one cluster that touched another
 * shows too): what "converged" is compared on.
 */
export function targetState(state: { clusters: Array<Record<string, any>>; updates?: UpdateSeed[] }): Record<string, unknown> {
  return {
    clusters: Object.fromEntries(state.clusters.map((c) => [c.name, {
      version: c.version,
      nodegroups: Object.fromEntries((c.nodegroups ?? []).map((n: any) => [n.name, {
        version: n.version, releaseVersion: n.releaseVersion, launchTemplateVersion: n.launchTemplate?.version, updateConfig: n.updateConfig, status: n.status,
      }])),
      addons: Object.fromEntries((c.addons ?? []).map((a: any) => [a.name, {
        version: a.version, status: a.status, configurationValues: a.configurationValues,
      }])),
    }])),
    running: (state.updates ?? []).filter((u) => u.status === 'InProgress').map((u) => u.id),
  };
}

/** Field-by-field differences between two target states, as readable lines. */
export function stateDifferences(actual: unknown, expected: unknown, path = ''): string[] {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && !Array.isArray(actual)) {
    const keys = new Set([...Object.keys(actual as object), ...Object.keys(expected as object)]);
    return [...keys].flatMap((k) => stateDifferences((actual as any)[k], (expected as any)[k], path ? `${path}.${k}` : k));
  }
  return [`${path || 'state'}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

/**
 * Scenarios and the suite's tally: each scenario says what it expects (to converge, or to fail in a
 * stated way), runs, and hands back a verdict; the tally turns every verdict into the closing line.
 */

export type Expectation = 'converge' | 'fail';

export interface Scenario {
  readonly name: string;
  readonly expect: Expectation;
  run(verdict: Verdict): Promise<void>;
}

/** What one scenario found. `problems` lists every way it misbehaved; empty means it did as expected. */
export class Verdict {
  readonly problems: string[] = [];
  /** Whether the scenario's run(s) ended converged. */
  converged = false;
  duplicates = 0;
  mutationsAfterRejection = 0;
  /** A line of context shown with a failing scenario (e.g. where a kill landed). */
  context = '';

  check(condition: boolean, problem: string | (() => string)): boolean {
    if (!condition) this.problems.push(typeof problem === 'string' ? problem : problem());
    return condition;
  }

  addAll(problems: string[]): void {
    this.problems.push(...problems);
  }
}

export interface ScenarioRecord {
  readonly group: string;
  readonly name: string;
  readonly expect: Expectation;
  readonly verdict: Verdict;
}

const records: ScenarioRecord[] = [];

/** Runs one scenario; an exception it throws is a problem like any other. */
export async function runScenario(group: string, scenario: Scenario): Promise<ScenarioRecord> {
  const verdict = new Verdict();
  try {
    await scenario.run(verdict);
  } catch (e) {
    verdict.problems.push(`the scenario itself threw: ${(e as Error).stack ?? String(e)}`);
  }
  if (scenario.expect === 'converge') verdict.check(verdict.converged, 'expected to converge, but did not');
  else verdict.check(!verdict.converged, 'expected to fail, but converged');
  const record = { group, name: scenario.name, expect: scenario.expect, verdict };
  records.push(record);
  return record;
}

export interface Totals {
  readonly scenarios: number;
  readonly converged: number;
  readonly failedAsExpected: number;
  readonly misbehaved: number;
  readonly duplicates: number;
  readonly mutationsAfterRejection: number;
}

export function totals(): Totals {
  const ok = records.filter((r) => r.verdict.problems.length === 0);
  return {
    scenarios: records.length,
    converged: ok.filter((r) => r.expect === 'converge').length,
    failedAsExpected: ok.filter((r) => r.expect === 'fail').length,
    misbehaved: records.length - ok.length,
    duplicates: records.reduce((n, r) => n + r.verdict.duplicates, 0),
    mutationsAfterRejection: records.reduce((n, r) => n + r.verdict.mutationsAfterRejection, 0),
  };
}

export function misbehaving(): ScenarioRecord[] {
  return records.filter((r) => r.verdict.problems.length > 0);
}

export function closingLine(t: Totals = totals()): string {
  return `reliability: ${t.scenarios} scenarios, ${t.converged} converged, ${t.failedAsExpected} failed as expected, ${t.duplicates} duplicate updates, ${t.mutationsAfterRejection} mutations after rejection`;
}

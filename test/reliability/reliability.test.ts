/**
 * The reliability suite: faults, interruption, concurrency and bad input against the EKS simulator,
 * every verdict read from the simulator's call log. It ends with one line of totals and fails when any
 * scenario misbehaves, any update was duplicated or anything was changed after a rejection.
 * docs/reliability.md describes each scenario.
 */
import { cliRejections, synthRejections } from './bad-input';
import { cliRuns } from './cli-runs';
import { codeBuildBuilds } from './codebuild-builds';
import { concurrentApplies } from './concurrency';
import {
  degradedAddons, eventualConsistency, failedUpdates, foreignUpdates, lostResponses, retriedAnswers, rollbackCancellations,
} from './fault-matrix';
import { pool } from './harness';
import { killAndResume, killBench } from './kill-resume';
import { closingLine, misbehaving, runScenario, Scenario, ScenarioRecord, totals } from './tally';

jest.setTimeout(120_000);

/** How many scenarios the groups below declare: the closing line must count every one of them. */
let declared = 0;

/** Runs a group's scenarios (`concurrency` at a time) before its tests, then reports one test per scenario. */
function group(title: string, scenarios: () => Scenario[], concurrency: number, cleanup?: () => Promise<void>): void {
  describe(title, () => {
    if (cleanup) afterAll(cleanup);
    const list = scenarios();
    const names = list.map((s) => s.name);
    declared += list.length;
    const records = new Map<string, ScenarioRecord>();
    beforeAll(async () => {
      const repeated = names.filter((n, i) => names.indexOf(n) !== i);
      if (repeated.length > 0) throw new Error(`scenario names must be unique: ${repeated.join(', ')}`);
      await pool(list, concurrency, async (s) => {
        records.set(s.name, await runScenario(title, s));
      });
    }, 170_000);
    test.each(names)('%s', (name) => {
      const record = records.get(name);
      expect(record).toBeDefined();
      expect({ scenario: name, context: record!.verdict.context, problems: record!.verdict.problems })
        .toEqual({ scenario: name, context: record!.verdict.context, problems: [] });
    });
  });
}

group('fault matrix: throttling and 5xx bursts on each operation', retriedAnswers, 48);
group('fault matrix: answers lost after the update started', lostResponses, 4);
group('fault matrix: VersionRollback cancelled at its timeout', rollbackCancellations, 4);
group('fault matrix: Failed updates, one per EKS error code', failedUpdates, 8);
group('fault matrix: DescribeUpdate eventual consistency', eventualConsistency, 5);
group('fault matrix: updates started by someone else', foreignUpdates, 6);
group('fault matrix: add-on DEGRADED after a successful update', degradedAddons, 5);
group('fault matrix: through the bundled CLI (exit codes, output, SIGTERM)', cliRuns, 3);
group('kill and resume: 50 seeded SIGKILLs during a 1.29 → 1.33 apply', killAndResume, 3, () => killBench.close());
group('concurrency: applies of the same spec at once', concurrentApplies, 1);
group('CodeBuild builds: the start-build action\'s calls, concurrent and stopped', codeBuildBuilds, 1);
group('bad input: construct props at synth', synthRejections, 1);
group('bad input: spec fields through the CLI', cliRejections, 4);

describe('totals', () => {
  afterAll(() => {
    process.stdout.write(`${closingLine()}\n`);
  });

  test('no duplicate update, no mutation after a rejection, every scenario as expected', () => {
    const t = totals();
    expect(misbehaving().map((r) => `${r.group} › ${r.name}`)).toEqual([]);
    expect(t.duplicates).toBe(0);
    expect(t.mutationsAfterRejection).toBe(0);
    expect(t.converged + t.failedAsExpected).toBe(t.scenarios);
    // A filtered run (-t) skips the groups' beforeAll hooks, and zero scenarios would pass the checks above.
    expect(t.scenarios).toBe(declared);
  });
});

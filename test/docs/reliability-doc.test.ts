/**
 * The scenario counts docs/reliability.md and the README state (per group, per section and in the closing line)
 * are the counts of the suite's scenario lists, so adding or removing a scenario without the docs fails here.
 * Only the lists are built, and the demo targets planned on the default seed; no scenario runs (that is test/reliability).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-view';
import { cliRejections, synthRejections } from '../reliability/bad-input';
import { cliRuns } from '../reliability/cli-runs';
import { codeBuildBuilds } from '../reliability/codebuild-builds';
import { concurrentApplies, plannedUpdates } from '../reliability/concurrency';
import {
  degradedAddons, eventualConsistency, failedUpdates, foreignUpdates, lostResponses, retriedAnswers, rollbackCancellations,
} from '../reliability/fault-matrix';
import { demoSeed, demoSpec } from '../reliability/harness';
import { killAndResume } from '../reliability/kill-resume';
import type { Scenario } from '../reliability/tally';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'reliability.md'), 'utf8');
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** Each `- **label** (N)` bullet of docs/reliability.md and the list it counts. */
const BULLETS: ReadonlyArray<readonly [string, () => Scenario[]]> = [
  ['Throttling and 5xx bursts on each operation', retriedAnswers],
  ['Answers lost after the update started', lostResponses],
  ['VersionRollback cancelled at its timeout', rollbackCancellations],
  ['Failed updates, one per EKS error code', failedUpdates],
  ['DescribeUpdate eventual consistency', eventualConsistency],
  ['Updates started by someone else', foreignUpdates],
  ['Add-on DEGRADED after a successful update', degradedAddons],
  ['Through the bundled CLI', cliRuns],
  ['At synth', synthRejections],
  ['Through the CLI', cliRejections],
];

/** Each `### heading (N…)` section and the lists it counts. */
const SECTIONS: ReadonlyArray<readonly [string, ReadonlyArray<() => Scenario[]>]> = [
  ['Fault matrix', [retriedAnswers, lostResponses, rollbackCancellations, failedUpdates, eventualConsistency, foreignUpdates, degradedAddons, cliRuns]],
  ['Kill and resume', [killAndResume]],
  ['Concurrency', [concurrentApplies]],
  ['CodeBuild builds', [codeBuildBuilds]],
  ['Bad input', [synthRejections, cliRejections]],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (lists: ReadonlyArray<() => Scenario[]>) => lists.reduce((n, list) => n + list().length, 0);

function stated(text: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(text);
  return m ? Number(m[1]) : undefined;
}

test.each(BULLETS)('docs/reliability.md: "%s" states its number of scenarios', (label, list) => {
  expect(stated(doc, new RegExp(`^- \\*\\*${escape(label)}\\*\\* \\((\\d+)\\)`, 'm'))).toBe(list().length);
});

test.each(SECTIONS)('docs/reliability.md: the "%s" section states its number of scenarios', (heading, lists) => {
  expect(stated(doc, new RegExp(`^### ${escape(heading)} \\((\\d+)[,)]`, 'm'))).toBe(count(lists));
});

test('the closing line in docs/reliability.md and the README counts every scenario and its expectation', () => {
  const all = SECTIONS.flatMap(([, lists]) => lists.flatMap((list) => list()));
  const converge = all.filter((s) => s.expect === 'converge').length;
  const line = `reliability: ${all.length} scenarios, ${converge} converged, ${all.length - converge} failed as expected, `
    + '0 duplicate updates, 0 mutations after rejection';
  expect(doc).toContain(`\n${line}\n`);
  expect(readme).toContain(`\n${line}\n`);
});

test('the README\'s summary counts the kills and the bad inputs', () => {
  expect(stated(readme, /(\d+) seeded SIGKILLs/)).toBe(killAndResume().length);
  expect(stated(readme, /(\d+) bad inputs at synth and through the CLI/)).toBe(synthRejections().length + cliRejections().length);
});

test('docs/reliability.md: the demo targets take as many updates as the planner plans on the default seed', async () => {
  const to130 = await plannedUpdates(demoSpec('1.30'), demoSeed());
  const to133 = await plannedUpdates(demoSpec('1.33'), demoSeed());
  expect(stated(doc, /To 1\.30 that is (\d+) updates/)).toBe(to130);
  expect(stated(doc, /of the demo targets \((\d+) updates\)/)).toBe(to130);
  expect(stated(doc, /to 1\.33, (\d+) updates/)).toBe(to133);
  expect(stated(doc, /the first step, (\d+) updates/)).toBe(to133);
  expect(stated(doc, /exactly (\d+) updates created in total/)).toBe(to133);
});

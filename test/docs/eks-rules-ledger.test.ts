import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkLedger, citedWithoutRow, duplicateIds, enforcerCells, idShapes, sourceCells, testsCells, type LedgerProblem,
} from './ledger-checks';
import { citedIds, mentionsId } from './ledger-ids';
import { parseLedger } from './ledger-table';
import { inlineRepo, REPO_ROOT, workingTree } from './repo-view';

const LEDGER_PATH = 'docs/eks-rules.md';
const ledger = parseLedger(readFileSync(join(REPO_ROOT, LEDGER_PATH), 'utf8'));
const repo = workingTree();

/** One line per problem, so a failure reads as the list of rows to mend. */
const report = (problems: readonly (LedgerProblem | { message: string } | string)[]) =>
  problems.map((p) => `\n  - ${typeof p === 'string' ? p : p.message}`).join('');

describe(`${LEDGER_PATH}: the EKS rule ledger`, () => {
  test('has one table with the columns | id | rule | source | planner | simulator | tests | and rows in it', () => {
    expect(report(ledger.shapeProblems)).toBe('');
    expect(ledger.rows.length).toBeGreaterThan(0);
  });

  test('(a) every rule id cited in src/ has a row', () => {
    expect(report(citedWithoutRow(ledger.rows, repo))).toBe('');
  });

  test('(b) planner and simulator cells name existing modules that cite the id', () => {
    expect(report(enforcerCells(ledger.rows, repo))).toBe('');
  });

  test('(c) tests cells name existing test files that mention the id', () => {
    expect(report(testsCells(ledger.rows, repo))).toBe('');
  });

  test('(d) no id has two rows, and every id has the id shape', () => {
    expect(report([...duplicateIds(ledger.rows), ...idShapes(ledger.rows)])).toBe('');
  });

  test('(e) every row cites an AWS page or a quoted EKS message', () => {
    expect(report(sourceCells(ledger.rows))).toBe('');
  });
});

// The checks above must be able to fail: each one is run here on a small ledger and repository that break it.
describe('the ledger checks themselves', () => {
  const brokenLedger = [
    '# Ledger',
    '',
    '| id | rule | source | planner | simulator | tests |',
    '| --- | --- | --- | --- | --- | --- |',
    '| MNG-MATCH-CP | Node groups first. | https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdateClusterVersion.html | `src/engine/rules/mng-match-cp.ts` | `src/simulator/rules/gone.ts` | `test/engine/rules/mng-match-cp.test.ts` |',
    '| MNG-MATCH-CP | Again. | EKS: "Nodegroups a must be updated to match cluster version 1.29 before updating cluster version" | — | — | — |',
    '| CP-ONE-MINOR | One minor. |  | `src/engine/rules/silent.ts` | — | `test/engine/silent.test.ts` |',
    '| NG-ACTIVE-ONLY | Active only. | the API reference | — | — | — |',
    '| lower-case | Bad id. | https://example.com/x | — | — | — |',
    '| TOO-FEW | cells | https://example.com/y |',
    '',
  ].join('\n');
  const brokenRepo = inlineRepo({
    'src/engine/rules/mng-match-cp.ts': '// MNG-MATCH-CP: every managed node group on the current version first\n',
    'src/engine/rules/silent.ts': '// moves the control plane one minor (no id cited)\n',
    'src/engine/rules/cp-one-update.ts': "export const rule = 'CP-ONE-UPDATE';\n// Updating VPC-CNI can only go up or down 1 minor version at a time\n",
    'src/simulator/rules/cluster-version.ts': "import { plan } from '../../engine/planner';\nexport { plan };\n",
    'src/engine/executor.ts': "import type { World } from '../simulator/world';\nimport { EKSClient } from '@aws-sdk/client-eks';\n",
    'src/engine/planner.ts': "import { minorOf } from '../spec/versions';\n",
    'test/engine/rules/mng-match-cp.test.ts': "test('MNG-MATCH-CP: node groups move first', () => {});\n",
    'test/engine/silent.test.ts': "test('one minor', () => {});\n",
  });
  const parsed = parseLedger(brokenLedger);
  const messages = (problems: readonly { message: string }[]) => problems.map((p) => p.message);

  test('the parser reads rows, backticked paths and — cells, and reports a row with missing cells', () => {
    expect(parsed.rows.map((r) => r.id)).toEqual(['MNG-MATCH-CP', 'MNG-MATCH-CP', 'CP-ONE-MINOR', 'NG-ACTIVE-ONLY', 'lower-case']);
    expect(parsed.rows[0]).toMatchObject({
      line: 5,
      planner: ['src/engine/rules/mng-match-cp.ts'],
      simulator: ['src/simulator/rules/gone.ts'],
      tests: ['test/engine/rules/mng-match-cp.test.ts'],
    });
    expect(parsed.rows[1]).toMatchObject({ planner: [], simulator: [], tests: [] });
    expect(parsed.shapeProblems).toEqual([expect.stringMatching(/^line 10: the row has 3 cells, the table 6/)]);
  });

  test('a markdown file without the table is reported, not read as an empty ledger', () => {
    expect(parseLedger('| id | rule | source |\n| --- | --- | --- |\n').shapeProblems).toEqual([
      expect.stringContaining('no table with the header | id | rule | source | planner | simulator | tests |'),
    ]);
  });

  test('(a) an id cited in src/ without a row is reported with the files citing it; VPC-CNI is not an id', () => {
    expect(messages(citedWithoutRow(parsed.rows, brokenRepo))).toEqual([
      expect.stringMatching(/^CP-ONE-UPDATE is cited in src\/engine\/rules\/cp-one-update\.ts but docs\/eks-rules\.md has no row for it: add a row/),
    ]);
  });

  test('(b) an enforcer cell naming a missing file or a file that never cites the id is reported', () => {
    expect(messages(enforcerCells(parsed.rows, brokenRepo))).toEqual([
      expect.stringMatching(/^MNG-MATCH-CP \(line 5\): the simulator cell names src\/simulator\/rules\/gone\.ts, which does not exist/),
      expect.stringMatching(/^CP-ONE-MINOR \(line 7\): the planner cell names src\/engine\/rules\/silent\.ts, which never mentions CP-ONE-MINOR: cite it/),
    ]);
  });

  test('(c) a tests cell naming a test that never mentions the id is reported', () => {
    expect(messages(testsCells(parsed.rows, brokenRepo))).toEqual([
      expect.stringMatching(/^CP-ONE-MINOR \(line 7\): the tests cell names test\/engine\/silent\.test\.ts, which never mentions CP-ONE-MINOR: name a test after it/),
    ]);
  });

  test('(d) a duplicated id and an id of the wrong shape are reported', () => {
    expect(messages(duplicateIds(parsed.rows))).toEqual(['MNG-MATCH-CP has 2 rows (lines 5, 6): merge them into one row']);
    expect(messages(idShapes(parsed.rows))).toEqual([expect.stringMatching(/^"lower-case" \(line 9\) is not an id/)]);
  });

  test('(e) an empty source and a source that is neither a URL nor a quoted message are reported; a quoted message is enough', () => {
    expect(messages(sourceCells(parsed.rows))).toEqual([
      expect.stringMatching(/^CP-ONE-MINOR \(line 7\) has an empty source: cite the AWS page/),
      expect.stringMatching(/^NG-ACTIVE-ONLY \(line 8\) has the source "the API reference", which is neither a URL nor a quoted EKS message/),
    ]);
  });

  test('checkLedger gathers every problem at once', () => {
    expect(new Set(checkLedger(parsed.rows, brokenRepo).map((p) => p.check))).toEqual(
      new Set(['cited-without-row', 'enforcer-cell', 'tests-cell', 'duplicate-id', 'source-cell', 'id-shape']),
    );
  });

  test('ids are found whole: a longer id does not count as a shorter one', () => {
    expect(citedIds('// CP-ROLLBACK: and ROLLBACK-MNG-FIRST: but not VPC-CNI or UTF-8')).toEqual(['CP-ROLLBACK', 'ROLLBACK-MNG-FIRST']);
    expect(mentionsId('ROLLBACK-MNG-FIRST', 'MNG-FIRST')).toBe(false);
    expect(mentionsId("rule: 'MNG-MATCH-CP',", 'MNG-MATCH-CP')).toBe(true);
  });
});

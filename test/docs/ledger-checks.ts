import { citedIds, isRuleIdShape, mentionsId } from './ledger-ids';
import type { LedgerRow } from './ledger-table';

/** The repository as the checks see it, so a test can hand them a made-up one. */
export interface RepoView {
  /** Text of a repository-relative path, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** Repository-relative paths of the TypeScript files under a folder (e.g. `src`). */
  sourceFiles(folder: string): string[];
}

export interface LedgerProblem {
  readonly check: 'cited-without-row' | 'enforcer-cell' | 'tests-cell' | 'duplicate-id' | 'source-cell' | 'id-shape';
  readonly message: string;
}

const URL_IN_CELL = /https?:\/\/[^\s)"]+/;
/** A quoted EKS message: straight or curly double quotes around at least a few words. */
const QUOTED_MESSAGE = /"[^"]{8,}"|“[^”]{8,}”/;

/** (a) Every id cited in src/ has a row. */
export function citedWithoutRow(rows: readonly LedgerRow[], repo: RepoView): LedgerProblem[] {
  const known = new Set(rows.map((r) => r.id));
  const citedBy = new Map<string, string[]>();
  for (const file of repo.sourceFiles('src')) {
    for (const id of citedIds(repo.read(file) ?? '')) {
      if (!known.has(id)) citedBy.set(id, [...(citedBy.get(id) ?? []), file]);
    }
  }
  return [...citedBy].map(([id, files]) => ({
    check: 'cited-without-row' as const,
    message: `${id} is cited in ${files.join(', ')} but docs/eks-rules.md has no row for it: add a row `
      + `(id, rule, AWS source, enforcing modules, tests), or, if ${id} is not a rule id, add it to NOT_RULE_IDS in test/docs/ledger-ids.ts with the reason`,
  }));
}

/** (b) A planner or simulator cell names files that exist and cite the row's id. */
export function enforcerCells(rows: readonly LedgerRow[], repo: RepoView): LedgerProblem[] {
  return rows.flatMap((row) => (['planner', 'simulator'] as const).flatMap((side) =>
    row[side].flatMap((path) => pathProblem(row, side, path, repo, 'enforcer-cell'))));
}

/** (c) A tests cell names test files that exist and cite the row's id. */
export function testsCells(rows: readonly LedgerRow[], repo: RepoView): LedgerProblem[] {
  return rows.flatMap((row) => row.tests.flatMap((path) => pathProblem(row, 'tests', path, repo, 'tests-cell')));
}

/** (d) No id has two rows. */
export function duplicateIds(rows: readonly LedgerRow[]): LedgerProblem[] {
  const lines = new Map<string, number[]>();
  for (const row of rows) lines.set(row.id, [...(lines.get(row.id) ?? []), row.line]);
  return [...lines].filter(([, at]) => at.length > 1).map(([id, at]) => ({
    check: 'duplicate-id' as const,
    message: `${id} has ${at.length} rows (lines ${at.join(', ')}): merge them into one row`,
  }));
}

/** (e) Every row cites a source: an AWS page (a URL) or EKS's exact message in double quotes. */
export function sourceCells(rows: readonly LedgerRow[]): LedgerProblem[] {
  return rows.filter((row) => !URL_IN_CELL.test(row.source) && !QUOTED_MESSAGE.test(row.source)).map((row) => ({
    check: 'source-cell' as const,
    message: `${row.id} (line ${row.line}) has ${row.source === '' ? 'an empty source' : `the source "${row.source}", which is neither a URL nor a quoted EKS message`}: `
      + 'cite the AWS page (API reference or user guide URL) or EKS\'s exact error message in double quotes with the thread it was seen in',
  }));
}

/** Ids keep the shape the other checks search for, so a row cannot hide from them. */
export function idShapes(rows: readonly LedgerRow[]): LedgerProblem[] {
  return rows.filter((row) => !isRuleIdShape(row.id)).map((row) => ({
    check: 'id-shape' as const,
    message: `"${row.id}" (line ${row.line}) is not an id of the form WORD-WORD (capitals, digits, hyphens, e.g. MNG-MATCH-CP): rename it`,
  }));
}

export function checkLedger(rows: readonly LedgerRow[], repo: RepoView): LedgerProblem[] {
  return [
    ...idShapes(rows),
    ...duplicateIds(rows),
    ...sourceCells(rows),
    ...citedWithoutRow(rows, repo),
    ...enforcerCells(rows, repo),
    ...testsCells(rows, repo),
  ];
}

function pathProblem(
  row: LedgerRow, cell: 'planner' | 'simulator' | 'tests', path: string, repo: RepoView, check: LedgerProblem['check'],
): LedgerProblem[] {
  const text = repo.read(path);
  if (text === undefined) {
    return [{ check, message: `${row.id} (line ${row.line}): the ${cell} cell names ${path}, which does not exist: fix the path or write — if nothing enforces it yet` }];
  }
  if (!mentionsId(text, row.id)) {
    const fix = cell === 'tests' ? `name a test after it (e.g. test('${row.id}: …'))` : `cite it in a comment beside the rule (${row.id}: <why, and the source>)`;
    return [{ check, message: `${row.id} (line ${row.line}): the ${cell} cell names ${path}, which never mentions ${row.id}: ${fix}, or drop the path from the cell` }];
  }
  return [];
}

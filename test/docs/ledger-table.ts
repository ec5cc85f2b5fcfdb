/**
 * Reads the rule table of docs/eks-rules.md: the one markdown table whose header is exactly
 * `| id | rule | source | planner | simulator | tests |`.
 */

const LEDGER_COLUMNS = ['id', 'rule', 'source', 'planner', 'simulator', 'tests'] as const;

export interface LedgerRow {
  /** 1-based line of the row in the markdown, for messages. */
  readonly line: number;
  readonly id: string;
  readonly rule: string;
  readonly source: string;
  /** Repository paths named in backticks; empty when the cell is `—`. */
  readonly planner: readonly string[];
  readonly simulator: readonly string[];
  readonly tests: readonly string[];
}

export interface ParsedLedger {
  readonly rows: readonly LedgerRow[];
  /** Problems with the table's shape (no table, wrong header, a row with the wrong number of cells). */
  readonly shapeProblems: readonly string[];
}

/** Splits a markdown table line on the pipes that are not escaped (`\|`). */
function tableCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The backticked paths of a planner/simulator/tests cell; `—` (or `-`) means none. */
function cellPaths(cell: string): string[] {
  if (cell === '—' || cell === '-' || cell === '') return [];
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim());
}

export function parseLedger(markdown: string): ParsedLedger {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => l.trim().startsWith('|') && sameColumns(tableCells(l)));
  if (header < 0) {
    return {
      rows: [],
      shapeProblems: [`no table with the header | ${LEDGER_COLUMNS.join(' | ')} | was found: keep exactly these columns, in this order`],
    };
  }
  const shapeProblems: string[] = [];
  const rows: LedgerRow[] = [];
  for (let i = header + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const cells = tableCells(lines[i]);
    const line = i + 1;
    if (cells.length !== LEDGER_COLUMNS.length) {
      shapeProblems.push(`line ${line}: the row has ${cells.length} cells, the table ${LEDGER_COLUMNS.length}; `
        + 'escape a pipe inside a cell as \\| or remove it');
      continue;
    }
    const [id, rule, source, planner, simulator, tests] = cells;
    rows.push({ line, id, rule, source, planner: cellPaths(planner), simulator: cellPaths(simulator), tests: cellPaths(tests) });
  }
  const separator = lines[header + 1] ?? '';
  if (!/^\s*\|?\s*:?-{3,}/.test(separator)) shapeProblems.push(`line ${header + 2}: the header is not followed by a | --- | separator line`);
  return { rows, shapeProblems };
}

function sameColumns(cells: string[]): boolean {
  return cells.length === LEDGER_COLUMNS.length && cells.every((c, i) => c === LEDGER_COLUMNS[i]);
}

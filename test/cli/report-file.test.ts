import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReportPath, writeReport } from '../../src/cli/report-file';
import { stillRunning } from '../../src/cli/still-running';
import { RunReport } from '../../src/engine/run-report';
import { InputError } from '../../src/errors/run-errors';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-report-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = (over: Partial<RunReport> = {}): RunReport => ({ cluster: 'demo', startedAt: '2026-01-01T00:00:00Z', outcome: 'interrupted', attached: [], steps: [], warnings: [], apiCalls: {}, ...over });

describe('checkReportPath', () => {
  test('a missing folder is bad input naming the flag and the fix', () => {
    expect(() => checkReportPath('/nonexistent/dir/r.json')).toThrow(InputError);
    expect(() => checkReportPath('/nonexistent/dir/r.json')).toThrow('--report /nonexistent/dir/r.json: its folder does not exist; pass a path in an existing, writable folder (nothing was changed)');
  });

  test('a folder is refused', () => {
    mkdirSync(join(dir, 'sub'));
    expect(() => checkReportPath(join(dir, 'sub'))).toThrow(/is a folder, not a file/);
  });

  test('a writable path passes and leaves no file behind', () => {
    const file = join(dir, 'r.json');
    checkReportPath(file);
    expect(existsSync(file)).toBe(false);
  });
});

test('writeReport says in one line why it could not write, and never throws', () => {
  const lines: string[] = [];
  expect(writeReport('/nonexistent/dir/r.json', report({ outcome: 'rejected' }), (l) => lines.push(l))).toBe(false);
  expect(lines).toEqual(['eks-upgrade: the report was not written: --report /nonexistent/dir/r.json its folder does not exist (the run\'s outcome above stands: rejected)']);
  const file = join(dir, 'ok.json');
  expect(writeReport(file, report())).toBe(true);
  expect(JSON.parse(readFileSync(file, 'utf8')).outcome).toBe('interrupted');
});

test('stillRunning names each update left running and how the next apply resumes', () => {
  const text = stillRunning(report({
    steps: [
      { phase: 'p', resource: 'addon/vpc-cni', action: 'addon-update', target: 'v1 → v2', reason: 'r', outcome: 'running', updateId: 'u-1' },
      { phase: 'p', resource: 'cluster/demo', action: 'cluster-version', target: '1.29 → 1.30', reason: 'r', outcome: 'not started' },
    ],
  }));
  expect(text).toBe([
    'interrupted: 1 update(s) keep running in EKS (an interrupt stops the run, not EKS):',
    '  update u-1 on addon/vpc-cni: addon-update v1 → v2',
    'the next apply (the same command) waits for them instead of starting them again, then makes the 1 update(s) this run did not start',
  ].join('\n'));
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportPathProblem, writeReport } from '../../src/cli/report-file';
import { stillRunning } from '../../src/cli/still-running';
import { RunReport } from '../../src/engine/run-report';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-report-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = (over: Partial<RunReport> = {}): RunReport => ({ cluster: 'demo', startedAt: '2026-01-01T00:00:00Z', outcome: 'interrupted', attached: [], steps: [], warnings: [], apiCalls: {}, ...over });

// That apply refuses such a path as bad input (exit 2) before any EKS call: test/cli/plan-apply-cli.test.ts.
describe('reportPathProblem', () => {
  test('a missing folder is named with the flag and the fix', () => {
    expect(reportPathProblem('/nonexistent/dir/r.json')).toBe('--report /nonexistent/dir/r.json: its folder does not exist; pass a path in an existing, writable folder (nothing was changed)');
  });

  test('a folder is refused', () => {
    mkdirSync(join(dir, 'sub'));
    expect(reportPathProblem(join(dir, 'sub'))).toMatch(/is a folder, not a file/);
  });

  test('a writable path passes and leaves no file behind', () => {
    const file = join(dir, 'r.json');
    expect(reportPathProblem(file)).toBeUndefined();
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

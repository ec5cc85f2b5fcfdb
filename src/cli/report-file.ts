import { closeSync, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { RunReport } from '../engine/run-report';

/** Why a path cannot be written, in words (never a bare Node error code). */
function why(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'its folder does not exist';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EISDIR': return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM': return 'cannot be written (permission denied)';
    case 'EROFS': return 'is on a read-only file system';
    default: return `cannot be written (${(e as Error).message})`;
  }
}

/**
 * The --report file can be written: checked before the first EKS call, so a typo in the path is bad input (exit 2)
 * instead of an error after every update ran. Opening it for appending is the one check that catches every reason
 * (missing folder, permissions, read-only mount); a file the check created is removed again.
 */
export function reportPathProblem(path: string): string | undefined {
  let existed = true;
  try {
    if (statSync(path).isDirectory()) return `--report ${path}: is a folder, not a file; pass the path of the JSON file to write`;
  } catch {
    existed = false;
  }
  try {
    closeSync(openSync(path, 'a'));
  } catch (e) {
    return `--report ${path}: ${why(e)}; pass a path in an existing, writable folder (nothing was changed)`;
  }
  if (!existed) unlinkSync(path);
  return undefined;
}

/** Writes the report; a failure is said in one line and never replaces the run's own outcome or exit code. */
export function writeReport(path: string, report: RunReport, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
    return true;
  } catch (e) {
    say(`eks-upgrade: the report was not written: --report ${path} ${why(e)} (the run's outcome above stands: ${report.outcome})`);
    return false;
  }
}

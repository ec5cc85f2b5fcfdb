import { PlanError } from './planner';
import { RunReport } from './run-report';
import { EXIT_BAD_INPUT, EXIT_TIMEOUT, EXIT_UPDATE_FAILED, RunError } from '../errors/run-errors';
import { SpecError } from '../upgrade-spec/parse-spec';

/** What an error that ended a run means for its caller: the CLI's exit code (and the report's outcome). */
export function exitCodeOf(e: unknown): number {
  if (e instanceof SpecError || e instanceof PlanError) return EXIT_BAD_INPUT;
  if (e instanceof RunError) return e.exitCode;
  if ((e as Error)?.name === 'AbortError') return EXIT_TIMEOUT;
  // EKS refusing a request is bad input, found by EKS rather than by us.
  if (/InvalidParameter|InvalidRequest|InvalidState|ResourceNotFound/.test((e as Error)?.name ?? '')) return EXIT_BAD_INPUT;
  return EXIT_UPDATE_FAILED;
}

export function reportOutcomeOf(e: unknown): RunReport['outcome'] {
  const code = exitCodeOf(e);
  return code === EXIT_BAD_INPUT ? 'rejected' : code === EXIT_TIMEOUT ? 'timed out' : 'failed';
}

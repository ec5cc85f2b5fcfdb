/** Exit codes of `eks-upgrade apply`, as documented in the README. */
export const EXIT_CONVERGED = 0;
export const EXIT_UPDATE_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_TIMEOUT = 3;

/** Input the engine refuses before any change: unknown resources, preflight blocks. */
export class InputError extends Error {
  readonly exitCode = EXIT_BAD_INPUT;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** An EKS update ended Failed or Cancelled, or a resource did not become healthy after it. */
export class UpdateFailedError extends Error {
  readonly exitCode = EXIT_UPDATE_FAILED;
  constructor(message: string) {
    super(message);
    this.name = 'UpdateFailedError';
  }
}

/** An update outlived its timeout or the run was interrupted; the update may still be running in EKS. */
export class UpdateTimeoutError extends Error {
  readonly exitCode = EXIT_TIMEOUT;
  constructor(message: string) {
    super(message);
    this.name = 'UpdateTimeoutError';
  }
}

export function isNotFound(err: unknown): boolean {
  return (err as Error)?.name === 'ResourceNotFoundException';
}

export function isResourceInUse(err: unknown): boolean {
  return (err as Error)?.name === 'ResourceInUseException';
}

/** The run was asked to stop (SIGINT/SIGTERM, or a runner's deadline). */
export class InterruptedError extends Error {
  readonly exitCode = EXIT_TIMEOUT;
  constructor(message: string) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/**
 * A runner's own deadline (Lambda's 15 minutes) stops the wait, not the work: unlike SIGINT, it never
 * cancels a rollback, because the next invocation resumes waiting for it.
 */
export class DeadlineError extends InterruptedError {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

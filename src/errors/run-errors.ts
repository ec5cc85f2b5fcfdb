/** Exit codes of `eks-upgrade apply`, as documented in the README. */
export const EXIT_CONVERGED = 0;
export const EXIT_UPDATE_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_TIMEOUT = 3;

/** Where the region comes from, stated once for the help, the errors and docs/cli.md ("Region"). */
export const REGION_CHAIN = '"region" in the spec, else AWS_REGION, else the region of the AWS profile (AWS_PROFILE, or default)';

/**
 * An error a run ends with, and the exit code it means (error-outcome.ts reads it). The name is set explicitly: the
 * bundles are minified, so a class's own name is not the one a message or a caller should see.
 */
export abstract class RunError extends Error {
  protected constructor(message: string, readonly exitCode: number, name: string) {
    super(message);
    this.name = name;
  }
}

/** Input the engine refuses before any change: unknown resources, preflight blocks. */
export class InputError extends RunError {
  constructor(message: string) {
    super(message, EXIT_BAD_INPUT, 'InputError');
  }
}

/** An EKS update ended Failed or Cancelled, or a resource did not become healthy after it. */
export class UpdateFailedError extends RunError {
  constructor(message: string) {
    super(message, EXIT_UPDATE_FAILED, 'UpdateFailedError');
  }
}

/** An update outlived its timeout or the run was interrupted; the update may still be running in EKS. */
export class UpdateTimeoutError extends RunError {
  constructor(message: string) {
    super(message, EXIT_TIMEOUT, 'UpdateTimeoutError');
  }
}

export function isNotFound(err: unknown): boolean {
  return (err as Error)?.name === 'ResourceNotFoundException';
}

export function isResourceInUse(err: unknown): boolean {
  return (err as Error)?.name === 'ResourceInUseException';
}

/** The run was asked to stop (SIGINT/SIGTERM, or a runner's deadline). */
export class InterruptedError extends RunError {
  constructor(message: string) {
    super(message, EXIT_TIMEOUT, 'InterruptedError');
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

/** The AWS endpoint could not be reached (connection refused, no such host, network down): nothing was changed. */
export class EndpointUnreachableError extends RunError {
  constructor(message: string) {
    super(message, EXIT_UPDATE_FAILED, 'EndpointUnreachableError');
  }
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/** A connection error's code in words ("connection refused"), when it says the endpoint could not be reached. */
export function unreachableReason(code: string | undefined): string | undefined {
  return code === undefined ? undefined : UNREACHABLE[code];
}

/** Every variable that sets an endpoint the CLI calls, the service's own before the shared one. */
const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'] as const;
const SERVICE_OF: Record<string, string> = { AWS_ENDPOINT_URL_EKS: 'EKS', AWS_ENDPOINT_URL_SSM: 'SSM', AWS_ENDPOINT_URL_STS: 'STS', AWS_ENDPOINT_URL: 'AWS' };

/**
 * The variable whose URL points where the connection failed (host and port, as the error names them); with no such
 * match, the one that sets the EKS endpoint (the first call of every run goes there), if any is set.
 */
function endpointVariableFor(where: string, env: NodeJS.ProcessEnv): string | undefined {
  const set = ENDPOINT_VARIABLES.filter((name) => env[name]);
  const matches = set.find((name) => {
    try {
      const url = new URL(env[name]!);
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      return where === `${url.hostname}:${port}` || where === url.hostname;
    } catch {
      return false;
    }
  });
  return matches ?? set.find((name) => name === 'AWS_ENDPOINT_URL_EKS' || name === 'AWS_ENDPOINT_URL');
}

/**
 * The SDK's own errors for what the operator must supply or fix before anything can run — no region, no
 * credentials, an endpoint that does not answer — as one line naming the setting and how to provide it.
 * Any other error is returned as it is.
 */
export function explainEnvironmentError(e: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  const error = e as Error & { code?: string; address?: string; port?: number; hostname?: string };
  if (!error || typeof error !== 'object') return e;
  if (/^Region is missing/.test(error.message ?? '')) {
    const ignored = env.AWS_DEFAULT_REGION ? ` (AWS_DEFAULT_REGION=${env.AWS_DEFAULT_REGION} is set, but the AWS SDK for JavaScript reads only AWS_REGION)` : '';
    return new InputError(`no AWS region: the region is ${REGION_CHAIN}; set one of them${ignored}`);
  }
  if (error.name === 'CredentialsProviderError' || /Could not load credentials/.test(error.message ?? '')) {
    const profile = env.AWS_PROFILE ? ` (AWS_PROFILE=${env.AWS_PROFILE} gave none)` : '';
    return new InputError(`no AWS credentials${profile}: set AWS_PROFILE to a configured profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (against the simulator any values do)`);
  }
  const code = error.code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code && UNREACHABLE[code]) {
    const where = error.address ? `${error.address}${error.port ? `:${error.port}` : ''}` : error.hostname ?? 'the AWS endpoint';
    const variable = endpointVariableFor(where, env);
    const service = variable === undefined ? 'EKS' : SERVICE_OF[variable];
    const fix = variable
      ? `start the simulator there (npx eks-upgrade simulator) or fix ${variable}`
      : 'check the network and the region, or set AWS_ENDPOINT_URL_EKS to reach a simulator';
    return new EndpointUnreachableError(`cannot reach the ${service} endpoint ${variable ? `${variable}=${env[variable]} ` : ''}(${where}: ${UNREACHABLE[code]}); ${fix}`);
  }
  return e;
}

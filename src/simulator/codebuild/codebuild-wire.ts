import { jsonResponse, type SimResponse } from '../sim-http';

/**
 * CodeBuild speaks the awsJson1.1 protocol: a POST to `/` naming the operation in `X-Amz-Target`
 * (`CodeBuild_20161006.StartBuild`), JSON in and out, timestamps as epoch seconds, and errors as `__type` in the body.
 */
export const CODEBUILD_CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'CodeBuild_20161006.';

/** The operations the simulator serves: the ones the `aws_codebuild_start_build` action calls, and StopBuild. */
export const CODEBUILD_OPERATIONS = ['StartBuild', 'BatchGetBuilds', 'StopBuild'] as const;

export class CodeBuildError extends Error {
  /** Every CodeBuild client error the simulator sends is a 400, as the service model declares them. */
  readonly status = 400;

  constructor(readonly type: 'InvalidInputException' | 'ResourceNotFoundException' | 'UnknownOperationException', message: string) {
    super(message);
    this.name = type;
  }
}

/** The CodeBuild operation a request names, or undefined for a request to another service. */
export function codeBuildOperation(headers: Record<string, string>): string | undefined {
  const target = headers['x-amz-target'];
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

export function codeBuildOk(body: Record<string, unknown>): SimResponse {
  return jsonResponse(200, body, {}, CODEBUILD_CONTENT_TYPE);
}

export function codeBuildFailure(error: unknown): SimResponse {
  if (error instanceof CodeBuildError) return jsonResponse(error.status, { __type: error.type, message: error.message }, {}, CODEBUILD_CONTENT_TYPE);
  return jsonResponse(500, { __type: 'InternalFailure', message: (error as Error)?.message ?? String(error) }, {}, CODEBUILD_CONTENT_TYPE);
}

/** Epoch milliseconds as the protocol's timestamps: epoch seconds. */
export const wireTime = (ms: number) => ms / 1000;

import type { SimState } from './state';
import { epochSeconds } from './wire';

/** SSM speaks awsJson1.1: the operation in `X-Amz-Target`, errors as `__type` in the body. */
export const SSM_CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AmazonSSM.';
/** When the seeded AMI release parameters were published. */
const PUBLISHED_AT = '2025-06-10T18:00:00.000Z';

export class SsmError extends Error {
  constructor(readonly type: string, readonly status: number, message?: string) {
    super(message ?? type);
    this.name = type;
  }
}

export function ssmOperation(headers: Record<string, string>): string | undefined {
  const target = headers['x-amz-target'];
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

/** GetParameter over the seeded parameters; the only SSM operation the EKS upgrade flow needs. */
export function getParameter(state: SimState, body: Record<string, any>): Record<string, unknown> {
  const name = body.Name;
  if (typeof name !== 'string' || name === '') throw new SsmError('ValidationException', 400, 'Parameter name must not be empty.');
  const value = state.ssmParameters[name];
  if (value === undefined) throw new SsmError('ParameterNotFound', 400);
  return {
    Parameter: {
      Name: name,
      Type: 'String',
      Value: value,
      Version: 1,
      LastModifiedDate: epochSeconds(PUBLISHED_AT),
      ARN: `arn:aws:ssm:${state.region}::parameter${name}`,
      DataType: 'text',
    },
  };
}

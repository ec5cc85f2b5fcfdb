/** The simulator's EC2: the launch template and network operations, behind EC2's query protocol. */
import type { Ec2Operation } from './ec2-operation';
import { ec2ErrorResponse, Ec2Error, ec2Response, parseQuery } from './ec2-query';
import { LAUNCH_TEMPLATE_OPERATIONS } from './launch-template-operations';
import type { LaunchTemplateStore } from './launch-template-store';
import { NETWORK_OPERATIONS } from './network-operations';
import type { SimResponse } from '../sim-http';
import type { SimState } from '../state';

const EC2_OPERATIONS: Record<string, Ec2Operation> = { ...LAUNCH_TEMPLATE_OPERATIONS, ...NETWORK_OPERATIONS };

export interface Ec2Answer {
  readonly response: SimResponse;
  readonly operation: string;
  readonly resource?: string;
  readonly mutating: boolean;
}

/**
 * Answers one EC2 request; an action the simulator does not serve is EC2's `InvalidAction`. A mutating call repeated
 * with its `ClientToken` (the provider sends one, and its SDK retries with it) gets the first call's answer and changes
 * nothing again; the same token with other parameters is `IdempotentParameterMismatch` (EC2 User Guide, "Ensuring
 * idempotency").
 */
export function handleEc2(
  body: string, store: LaunchTemplateStore, now: number, tokens: Map<string, { body: string; answer: Ec2Answer }>, state: SimState,
): Ec2Answer {
  const query = parseQuery(body);
  const operation = typeof query.Action === 'string' ? query.Action : 'Unknown';
  const served = EC2_OPERATIONS[operation] as Ec2Operation | undefined;
  const token = served?.mutating && typeof query.ClientToken === 'string' ? `${operation}:${query.ClientToken}` : undefined;
  try {
    if (!served) throw new Ec2Error('InvalidAction', `The action ${operation} is not valid for this web service.`);
    const earlier = token === undefined ? undefined : tokens.get(token);
    if (earlier !== undefined) {
      if (earlier.body !== body) throw new Ec2Error('IdempotentParameterMismatch', 'The client token you have provided is associated with a request that had different parameters.');
      return earlier.answer;
    }
    const result = served.run({ store, state, query, now });
    const answer = { response: ec2Response(operation, result.xml), operation, resource: result.resource, mutating: served.mutating };
    if (token !== undefined) tokens.set(token, { body, answer });
    return answer;
  } catch (error) {
    const e = error instanceof Ec2Error ? error : new Ec2Error('InternalError', (error as Error).message, 500);
    return { response: ec2ErrorResponse(e), operation, mutating: served?.mutating ?? false };
  }
}

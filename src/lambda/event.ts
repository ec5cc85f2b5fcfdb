import { InputError } from '../errors/run-errors';

/** What Terraform is doing to the `aws_lambda_invocation` (lifecycle_scope CRUD) that invoked the function. */
export type LambdaAction = 'create' | 'update' | 'delete';

const ACTIONS: readonly LambdaAction[] = ['create', 'update', 'delete'];

/**
 * The key under which `aws_lambda_invocation` adds lifecycle information to the input (its `terraform_key`,
 * `tf` unless configured otherwise): `{ action, prev_input }`.
 */
const TERRAFORM_KEY = 'tf';

/** An invocation event taken apart: the spec as Terraform rendered it, and what Terraform is doing. */
export interface LambdaEvent {
  readonly action: LambdaAction;
  /** The event without the lifecycle key: the upgrade spec, still unchecked. */
  readonly input: Record<string, unknown>;
  /** The input of the previous invocation (update and delete), without the lifecycle key. */
  readonly previous?: Record<string, unknown>;
}

/**
 * Reads an invocation event. An event without the lifecycle key (a direct `aws lambda invoke` with a spec) is a
 * create: it reconciles.
 */
export function readLambdaEvent(event: unknown): LambdaEvent {
  if (!isObject(event)) {
    throw new InputError(`the event must be a JSON object: the upgrade spec, with a '${TERRAFORM_KEY}' object when aws_lambda_invocation (lifecycle_scope CRUD) sends it; got ${describe(event)}`);
  }
  const { [TERRAFORM_KEY]: lifecycle, ...input } = event;
  if (lifecycle === undefined || lifecycle === null) return { action: 'create', input };
  if (!isObject(lifecycle)) {
    throw new InputError(`event.${TERRAFORM_KEY} must be an object { action, prev_input } as aws_lambda_invocation sends it; got ${describe(lifecycle)}`);
  }
  const action = lifecycle.action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw new InputError(`event.${TERRAFORM_KEY}.action must be one of ${ACTIONS.join(', ')}; got ${describe(action)}`);
  }
  const prev = lifecycle.prev_input;
  if (prev !== undefined && prev !== null && !isObject(prev)) {
    throw new InputError(`event.${TERRAFORM_KEY}.prev_input must be the previous input (a JSON object) or null; got ${describe(prev)}`);
  }
  let previous: Record<string, unknown> | undefined;
  if (isObject(prev)) {
    const { [TERRAFORM_KEY]: _ignored, ...rest } = prev;
    previous = rest;
  }
  return { action: action as LambdaAction, input, previous };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

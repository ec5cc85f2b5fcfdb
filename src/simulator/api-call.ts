import { EksError, serviceErrors } from './eks-errors';
import { resourceId } from './identifiers';
import type { OperationContext } from './operation-context';
import { isMutating, matchRoute } from './routes';
import { jsonResponse, type SimResponse } from './sim-http';
import { getParameter, SSM_CONTENT_TYPE, SsmError } from './ssm';

/** One request bound to its operation, with the protocol's way of answering it (restJson1 for EKS, awsJson1.1 for SSM). */
export interface ApiCall {
  operation: string;
  resource?: string;
  mutating: boolean;
  /** Path parameters by their names in the SDK's URI templates. */
  path: Record<string, string>;
  run(ctx: OperationContext): Record<string, unknown>;
  ok(body: Record<string, unknown>): SimResponse;
  fail(error: unknown): SimResponse;
  faultError(kind: 'throttle' | 500 | 503): Error;
}

export function eksCall(method: string, path: string, query: Record<string, string | string[]>): ApiCall {
  const route = matchRoute(method, path);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const cluster = route?.path.name ?? route?.path.clusterName;
  return {
    operation: route?.operation ?? 'Unknown',
    // DescribeUpdate and ListUpdates name a node group or add-on in the query; the rest in the path.
    resource: cluster === undefined ? undefined : resourceId(cluster, {
      nodegroup: route!.path.nodegroupName ?? first(query.nodegroupName),
      addon: route!.path.addonName ?? first(query.addonName),
    }),
    mutating: route !== undefined && isMutating(route.operation),
    path: route?.path ?? {},
    run: (ctx) => {
      if (!route) throw new EksError('UnknownOperationException', `No EKS operation serves ${method} ${path}`);
      return route.handler(ctx);
    },
    ok: (body) => jsonResponse(200, body),
    fail: (error) => {
      const e = error instanceof EksError ? error : new EksError('ServerException', `Internal error: ${(error as Error)?.message ?? String(error)}`);
      return jsonResponse(e.status, { message: e.message, ...e.fields }, { 'x-amzn-errortype': e.type });
    },
    faultError: (kind) => (kind === 'throttle' ? serviceErrors.throttled() : kind === 503 ? serviceErrors.unavailable() : serviceErrors.server()),
  };
}

export function ssmCall(operation: string, body: Record<string, any>): ApiCall {
  return {
    operation,
    resource: typeof body.Name === 'string' ? `parameter${body.Name.startsWith('/') ? '' : '/'}${body.Name}` : undefined,
    mutating: false,
    path: {},
    run: (ctx) => {
      if (operation !== 'GetParameter') throw new SsmError('UnknownOperationException', 400, `The simulator serves only SSM GetParameter, not ${operation}`);
      return getParameter(ctx.state, ctx.body);
    },
    ok: (result) => jsonResponse(200, result, {}, SSM_CONTENT_TYPE),
    fail: (error) => {
      const e = error instanceof SsmError ? error : new SsmError('InternalServerError', 500, (error as Error)?.message);
      return jsonResponse(e.status, { __type: e.type, ...(e.message !== e.type ? { message: e.message } : {}) }, {}, SSM_CONTENT_TYPE);
    },
    faultError: (kind) => (kind === 'throttle' ? new SsmError('ThrottlingException', 400, 'Rate exceeded') : new SsmError('InternalServerError', 500)),
  };
}

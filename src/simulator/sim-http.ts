import { randomUUID } from 'node:crypto';

/** An HTTP request as the simulator core takes it (no sockets: the server and in-process callers build these). */
export interface SimRequest {
  method: string;
  /** The URL path, without the query string. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): SimResponse {
  return {
    status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

import { createHash } from 'node:crypto';
import type { SimResponse } from './sim-http';

/**
 * STS AssumeRole, so that runners which assume a role (one account per stack) can be rehearsed: the handler reaches it
 * at AWS_ENDPOINT_URL_STS through the SDK's own credential provider. STS speaks the awsQuery protocol: a form-encoded
 * POST with `Action=AssumeRole`, answered in XML
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
 *
 * The simulator checks no signature: it only remembers which role each access key it issued belongs to, so that the
 * call log can say which identity made each EKS call.
 */
const STS_CONTENT_TYPE = 'text/xml';
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** One hour: AssumeRole's default DurationSeconds. */
const DEFAULT_DURATION_SECONDS = 3600;

/**
 * The assumed-role ARN (arn:aws:sts::<account>:assumed-role/<role name>/<session name>) each access key issued so far
 * acts as, by access key id; cleared with the call log on reset.
 */
export class StsSessions {
  private readonly byKey = new Map<string, string>();
  private issued = 0;

  issue(assumedRoleArn: string): string {
    this.issued += 1;
    // ASIA + 16 characters, the shape of a temporary access key id; derived from a counter so runs are reproducible.
    const key = `ASIA${createHash('sha256').update(`${this.issued}:${assumedRoleArn}`).digest('hex').slice(0, 16).toUpperCase()}`;
    this.byKey.set(key, assumedRoleArn);
    return key;
  }

  /** The assumed-role ARN an access key acts as, when AssumeRole issued it. */
  lookup(accessKeyId: string | undefined): string | undefined {
    return accessKeyId === undefined ? undefined : this.byKey.get(accessKeyId);
  }

  clear(): void {
    this.byKey.clear();
  }
}

/** A request in STS's query protocol; the SDK's EKS and SSM clients never send one. */
export function isStsRequest(headers: Record<string, string>, body: string): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && /(^|&)Action=/.test(body);
}

/** The access key id a SigV4 `Authorization` header was signed with. */
export function signingAccessKeyId(headers: Record<string, string>): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(headers.authorization ?? '')?.[1];
}

class StsError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
  }
}

/** Answers one STS request; only AssumeRole is served. */
export function handleSts(body: string, sessions: StsSessions, nowMs: number): { response: SimResponse; operation: string; resource?: string } {
  const form = new URLSearchParams(body);
  const operation = form.get('Action') ?? 'Unknown';
  const roleArn = form.get('RoleArn') ?? undefined;
  try {
    if (operation !== 'AssumeRole') throw new StsError('InvalidAction', 400, `The simulator serves only STS AssumeRole, not ${operation}`);
    const result = assumeRole(form, sessions, nowMs);
    return { operation, resource: roleArn, response: xml(200, `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult>${result}</AssumeRoleResult>${metadata()}</AssumeRoleResponse>`) };
  } catch (error) {
    const e = error instanceof StsError ? error : new StsError('InternalFailure', 500, (error as Error).message);
    return {
      operation,
      resource: roleArn,
      response: xml(e.status, `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${escape(e.message)}</Message></Error>${metadata()}</ErrorResponse>`),
    };
  }
}

function assumeRole(form: URLSearchParams, sessions: StsSessions, nowMs: number): string {
  const roleArn = form.get('RoleArn') ?? '';
  const sessionName = form.get('RoleSessionName') ?? '';
  const externalId = form.get('ExternalId') ?? undefined;
  const role = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(roleArn);
  // Constraints from the AssumeRole API reference: RoleArn 20-2048, RoleSessionName 2-64 of [\w+=,.@-],
  // ExternalId 2-1224 of [\w+=,.@:/-], DurationSeconds 900-43200.
  if (role === null) throw new StsError('ValidationError', 400, `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be an IAM role ARN`);
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new StsError('ValidationError', 400, `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64`);
  }
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw new StsError('ValidationError', 400, '1 validation error detected: Value at \'externalId\' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:/-]* and have length between 2 and 1224');
  }
  const duration = Number(form.get('DurationSeconds') ?? DEFAULT_DURATION_SECONDS);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    const bound = duration > 43200 ? 'less than or equal to 43200' : 'greater than or equal to 900';
    throw new StsError('ValidationError', 400, `1 validation error detected: Value '${form.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${bound}`);
  }
  const [, partition, account, roleName] = role;
  const assumedRoleArn = `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
  const accessKeyId = sessions.issue(assumedRoleArn);
  const roleId = `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
  return [
    '<Credentials>',
    `<AccessKeyId>${accessKeyId}</AccessKeyId>`,
    `<SecretAccessKey>simulator-${accessKeyId.toLowerCase()}</SecretAccessKey>`,
    `<SessionToken>simulator-session-${accessKeyId.toLowerCase()}</SessionToken>`,
    `<Expiration>${new Date(nowMs + duration * 1000).toISOString()}</Expiration>`,
    '</Credentials>',
    `<AssumedRoleUser><AssumedRoleId>${roleId}:${escape(sessionName)}</AssumedRoleId><Arn>${escape(assumedRoleArn)}</Arn></AssumedRoleUser>`,
  ].join('');
}

function metadata(): string {
  return '<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata>';
}

function xml(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': STS_CONTENT_TYPE }, body: text };
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

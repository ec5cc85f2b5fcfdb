/**
 * EC2's wire protocol (the `ec2` query protocol): a form-encoded POST naming the operation in `Action`, answered in XML
 * in EC2's own namespace, and errors as `<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors>`
 * (EC2 API reference, "Error codes" and "Query requests").
 */
import { createHash } from 'node:crypto';
import type { SimResponse } from '../sim-http';

const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
/** The API version every EC2 request names. */
const EC2_API_VERSION = '2016-11-15';

/**
 * A request for EC2: form-encoded, signed for the `ec2` service (the SigV4 credential scope names it), or, unsigned,
 * naming EC2's API version. STS's query requests share the form encoding but name `sts` and another version.
 */
export function isEc2Request(headers: Record<string, string>, body: string): boolean {
  if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return false;
  const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '')?.[1];
  if (service !== undefined) return service === 'ec2';
  return new URLSearchParams(body).get('Version') === EC2_API_VERSION;
}

export class Ec2Error extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = code;
  }
}

/**
 * The form's parameters as a tree: `LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeSize=20` becomes
 * `{ LaunchTemplateData: { BlockDeviceMapping: [{ Ebs: { VolumeSize: '20' } }] } }` (list members are numbered
 * from 1 in the query protocol). Values stay strings, as EC2 receives them.
 */
export function parseQuery(body: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.');
    let node: any = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const index = /^\d+$/.test(part) ? Number(part) - 1 : undefined;
      const slot = index ?? part;
      if (last) {
        node[slot] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]);
      node[slot] ??= nextIsIndex ? [] : {};
      node = node[slot];
    });
  }
  return root;
}

/** The request's list parameter (`Name.1`, `Name.2`, …) as an array, dense, of strings. */
export function listParam(query: Record<string, any>, name: string): string[] {
  const value = query[name];
  return Array.isArray(value) ? value.filter((v) => v !== undefined).map(String) : [];
}

/**
 * XML for a value in EC2's response style: members in lower camel case, lists as `<nameSet><item>…</item></nameSet>`
 * (the request's `SecurityGroupId.N` is the response's `securityGroupIdSet`, `BlockDeviceMapping.N`
 * `blockDeviceMappingSet`, `Tag.N` `tagSet`), except lists whose member name is already plural, which keep it
 * (DescribeLaunchTemplates' `launchTemplates`).
 */
export function toXml(value: Record<string, any>): string {
  return Object.entries(value).filter(([, v]) => v !== undefined).map(([key, v]) => member(key, v)).join('');
}

function member(key: string, value: unknown): string {
  const name = key.charAt(0).toLowerCase() + key.slice(1);
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map((v) => `<item>${typeof v === 'object' && v !== null ? toXml(v) : escapeXml(String(v))}</item>`);
    const list = name.endsWith('s') ? name : `${name}Set`;
    return `<${list}>${items.join('')}</${list}>`;
  }
  if (typeof value === 'object' && value !== null) return `<${name}>${toXml(value as Record<string, any>)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An operation's answer: `<{Action}Response>` with its request id and the result members, already XML. */
export function ec2Response(action: string, innerXml: string): SimResponse {
  return xml(200, `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}"><requestId>${requestId(innerXml)}</requestId>${innerXml}</${action}Response>`);
}

export function ec2ErrorResponse(error: Ec2Error): SimResponse {
  return xml(error.status, `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId(error.message)}</RequestID></Response>`);
}

function xml(status: number, body: string): SimResponse {
  return { status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}

/** A request id shaped like EC2's (a UUID), derived from the answer so that runs are reproducible. */
function requestId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

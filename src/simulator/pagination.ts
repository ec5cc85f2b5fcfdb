import { requestErrors } from './eks-errors';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** EKS-style pagination: `maxResults` 1–100 (default 100) and an opaque `nextToken`. */
export function paginate<T>(items: T[], maxResults: unknown, nextToken: unknown): Page<T> {
  const size = maxResults === undefined ? 100 : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > 100) throw requestErrors.maxResults(maxResults);
  const start = nextToken === undefined || nextToken === '' ? 0 : decodeToken(nextToken);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: encodeToken(end) } : {}) };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeToken(token: unknown): number {
  try {
    const { offset } = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the EKS error
  }
  throw requestErrors.nextToken();
}

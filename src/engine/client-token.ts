import { createHash } from 'node:crypto';

export interface TokenParts {
  readonly cluster: string;
  readonly resource: string;
  readonly action: string;
  /** The request as it will be sent (minus the token). */
  readonly request: unknown;
  /** Update ids EKS already lists for the resource: the same change made again later gets a new token. */
  readonly history: readonly string[];
}

/**
 * A clientRequestToken derived only from what the change is and where the resource stands, so a
 * retried, resumed or concurrent run sends the same token and EKS returns the same update instead
 * of starting a second one. Formatted as a UUID, the form EKS's own tokens take.
 */
export function clientRequestToken(parts: TokenParts): string {
  const h = createHash('sha256')
    .update(JSON.stringify([parts.cluster, parts.resource, parts.action, parts.request, [...parts.history].sort()]))
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

import type { SignatureV4 } from '@smithy/signature-v4';

/** The hash SignatureV4 signs with: the constructor the SDK configures its clients with. */
export type Sha256Constructor = ConstructorParameters<typeof SignatureV4>[0]['sha256'];

/**
 * What signs the EKS client's requests, for a caller that must sign as the same identity (the Kubernetes token, the
 * EC2 reads): its credential provider (the assumed role's when one is set), its region, its hash, and the STS
 * endpoint when one is set. Handing these on, rather than building a second chain, keeps every call one identity.
 */
export interface SigningIdentity {
  readonly credentials: () => Promise<{ readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }>;
  readonly region: () => Promise<string>;
  readonly sha256: Sha256Constructor;
  readonly stsEndpoint?: string;
}

/**
 * Why a Kubernetes read failed, in the terms the skip line needs: who is missing what (401/403), or that the
 * endpoint is not reachable from this runner (a private endpoint, a timeout), or anything else the server said.
 */
export type KubeFailure = 'unauthorized' | 'forbidden' | 'unreachable' | 'failed';

export class KubeReadError extends Error {
  constructor(readonly failure: KubeFailure, message: string, readonly status?: number) {
    super(message);
    this.name = 'KubeReadError';
  }
}

import { Token } from 'cdktf';
import { describeBadMinor } from './private/minor';

/**
 * A Kubernetes minor version as EKS names it, e.g. `1.31`.
 *
 * EKS upgrades clusters and node groups one minor at a time and manages patch levels itself, so targets name a
 * minor only: `1.31`, never `v1.31` or `1.31.2`.
 */
export class KubernetesVersion {
  /**
   * A Kubernetes minor version such as `1.31`.
   *
   * The form is checked at once unless the value is an unresolved token (then the handler checks it at apply).
   *
   * @param version the minor version, e.g. `1.31`
   */
  public static of(version: string): KubernetesVersion {
    if (!Token.isUnresolved(version)) {
      const problem = describeBadMinor(version);
      if (problem) throw new Error(problem);
    }
    return new KubernetesVersion(version);
  }

  /** The minor version as EKS names it, e.g. `1.31` (may be a token). */
  public readonly version: string;

  private constructor(version: string) {
    this.version = version;
  }
}

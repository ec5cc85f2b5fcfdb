import { ADDON_VERSION_CLUSTER_DEFAULT, ADDON_VERSION_LATEST } from '../upgrade-spec/upgrade-spec';

/** The version an EKS add-on should run. */
export class AddonVersion {
  /** The newest version EKS offers for the cluster's Kubernetes version (the default). */
  public static latest(): AddonVersion {
    return new AddonVersion(ADDON_VERSION_LATEST);
  }

  /** The version EKS marks as the default for the cluster's Kubernetes version. */
  public static clusterDefault(): AddonVersion {
    return new AddonVersion(ADDON_VERSION_CLUSTER_DEFAULT);
  }

  /**
   * An exact add-on version.
   *
   * @param version e.g. `v1.19.0-eksbuild.1`
   */
  public static of(version: string): AddonVersion {
    return new AddonVersion(version);
  }

  /** The value handed to the upgrade handler: `latest`, `clusterDefault` or an exact version. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

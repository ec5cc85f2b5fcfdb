import { RELEASE_VERSION_LATEST } from '../spec/upgrade-spec';

/**
 * The AMI release of an EKS-optimized managed node group, e.g. `1.31.0-20241024`.
 *
 * Only for node groups without a custom AMI: a node group whose launch template pins an image id rolls its AMI
 * through the launch template instead (see `NodeLaunchTemplate`).
 */
export class ReleaseVersion {
  /**
   * The newest AMI release EKS recommends for the node group's Kubernetes version, looked up from the public SSM
   * parameters when the upgrade runs.
   */
  public static latest(): ReleaseVersion {
    return new ReleaseVersion(RELEASE_VERSION_LATEST);
  }

  /**
   * An exact AMI release version.
   *
   * @param releaseVersion e.g. `1.31.0-20241024` (Amazon Linux) or a Bottlerocket release such as `1.26.2-360b7a38`
   */
  public static of(releaseVersion: string): ReleaseVersion {
    return new ReleaseVersion(releaseVersion);
  }

  /** The value handed to the upgrade handler: `latest` or an exact release version. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

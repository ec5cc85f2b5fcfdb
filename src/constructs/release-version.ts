import { Token } from 'cdktf';
import { describeReleaseFormats, isReleaseVersion } from '../upgrade-spec/release-version-format';
import { RELEASE_VERSION_LATEST } from '../upgrade-spec/upgrade-spec';

/**
 * The AMI release of an EKS-optimized managed node group: `1.31.3-20241213` (Amazon Linux), `1.31-2024.11.12`
 * (Windows) or `1.43.0-5a2b9c1d` (Bottlerocket).
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
   * An exact AMI release version, in the form of the node group's AMI family. Amazon Linux and Windows releases name
   * the Kubernetes minor they are built for, which must be the node group's; Bottlerocket releases are OS versions.
   *
   * The form is checked at once unless the value is an unresolved token (then the handler checks it at apply).
   *
   * @param releaseVersion e.g. `1.31.3-20241213` (Amazon Linux), `1.31-2024.11.12` (Windows) or `1.43.0-5a2b9c1d` (Bottlerocket)
   */
  public static of(releaseVersion: string): ReleaseVersion {
    // RELEASE-FORMAT: the same forms the spec parser accepts (src/upgrade-spec/release-version-format.ts cites them).
    if (!Token.isUnresolved(releaseVersion) && releaseVersion !== RELEASE_VERSION_LATEST && !isReleaseVersion(releaseVersion)) {
      throw new Error(`ReleaseVersion.of: '${releaseVersion}' is not an AMI release version: use ${describeReleaseFormats()}, or ReleaseVersion.latest()`);
    }
    return new ReleaseVersion(releaseVersion);
  }

  /** The value handed to the upgrade handler: `latest` or an exact release version. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

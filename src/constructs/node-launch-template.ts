import type {
  LaunchTemplate, LaunchTemplateBlockDeviceMappings, LaunchTemplateMetadataOptions, LaunchTemplateTagSpecifications,
} from '@cdktf/provider-aws/lib/launch-template';
import { Annotations, Fn, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { NodeAmi } from './node-ami';
import { NodegroupLaunchTemplateTarget } from './nodegroup-target';
import { loadProviderAws } from './private/provider-aws';

/**
 * The settings of a node launch template besides its image (which comes from `NodeLaunchTemplateProps.ami`).
 *
 * EKS refuses some launch template settings for managed node groups (IAM instance profile, subnets, hibernation,
 * …); set those on the node group instead.
 */
export interface NodeLaunchTemplateOptions {
  /**
   * The template's name. Exclusive with `namePrefix`.
   *
   * @default - Terraform generates a unique name
   */
  readonly name?: string;

  /**
   * A prefix for a generated unique name. Exclusive with `name`.
   *
   * @default - Terraform generates a unique name
   */
  readonly namePrefix?: string;

  /**
   * A description of the template.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * The EC2 instance type, e.g. `m7i.large`. Leave unset to give instance types on the node group instead.
   *
   * @default - set on the node group
   */
  readonly instanceType?: string;

  /**
   * The EC2 key pair for SSH access.
   *
   * @default - no key pair
   */
  readonly keyName?: string;

  /**
   * The instance user data as plain text; the construct base64-encodes it.
   *
   * Because the template pins an image id, EKS treats node groups using it as custom-AMI node groups and adds no
   * bootstrap of its own: the user data must join the node to the cluster (AL2023: a nodeadm `NodeConfig`;
   * Bottlerocket: TOML settings; AL2: a call to `/etc/eks/bootstrap.sh`).
   *
   * @default - none (a warning is added: nodes will not join the cluster unless the image bootstraps itself)
   */
  readonly userData?: string;

  /**
   * Security groups for the instances.
   *
   * @default - the cluster security group EKS assigns
   */
  readonly vpcSecurityGroupIds?: string[];

  /**
   * Block device mappings, e.g. a larger root volume.
   *
   * @default - the image's block devices
   */
  readonly blockDeviceMappings?: LaunchTemplateBlockDeviceMappings[];

  /**
   * Instance metadata service options; EKS recommends `httpTokens: 'required'` with `httpPutResponseHopLimit: 2`.
   *
   * @default - the EC2 defaults
   */
  readonly metadataOptions?: LaunchTemplateMetadataOptions;

  /**
   * Tags for the resources launched from the template (instances, volumes, network interfaces).
   *
   * @default - none
   */
  readonly tagSpecifications?: LaunchTemplateTagSpecifications[];

  /**
   * Tags for the launch template itself.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** Properties of a `NodeLaunchTemplate`. */
export interface NodeLaunchTemplateProps {
  /** The image the nodes boot, e.g. `NodeAmi.eksOptimized({ ... })`. */
  readonly ami: NodeAmi;

  /**
   * The other launch template settings.
   *
   * @default - only the image
   */
  readonly launchTemplate?: NodeLaunchTemplateOptions;

  /**
   * The AWS provider for the launch template and the AMI's SSM parameter.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An `aws_launch_template` for EKS managed node groups whose image follows a `NodeAmi`.
 *
 * The template sets `update_default_version`, so every change (a new AMI, new user data, …) makes a new template
 * version. Target that version from a node group with `forNodegroup()`: the version changes, the spec handed to the
 * upgrade changes, and the node group rolls to the new template as in EKS's "Upgrading AMIs" flow.
 *
 * Because the template pins an image id, EKS treats the node groups using it as custom-AMI node groups (amiType
 * CUSTOM): their Kubernetes version and AMI are the image's, so their node-group targets must not set `version` or
 * `releaseVersion` — to move them to a new Kubernetes version, point the AMI at that version.
 */
export class NodeLaunchTemplate extends Construct {
  /** The image the template's instances boot. */
  public readonly ami: NodeAmi;

  /** The underlying `aws_launch_template`, for settings this construct does not expose. */
  public readonly resource: LaunchTemplate;

  /** The launch template's id (a token resolved by Terraform). */
  public readonly launchTemplateId: string;

  /** The launch template's newest version number (a token resolved by Terraform). */
  public readonly latestVersion: number;

  /**
   * True when the image is a fixed image id (`NodeAmi.fromImageId`) rather than an EKS-optimized AMI read from SSM.
   *
   * Either way EKS treats node groups using this template as custom-AMI node groups, because the template pins an
   * image id.
   */
  public readonly isCustomAmi: boolean;

  /** The image id the template uses (a token unless fixed). */
  public readonly imageId: string;

  private readonly latestVersionText: string;

  constructor(scope: Construct, id: string, props: NodeLaunchTemplateProps) {
    super(scope, id);
    const options = props.launchTemplate ?? {};
    if (options.name !== undefined && options.namePrefix !== undefined) {
      throw new Error(`${this.node.path}: launchTemplate: sets both name and namePrefix: Terraform accepts one; keep either`);
    }
    this.ami = props.ami;
    this.isCustomAmi = !props.ami.isEksOptimized;
    this.imageId = props.ami.bind(this, props.provider).imageId;

    if (options.userData === undefined) {
      Annotations.of(this).addWarning(
        'no userData: the template pins an image id, so EKS adds no bootstrap user data and nodes join the cluster only if the image bootstraps itself',
      );
    }

    const { LaunchTemplate: LaunchTemplateResource } = loadProviderAws<typeof import('@cdktf/provider-aws/lib/launch-template')>('launch-template', 'NodeLaunchTemplate');
    this.resource = new LaunchTemplateResource(this, 'Resource', {
      provider: props.provider,
      name: options.name,
      namePrefix: options.namePrefix,
      description: options.description,
      imageId: this.imageId,
      instanceType: options.instanceType,
      keyName: options.keyName,
      userData: options.userData === undefined ? undefined : base64(options.userData),
      vpcSecurityGroupIds: options.vpcSecurityGroupIds,
      blockDeviceMappings: options.blockDeviceMappings,
      metadataOptions: options.metadataOptions,
      tagSpecifications: options.tagSpecifications,
      tags: options.tags,
      updateDefaultVersion: true,
    });
    // Each attribute read makes a new token; keep one of each so targets built from them can be recognised.
    this.launchTemplateId = this.resource.id;
    this.latestVersion = this.resource.latestVersion;
    this.latestVersionText = Token.asString(this.latestVersion);
  }

  /**
   * The launch template target for a node group using this template: its id and newest version.
   *
   * Use it as `NodegroupTarget.launchTemplate`; do not combine it with `version` or `releaseVersion` on that target.
   */
  public forNodegroup(): NodegroupLaunchTemplateTarget {
    return { id: this.launchTemplateId, version: this.latestVersionText };
  }
}

function base64(text: string): string {
  return Token.isUnresolved(text) ? Fn.base64encode(text) : Buffer.from(text, 'utf8').toString('base64');
}

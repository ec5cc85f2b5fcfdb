import { TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesVersion } from './kubernetes-version';
import { loadProviderAws } from './private/provider-aws';
import { AL2_LAST_MINOR, isPastAmazonLinux2 } from '../upgrade-spec/amazon-linux-2';

/** The operating system of an EKS-optimized AMI. */
export enum NodeOs {
  /** Amazon Linux 2023. */
  AL2023 = 'AL2023',
  /** Bottlerocket. */
  BOTTLEROCKET = 'BOTTLEROCKET',
  /** Amazon Linux 2, for Kubernetes 1.32 and earlier: EKS publishes no AL2 AMIs for 1.33 and later (refused at synth). */
  AL2 = 'AL2',
}

/** The processor architecture of an AMI. */
export enum Arch {
  /** x86-64 (Intel, AMD). */
  X86_64 = 'x86_64',
  /** 64-bit Arm (Graviton). */
  ARM64 = 'arm64',
}

/** The accelerator flavour of an EKS-optimized AMI. */
export enum AmiVariant {
  /** No accelerator drivers. */
  STANDARD = 'standard',
  /** NVIDIA GPU drivers. */
  NVIDIA = 'nvidia',
  /** AWS Neuron drivers (Inferentia, Trainium). */
  NEURON = 'neuron',
}

/** Which EKS-optimized AMI to use. */
export interface EksOptimizedAmiOptions {
  /** The Kubernetes minor the AMI is built for; nodes launched from it run this version. */
  readonly kubernetesVersion: KubernetesVersion;

  /** The operating system. */
  readonly os: NodeOs;

  /**
   * The processor architecture.
   *
   * @default Arch.X86_64
   */
  readonly arch?: Arch;

  /**
   * The accelerator flavour.
   *
   * @default AmiVariant.STANDARD
   */
  readonly variant?: AmiVariant;
}

/** What a `NodeAmi` yields inside a scope. */
export interface NodeAmiConfig {
  /** The image id, e.g. `ami-0123456789abcdef0`, usually a token resolved by Terraform. */
  readonly imageId: string;
}

/**
 * The machine image of a `NodeLaunchTemplate`.
 */
export class NodeAmi {
  /**
   * The EKS-optimized AMI AWS currently recommends for a Kubernetes version, OS, architecture and variant, read
   * at plan time from its public SSM parameter (a `aws_ssm_parameter` data source).
   *
   * When AWS publishes a newer AMI the parameter changes, so the next apply makes a new launch template version and
   * rolls the node groups that target it.
   */
  public static eksOptimized(options: EksOptimizedAmiOptions): NodeAmi {
    const parameterName = eksOptimizedParameterName(options);
    return new NodeAmi(parameterName, undefined, options.kubernetesVersion.version);
  }

  /**
   * A fixed image id: your own AMI, or a pinned EKS-optimized one.
   *
   * @param imageId e.g. `ami-0123456789abcdef0`
   */
  public static fromImageId(imageId: string): NodeAmi {
    if (!Token.isUnresolved(imageId) && !/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(imageId)) {
      throw new Error(`NodeAmi.fromImageId: '${imageId}' is not an AMI id: use the form ami-0123456789abcdef0`);
    }
    return new NodeAmi(undefined, imageId, undefined);
  }

  /**
   * The public SSM parameter the image id is read from; undefined for a fixed image id.
   */
  public readonly ssmParameterName?: string;

  /**
   * The Kubernetes minor the AMI is built for; undefined for a fixed image id (not known at synth).
   */
  public readonly kubernetesVersion?: string;

  private readonly fixedImageId?: string;

  private constructor(ssmParameterName: string | undefined, imageId: string | undefined, kubernetesVersion: string | undefined) {
    this.ssmParameterName = ssmParameterName;
    this.fixedImageId = imageId;
    this.kubernetesVersion = kubernetesVersion;
  }

  /** True when the image is an EKS-optimized AMI read from its SSM parameter, false for a fixed image id. */
  public get isEksOptimized(): boolean {
    return this.ssmParameterName !== undefined;
  }

  /**
   * Makes the image id available in a scope: for an EKS-optimized AMI, adds the SSM parameter data source
   * (construct id `AmiParameter`) to it.
   *
   * @param scope where the data source goes
   * @param provider the AWS provider to read the parameter with (default: the stack's default AWS provider)
   */
  public bind(scope: Construct, provider?: TerraformProvider): NodeAmiConfig {
    if (this.ssmParameterName === undefined) {
      return { imageId: this.fixedImageId! };
    }
    const { DataAwsSsmParameter } = loadProviderAws<typeof import('@cdktf/provider-aws/lib/data-aws-ssm-parameter')>('data-aws-ssm-parameter', 'NodeAmi.eksOptimized');
    const parameter = new DataAwsSsmParameter(scope, 'AmiParameter', {
      name: this.ssmParameterName,
      provider,
    });
    // The public AMI parameters are not secret; `value` is marked sensitive by the provider and would hide the
    // image id in every plan.
    return { imageId: parameter.insecureValue };
  }
}

/** The public SSM parameter naming the recommended EKS-optimized AMI for these options. */
function eksOptimizedParameterName(options: EksOptimizedAmiOptions): string {
  const k = options.kubernetesVersion.version;
  const arch = options.arch ?? Arch.X86_64;
  const variant = options.variant ?? AmiVariant.STANDARD;
  const unsupported = (why: string) =>
    new Error(`NodeAmi.eksOptimized: ${options.os} ${arch} ${variant}: ${why}`);

  switch (options.os) {
    case NodeOs.AL2023:
      if (arch === Arch.ARM64 && variant === AmiVariant.NEURON) {
        throw unsupported('EKS publishes Neuron AMIs for x86_64 only; use Arch.X86_64 (Inferentia and Trainium instances are x86_64)');
      }
      return `/aws/service/eks/optimized-ami/${k}/amazon-linux-2023/${arch}/${variant}/recommended/image_id`;
    case NodeOs.AL2: {
      if (!Token.isUnresolved(k) && isPastAmazonLinux2(k)) {
        // AL2-ENDS-1-32: https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html
        throw unsupported(`os: EKS publishes no Amazon Linux 2 AMI for kubernetesVersion ${k} (the last is ${AL2_LAST_MINOR}); use NodeOs.AL2023 or NodeOs.BOTTLEROCKET`);
      }
      let flavour: string;
      if (variant === AmiVariant.STANDARD) {
        flavour = arch === Arch.ARM64 ? 'amazon-linux-2-arm64' : 'amazon-linux-2';
      } else if (arch === Arch.X86_64) {
        flavour = 'amazon-linux-2-gpu'; // AL2's accelerated AMI carries both the NVIDIA and the Neuron drivers
      } else {
        throw unsupported('EKS publishes accelerated AL2 AMIs for x86_64 only; use Arch.X86_64 or NodeOs.AL2023');
      }
      return `/aws/service/eks/optimized-ami/${k}/${flavour}/recommended/image_id`;
    }
    case NodeOs.BOTTLEROCKET: {
      if (variant === AmiVariant.NEURON) {
        throw unsupported('Bottlerocket publishes no separate Neuron variant; use NodeOs.AL2023 with AmiVariant.NEURON');
      }
      const flavour = variant === AmiVariant.NVIDIA ? '-nvidia' : '';
      return `/aws/service/bottlerocket/aws-k8s-${k}${flavour}/${arch}/latest/image_id`;
    }
    default:
      throw new Error(`NodeAmi.eksOptimized: unknown os '${options.os}': use NodeOs.AL2023, NodeOs.BOTTLEROCKET or NodeOs.AL2`);
  }
}

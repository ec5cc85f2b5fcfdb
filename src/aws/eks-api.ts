import {
  CancelUpdateCommand, DescribeAddonCommand, DescribeClusterCommand, DescribeClusterVersionsCommand,
  DescribeInsightCommand, DescribeInsightsRefreshCommand, StartInsightsRefreshCommand,
  DescribeNodegroupCommand, DescribePodIdentityAssociationCommand, DescribeUpdateCommand, EKSClient,
  paginateDescribeAddonVersions, paginateListAddons, paginateListInsights,
  paginateListNodegroups,
  paginateListUpdates, UpdateAddonCommand, UpdateClusterVersionCommand, UpdateNodegroupConfigCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import type {
  Addon, AddonInfo, Category, Cluster, ClusterVersionInformation, DescribeInsightsRefreshCommandOutput,
  Insight, InsightSummary, Nodegroup, PodIdentityAssociation, Update, UpdateAddonCommandInput,
  UpdateClusterVersionCommandInput, UpdateNodegroupConfigCommandInput, UpdateNodegroupVersionCommandInput,
} from '@aws-sdk/client-eks';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { NetworkReader } from './cluster-network';
import { ec2Endpoint } from './ec2-endpoint';
import { Ec2NetworkReader } from './ec2-network-reader';
import type { Ec2HttpHandler } from './ec2-query';
import type { SigningIdentity } from './signing-identity';
import { EndpointUnreachableError, InputError } from '../errors/run-errors';
import type { AssumeRoleSpec } from '../upgrade-spec/upgrade-spec';

export interface EksApiOptions {
  /** Absent: the SDK's region chain (AWS_REGION, profile). */
  readonly region?: string;
  /** Total attempts per call, including the SDK's retries (adaptive mode: backs off and rate-limits on throttling). */
  readonly maxAttempts?: number;
  /** For tests and in-process benchmarks: replaces the HTTP transport of both clients. */
  readonly requestHandler?: unknown;
  /** Explicit endpoints (same effect as AWS_ENDPOINT_URL_EKS / AWS_ENDPOINT_URL_SSM / AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_EC2). */
  readonly endpoints?: { readonly eks?: string; readonly ssm?: string; readonly sts?: string; readonly ec2?: string };
  /** Explicit credentials; absent: the SDK's default provider chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * A role to act as: the credentials above (or the default chain) sign only STS AssumeRole, whose temporary
   * credentials sign every EKS and SSM call; they are shared by both clients and renewed 5 minutes before they
   * expire (assumedRoleCredentials). AWS_ENDPOINT_URL_STS reaches a simulator.
   */
  readonly assumeRole?: AssumeRoleSpec;
  /**
   * EC2 reads of the cluster's subnets and security groups (CP-NETWORK): `'ec2'` reads EC2's query API as this client's
   * identity, over its HTTP handler (what the CLI and the Lambda handler use); a reader answers instead; absent: not
   * checked, and the plan says so.
   */
  readonly network?: NetworkReader | 'ec2';
}

/** Where an update lives: DescribeUpdate needs the node-group or add-on name for those kinds. */
export interface UpdateLocation {
  readonly nodegroupName?: string;
  readonly addonName?: string;
}

/**
 * The one module through which every EKS and SSM call goes. Endpoints come from the SDK's standard
 * configuration (AWS_ENDPOINT_URL_EKS / AWS_ENDPOINT_URL_SSM), which is how the simulator is reached.
 */
export class EksApi {
  private readonly eks: EKSClient;
  private readonly ssm: SSMClient;
  private readonly counts = new Map<string, number>();
  private readonly stsEndpoint?: string;

  /** CP-NETWORK: the EC2 reads, when this run has them. */
  readonly network?: NetworkReader;

  constructor(readonly clusterName: string, options: EksApiOptions = {}) {
    this.stsEndpoint = options.endpoints?.sts ?? process.env.AWS_ENDPOINT_URL_STS ?? process.env.AWS_ENDPOINT_URL;
    const config = {
      region: options.region,
      retryMode: 'adaptive',
      maxAttempts: options.maxAttempts ?? 8,
      ...(options.requestHandler ? { requestHandler: options.requestHandler as any } : {}),
    };
    const credentials = options.assumeRole
      ? { credentials: assumedRoleCredentials(clusterName, options.assumeRole, options) }
      : options.credentials ? { credentials: options.credentials } : {};
    this.eks = new EKSClient({ ...config, ...credentials, ...(options.endpoints?.eks ? { endpoint: options.endpoints.eks } : {}) });
    this.ssm = new SSMClient({ ...config, ...credentials, ...(options.endpoints?.ssm ? { endpoint: options.endpoints.ssm } : {}) });
    for (const client of [this.eks, this.ssm] as any[]) {
      client.middlewareStack.add(
        (next: any, context: any) => (args: any) => {
          this.count(String(context.commandName ?? 'unknown').replace(/Command$/, ''));
          return next(args);
        },
        { step: 'initialize', name: 'eksUpgradeCallCounter' },
      );
    }
    this.network = options.network === 'ec2' ? this.ec2Reader(options) : options.network;
  }

  /** EC2's reads signed as this client's identity and sent through its HTTP handler, so both reach one account the same way. */
  private ec2Reader(options: EksApiOptions): NetworkReader {
    const config = this.eks.config;
    return new Ec2NetworkReader({
      identity: this.signingIdentity(),
      endpoint: async () => ec2Endpoint(await config.region(), await config.useFipsEndpoint(), options.endpoints?.ec2),
      requestHandler: config.requestHandler as unknown as Ec2HttpHandler,
      maxAttempts: options.maxAttempts ?? 8,
      onCall: (action) => this.count(action),
    });
  }

  private count(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  /** API calls made so far, per operation, EC2's reads included (one per logical call; retries are not counted). */
  callCounts(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }

  /** The EKS client's own credentials, region and hash, not a second chain that could resolve to another identity. */
  signingIdentity(): SigningIdentity {
    const config = this.eks.config;
    return { credentials: () => config.credentials(), region: () => config.region(), sha256: config.sha256, stsEndpoint: this.stsEndpoint };
  }

  async describeCluster(): Promise<Cluster> {
    return (await this.eks.send(new DescribeClusterCommand({ name: this.clusterName }))).cluster!;
  }

  async describeNodegroup(nodegroupName: string): Promise<Nodegroup> {
    return (await this.eks.send(new DescribeNodegroupCommand({ clusterName: this.clusterName, nodegroupName }))).nodegroup!;
  }

  async describeAddon(addonName: string): Promise<Addon> {
    return (await this.eks.send(new DescribeAddonCommand({ clusterName: this.clusterName, addonName }))).addon!;
  }

  async listAddons(): Promise<string[]> {
    const names: string[] = [];
    for await (const page of paginateListAddons({ client: this.eks }, { clusterName: this.clusterName })) {
      names.push(...(page.addons ?? []));
    }
    return names;
  }

  /** Every version of one add-on, across all Kubernetes versions. */
  async describeAddonVersions(addonName: string): Promise<AddonInfo[]> {
    const infos: AddonInfo[] = [];
    for await (const page of paginateDescribeAddonVersions({ client: this.eks }, { addonName })) {
      infos.push(...(page.addons ?? []));
    }
    return infos;
  }

  async listNodegroups(): Promise<string[]> {
    const names: string[] = [];
    for await (const page of paginateListNodegroups({ client: this.eks }, { clusterName: this.clusterName })) {
      names.push(...(page.nodegroups ?? []));
    }
    return names;
  }

  async listUpdateIds(where: UpdateLocation = {}): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateListUpdates({ client: this.eks }, { name: this.clusterName, ...where })) {
      ids.push(...(page.updateIds ?? []));
    }
    return ids;
  }

  async describeUpdate(updateId: string, where: UpdateLocation = {}): Promise<Update> {
    return (await this.eks.send(new DescribeUpdateCommand({ name: this.clusterName, updateId, ...where }))).update!;
  }

  async updateClusterVersion(input: Omit<UpdateClusterVersionCommandInput, 'name'>): Promise<Update> {
    return (await this.eks.send(new UpdateClusterVersionCommand({ name: this.clusterName, ...input }))).update!;
  }

  async updateNodegroupVersion(input: Omit<UpdateNodegroupVersionCommandInput, 'clusterName'>): Promise<Update> {
    return (await this.eks.send(new UpdateNodegroupVersionCommand({ clusterName: this.clusterName, ...input }))).update!;
  }

  async updateNodegroupConfig(input: Omit<UpdateNodegroupConfigCommandInput, 'clusterName'>): Promise<Update> {
    return (await this.eks.send(new UpdateNodegroupConfigCommand({ clusterName: this.clusterName, ...input }))).update!;
  }

  async updateAddon(input: Omit<UpdateAddonCommandInput, 'clusterName'>): Promise<Update> {
    return (await this.eks.send(new UpdateAddonCommand({ clusterName: this.clusterName, ...input }))).update!;
  }

  /**
   * Best effort, and only for an Auto Mode VersionRollback while its nodes roll back (CANCEL-ROLLBACK-ONLY,
   * https://docs.aws.amazon.com/eks/latest/APIReference/API_CancelUpdate.html); the token makes a retried call idempotent.
   */
  async cancelUpdate(updateId: string, clientRequestToken?: string): Promise<Update> {
    return (await this.eks.send(new CancelUpdateCommand({ name: this.clusterName, updateId, ...(clientRequestToken ? { clientRequestToken } : {}) }))).update!;
  }

  /**
   * DescribeAddon lists an add-on's pod identity associations by ARN only; this reads one's service account and
   * role (https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribePodIdentityAssociation.html).
   */
  async describePodIdentityAssociation(associationId: string): Promise<PodIdentityAssociation> {
    return (await this.eks.send(new DescribePodIdentityAssociationCommand({ clusterName: this.clusterName, associationId }))).association!;
  }

  /** Insights of one category (UPGRADE_READINESS, ROLLBACK_READINESS), for one Kubernetes version when given. */
  async listInsights(category: Category, kubernetesVersion?: string): Promise<InsightSummary[]> {
    const insights: InsightSummary[] = [];
    const filter = { categories: [category], ...(kubernetesVersion !== undefined ? { kubernetesVersions: [kubernetesVersion] } : {}) };
    for await (const page of paginateListInsights({ client: this.eks }, { clusterName: this.clusterName, filter })) {
      insights.push(...(page.insights ?? []));
    }
    return insights;
  }

  async describeInsight(id: string): Promise<Insight> {
    return (await this.eks.send(new DescribeInsightCommand({ clusterName: this.clusterName, id }))).insight!;
  }

  /** Asks EKS to regrade the cluster's insights now (https://docs.aws.amazon.com/eks/latest/APIReference/API_StartInsightsRefresh.html). */
  async startInsightsRefresh(): Promise<string | undefined> {
    return (await this.eks.send(new StartInsightsRefreshCommand({ clusterName: this.clusterName })))?.status;
  }

  /** The latest on-demand refresh: IN_PROGRESS, FAILED or COMPLETED, with when it started and ended. */
  async describeInsightsRefresh(): Promise<Pick<DescribeInsightsRefreshCommandOutput, 'status' | 'message' | 'startedAt' | 'endedAt'>> {
    const { status, message, startedAt, endedAt } = (await this.eks.send(new DescribeInsightsRefreshCommand({ clusterName: this.clusterName }))) ?? {};
    return { status, message, startedAt, endedAt };
  }

  /** Support status and dates of the given Kubernetes versions (https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeClusterVersions.html). */
  async describeClusterVersions(versions: readonly string[]): Promise<ClusterVersionInformation[]> {
    const infos: ClusterVersionInformation[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.eks.send(new DescribeClusterVersionsCommand({ clusterVersions: [...versions], ...(nextToken ? { nextToken } : {}) }));
      infos.push(...(page?.clusterVersions ?? []));
      nextToken = page?.nextToken;
    } while (nextToken);
    return infos;
  }

  /** A public SSM parameter's value, or undefined when it does not exist. */
  async getParameter(name: string): Promise<string | undefined> {
    try {
      return (await this.ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    } catch (err) {
      if (err instanceof ParameterNotFound || (err as Error).name === 'ParameterNotFound') return undefined;
      throw err;
    }
  }

  destroy(): void {
    this.eks.destroy();
    this.ssm.destroy();
  }
}

/** RoleSessionName defaults to name the cluster, so CloudTrail shows which upgrade made each call. */
export function defaultSessionName(clusterName: string): string {
  return `eks-upgrade-${clusterName}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

/** Renew the assumed role's credentials this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** STS answers that mean "not now" rather than "not allowed": left for the caller to report as they are. */
const STS_TRANSIENT = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

type TemporaryCredentials = Awaited<ReturnType<ReturnType<typeof fromTemporaryCredentials>>>;

/**
 * The assumed role's credentials, shared by the EKS and the SSM client: one AssumeRole for the whole run, renewed
 * shortly before the credentials expire (each client would otherwise assume the role for itself).
 */
function assumedRoleCredentials(clusterName: string, role: AssumeRoleSpec, options: EksApiOptions) {
  const provider = fromTemporaryCredentials({
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? defaultSessionName(clusterName),
      ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
    },
    ...(options.credentials ? { masterCredentials: options.credentials } : {}),
    clientConfig: {
      ...(options.region ? { region: options.region } : {}),
      ...(options.requestHandler ? { requestHandler: options.requestHandler as any } : {}),
      ...(options.endpoints?.sts ? { endpoint: options.endpoints.sts } : {}),
    },
  });
  let current: Promise<TemporaryCredentials> | undefined;
  let expiresAt = 0;
  return async (props?: Parameters<typeof provider>[0]): Promise<TemporaryCredentials> => {
    if (current === undefined || Date.now() >= expiresAt - RENEW_BEFORE_MS) {
      const next = provider(props).then((credentials) => {
        expiresAt = credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
        return credentials;
      });
      current = next;
      expiresAt = Number.POSITIVE_INFINITY;
      next.catch(() => {
        if (current === next) current = undefined;
      });
    }
    try {
      return await current;
    } catch (error) {
      throw explainAssumeRoleError(role, error, options.endpoints?.sts ?? process.env.AWS_ENDPOINT_URL_STS ?? process.env.AWS_ENDPOINT_URL);
    }
  };
}

/**
 * What went wrong while assuming the role, naming the setting to fix: STS's own refusal ("AccessDenied: ... is not
 * authorized to perform: sts:AssumeRole") names the role but not the trust policy; no base credentials or no STS
 * endpoint would otherwise read as an EKS problem. Throttling and server errors are left as they are.
 */
function explainAssumeRoleError(role: AssumeRoleSpec, error: unknown, stsEndpoint: string | undefined): unknown {
  const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string; cause?: { code?: string } };
  if (!e || typeof e !== 'object') return error;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (status >= 500 || STS_TRANSIENT.has(e.name)) return error;
    const externalId = role.externalId !== undefined ? ' with this externalId' : '';
    return new InputError(`STS refused to let the runner assume ${role.roleArn} (${e.name}: ${e.message}): check that the role exists and that its trust policy allows the runner's own identity${externalId}, or fix the runner's assumeRoleArn`);
  }
  if (e.name === 'CredentialsProviderError' || /Could not load credentials/.test(e.message ?? '')) {
    return new InputError(`no AWS credentials to assume ${role.roleArn} with: set AWS_PROFILE to a configured profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; they need sts:AssumeRole on that role`);
  }
  // The STS client inside the credential provider wraps a network error: its code may be only in the message.
  const code = e.code ?? e.cause?.code ?? /\b(E\p{Lu}+)\b/u.exec(e.message ?? '')?.[1];
  if (code !== undefined && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(code)) {
    const where = stsEndpoint === undefined ? 'the STS endpoint' : `the STS endpoint ${stsEndpoint}`;
    // Named as the operator set it: the STS variable, or the shared one it fell back to.
    const variable = process.env.AWS_ENDPOINT_URL_STS ? 'AWS_ENDPOINT_URL_STS' : process.env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : 'AWS_ENDPOINT_URL_STS';
    const fix = stsEndpoint === undefined ? 'check the network and the region, or set AWS_ENDPOINT_URL_STS to reach a simulator' : `start the simulator there or fix ${variable}`;
    return new EndpointUnreachableError(`cannot reach ${where} (${code}) to assume ${role.roleArn}; ${fix}`);
  }
  return error;
}

import { DataPlaneView } from './data-plane-view';
import { eksToken, REUSE_MS } from './eks-token';
import { KubeFailure, KubeReadError } from './kube-errors';
import { KubeBudget, KubeNode, KubePod, KubeWorkload, toBudget, toNode, toPod, toWorkload } from './kube-objects';
import { KubeEndpoint, KubeReader } from './kube-reader';
import { KUBE_READS } from './kube-reads';
import type { EksApi } from '../aws/eks-api';
import type { DataPlanePolicyValue } from '../upgrade-spec/upgrade-spec';

/** The data plane as read, or why it was not: the engine says which in one line, and never treats "not read" as "fine". */
export type DataPlaneRead =
  | { readonly status: 'read'; readonly view: DataPlaneView }
  | { readonly status: 'skipped'; readonly failure: KubeFailure | 'off'; readonly reason: string };

export interface ReadDataPlaneOptions {
  readonly policy: DataPlanePolicyValue;
  /** The assumed role, when the runner assumes one: the identity an access entry must name. */
  readonly principal?: string;
  readonly timeoutMs?: number;
  readonly pageSize?: number;
  /** For tests: the time tokens are signed at. */
  readonly now?: () => Date;
}

/**
 * Reads nodes, pods, PodDisruptionBudgets, Deployments and DaemonSets through the cluster's Kubernetes API, at the
 * endpoint and CA DescribeCluster gives, with a token signed as the EKS client signs. Never throws for the data
 * plane's sake: a read that fails comes back `skipped` with the reason, and the policy decides what that means.
 */
export async function readDataPlane(api: EksApi, options: ReadDataPlaneOptions): Promise<DataPlaneRead> {
  if (options.policy === 'off') return { status: 'skipped', failure: 'off', reason: 'policy.dataPlane is \'off\'' };
  let reader: KubeReader | undefined;
  try {
    reader = new KubeReader(await clusterEndpoint(api), {
      token: cachedToken(api, options.now ?? (() => new Date())),
      timeoutMs: options.timeoutMs,
      pageSize: options.pageSize,
    });
    return { status: 'read', view: await readView(reader) };
  } catch (error) {
    if (!(error instanceof KubeReadError)) throw error;
    return { status: 'skipped', failure: error.failure, reason: skipReason(api.clusterName, error, options.principal) };
  } finally {
    reader?.close();
  }
}

async function readView(reader: KubeReader): Promise<DataPlaneView> {
  const path = (resource: string) => KUBE_READS.find((r) => r.resource === resource)!.path;
  const [nodes, pods, budgets, deployments, daemonsets] = await Promise.all([
    reader.list<KubeNode>(path('nodes')),
    reader.list<KubePod>(path('pods')),
    reader.list<KubeBudget>(path('poddisruptionbudgets')),
    reader.list<KubeWorkload>(path('deployments')),
    reader.list<KubeWorkload>(path('daemonsets')),
  ]);
  return {
    nodes: nodes.map(toNode),
    pods: pods.map(toPod),
    podDisruptionBudgets: budgets.map(toBudget),
    workloads: [...deployments.map((w) => toWorkload('Deployment', w)), ...daemonsets.map((w) => toWorkload('DaemonSet', w))],
  };
}

async function clusterEndpoint(api: EksApi): Promise<KubeEndpoint> {
  const cluster = await api.describeCluster();
  if (!cluster.endpoint) throw new KubeReadError('unreachable', `DescribeCluster names no Kubernetes API endpoint for ${api.clusterName} yet`);
  const ca = cluster.certificateAuthority?.data;
  return { url: cluster.endpoint, ...(ca ? { ca: Buffer.from(ca, 'base64').toString('utf8') } : {}) };
}

/** One token per ten minutes of reads (it stays valid for fifteen). */
function cachedToken(api: EksApi, now: () => Date): () => Promise<string> {
  let token: Promise<string> | undefined;
  let signedAt = 0;
  return () => {
    const t = now();
    if (token === undefined || t.getTime() - signedAt >= REUSE_MS) {
      signedAt = t.getTime();
      token = eksToken(api.clusterName, api.signingIdentity(), t);
    }
    return token;
  };
}

/** What was not read and why, naming the missing access or the network as the fix (docs/iam.md). */
function skipReason(cluster: string, error: KubeReadError, principal: string | undefined): string {
  const who = principal ? `role ${principal}` : 'the runner\'s IAM identity';
  switch (error.failure) {
    case 'unauthorized':
      return `the Kubernetes API of ${cluster} did not accept ${who} (401): it has no EKS access entry on the cluster; add one with an access policy that lists nodes and pods (docs/iam.md)`;
    case 'forbidden':
      return `${who} may not read the data plane of ${cluster} (${error.message}); associate AmazonEKSAdminViewPolicy with its access entry, or bind it to the ClusterRole in docs/iam.md`;
    case 'unreachable':
      return `the Kubernetes API of ${cluster} is not reachable from this runner: ${error.message} (a private endpoint needs a runner inside the VPC)`;
    default:
      return `the Kubernetes API of ${cluster} could not be read: ${error.message}`;
  }
}

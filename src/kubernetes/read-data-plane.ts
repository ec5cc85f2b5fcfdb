import { DataPlaneView } from './data-plane-view';
import { eksToken, REUSE_MS } from './eks-token';
import { KubeFailure, KubeReadError } from './kube-errors';
import { KubeBudget, KubeNode, KubePod, KubeWorkload, toBudget, toNode, toPod, toWorkload } from './kube-objects';
import { KubeEndpoint, KubeReader, KubeSelector } from './kube-reader';
import { KubeRead, KUBE_READS } from './kube-reads';
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
  /** For tests: the time tokens are signed at (read when an EksApi's first token is made). */
  readonly now?: () => Date;
}

/**
 * Which collections a read lists, each narrowed by its selector: a collection left out is not read, and its list in
 * the view is empty. A plan or a step reads the whole data plane; a progress probe, polled every few seconds during a
 * wait, reads only what its line needs (a node group's nodes; an add-on's pods).
 */
export interface DataPlaneScope {
  readonly nodes?: KubeSelector;
  readonly pods?: KubeSelector;
  readonly podDisruptionBudgets?: KubeSelector;
  /** Deployments and DaemonSets. */
  readonly workloads?: KubeSelector;
}

/** Every node, pod, PodDisruptionBudget, Deployment and DaemonSet of the cluster. */
const WHOLE_DATA_PLANE: DataPlaneScope = { nodes: {}, pods: {}, podDisruptionBudgets: {}, workloads: {} };

/**
 * Reads nodes, pods, PodDisruptionBudgets, Deployments and DaemonSets (all of them, or those `scope` names) through
 * the cluster's Kubernetes API, at the endpoint and CA DescribeCluster gives, with a token signed as the EKS client
 * signs. Never throws for the data plane's sake: a read that fails comes back `skipped` with the reason, and the
 * policy decides what that means.
 */
export async function readDataPlane(api: EksApi, cluster: ClusterAccess, options: ReadDataPlaneOptions, scope: DataPlaneScope = WHOLE_DATA_PLANE): Promise<DataPlaneRead> {
  if (options.policy === 'off') return { status: 'skipped', failure: 'off', reason: 'policy.dataPlane is \'off\'' };
  let reader: KubeReader | undefined;
  try {
    reader = new KubeReader(clusterEndpoint(api.clusterName, cluster), { token: tokenFor(api, options.now ?? (() => new Date())) });
    return { status: 'read', view: await readView(reader, scope) };
  } catch (error) {
    if (!(error instanceof KubeReadError)) throw error;
    return { status: 'skipped', failure: error.failure, reason: skipReason(api.clusterName, error, options.principal) };
  } finally {
    reader?.close();
  }
}

async function readView(reader: KubeReader, scope: DataPlaneScope): Promise<DataPlaneView> {
  const list = async <T>(resource: KubeRead['resource'], selector: KubeSelector | undefined): Promise<T[]> =>
    (selector ? reader.list<T>(KUBE_READS.find((r) => r.resource === resource)!.path, selector) : []);
  const [nodes, pods, budgets, deployments, daemonsets] = await Promise.all([
    list<KubeNode>('nodes', scope.nodes),
    list<KubePod>('pods', scope.pods),
    list<KubeBudget>('poddisruptionbudgets', scope.podDisruptionBudgets),
    list<KubeWorkload>('deployments', scope.workloads),
    list<KubeWorkload>('daemonsets', scope.workloads),
  ]);
  return {
    nodes: nodes.map(toNode),
    pods: pods.map(toPod),
    podDisruptionBudgets: budgets.map(toBudget),
    workloads: [...deployments.map((w) => toWorkload('Deployment', w)), ...daemonsets.map((w) => toWorkload('DaemonSet', w))],
  };
}

/** DescribeCluster's `endpoint` and `certificateAuthority.data`, as the state reader kept them. */
export interface ClusterAccess {
  readonly endpoint?: string;
  readonly certificateAuthority?: string;
}

function clusterEndpoint(name: string, cluster: ClusterAccess): KubeEndpoint {
  if (!cluster.endpoint) throw new KubeReadError('unreachable', `DescribeCluster names no Kubernetes API endpoint for ${name}`);
  const ca = cluster.certificateAuthority;
  return { url: cluster.endpoint, ...(ca ? { ca: Buffer.from(ca, 'base64').toString('utf8') } : {}) };
}

/** Each EKS client's token source, kept across reads: a progress probe reads every few seconds during a wait. */
const TOKENS = new WeakMap<EksApi, () => Promise<string>>();

function tokenFor(api: EksApi, now: () => Date): () => Promise<string> {
  let source = TOKENS.get(api);
  if (source === undefined) TOKENS.set(api, source = cachedToken(api, now));
  return source;
}

/** One token per ten minutes of reads (it stays valid for fifteen); a failed signing is not kept. */
function cachedToken(api: EksApi, now: () => Date): () => Promise<string> {
  let token: Promise<string> | undefined;
  let signedAt = 0;
  return () => {
    const t = now();
    if (token === undefined || t.getTime() - signedAt >= REUSE_MS) {
      signedAt = t.getTime();
      const signing = eksToken(api.clusterName, api.signingIdentity(), t);
      token = signing;
      signing.catch(() => {
        if (token === signing) token = undefined;
      });
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

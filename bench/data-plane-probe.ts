import type { SimHarness } from './harness';
import { EksApi } from '../src/aws/eks-api';
import type { ProgressProbe, ProgressReading } from '../src/engine/update-progress';
import type { DataPlaneView } from '../src/kubernetes/data-plane-view';
import { eksToken } from '../src/kubernetes/eks-token';
import { KubeBudget, KubeNode, KubePod, toBudget, toNode, toPod } from '../src/kubernetes/kube-objects';
import { KUBE_READS, type KubeRead } from '../src/kubernetes/kube-reads';

/** One reading the engine's waiter took, and when (simulated epoch ms). */
export interface TimedReading {
  readonly at: number;
  readonly reading: ProgressReading;
}

/**
 * A progress probe over the in-process simulator's Kubernetes API, as the engine would read it: an EKS token signed
 * with the bench's credentials, the list responses mapped by the engine's own src/kubernetes mapping, the reading
 * made by `read`. Every reading is recorded, so the ETA the engine could give can be replayed afterwards.
 */
export async function kubeProbe(harness: SimHarness, cluster: string, read: (view: DataPlaneView, now: number) => ProgressReading, log: TimedReading[]): Promise<ProgressProbe> {
  // Signed as the engine signs it: with an EKS client's own identity (credentials, region, hash).
  const api = new EksApi(cluster, { region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'bench' } });
  const token = await eksToken(cluster, api.signingIdentity());
  api.destroy();
  const list = async <T>(resource: KubeRead['resource']): Promise<T[]> => {
    const path = KUBE_READS.find((r) => r.resource === resource)!.path;
    const res = await harness.clock.track(() => harness.simulator.handle({ method: 'GET', path: `/k8s/${cluster}${path}`, headers: { authorization: `Bearer ${token}` } }));
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.headers['x-simulator-token-problem'] ?? ''}`);
    return JSON.parse(res.body).items as T[];
  };
  return async () => {
    const [nodes, pods, budgets] = await Promise.all([list<KubeNode>('nodes'), list<KubePod>('pods'), list<KubeBudget>('poddisruptionbudgets')]);
    // The progress readings look at nodes, pods and budgets only; the workloads the planner reads are left out.
    const view: DataPlaneView = { nodes: nodes.map(toNode), pods: pods.map(toPod), podDisruptionBudgets: budgets.map(toBudget), workloads: [] };
    const at = harness.clock.now();
    const reading = read(view, at);
    log.push({ at, reading });
    return reading;
  };
}

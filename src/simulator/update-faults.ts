import { resourceId } from './identifiers';
import type { OperationContext } from './operation-context';
import type { ErrorDetail, UpdateSeed } from './seed';
import type { UpdateRequest } from './update-request';

export interface ArmedFaults {
  failWith?: ErrorDetail[];
  visibleAfterMs?: number;
  degradeAfter?: UpdateSeed['degradeAfter'];
}

/** EKS's own wording for the failures upgrades hit most; other codes get a generic message. */
const DEFAULT_MESSAGES: Record<string, (name: string) => string> = {
  PodEvictionFailure: (name) => `Reached max retries while trying to evict pods from nodes in node group ${name}`,
  NodeCreationFailure: () => 'Instances failed to join the kubernetes cluster',
};

/** Consumes the faults aimed at an update being started, and turns them into what the update carries. */
export function armUpdateFaults(ctx: OperationContext, req: UpdateRequest): ArmedFaults {
  const resource = resourceId(req.cluster, req.scope);
  const name = req.scope.nodegroup ?? req.scope.addon ?? req.cluster;
  const failure = ctx.faults.takeForUpdate('updateFailure', ctx.operation, resource,
    (f) => !(req.force && f.errorCode === 'PodEvictionFailure'));
  const consistency = ctx.faults.takeForUpdate('eventualConsistency', ctx.operation, resource);
  const degraded = req.scope.addon !== undefined ? ctx.faults.takeForUpdate('addonDegraded', ctx.operation, resource) : undefined;
  return {
    ...(failure ? {
      failWith: [{
        errorCode: failure.errorCode,
        errorMessage: failure.errorMessage ?? DEFAULT_MESSAGES[failure.errorCode]?.(name) ?? `Update failed: ${failure.errorCode}`,
        resourceIds: failure.resourceIds ?? [name],
      }],
    } : {}),
    ...(consistency ? { visibleAfterMs: consistency.seconds * 1000 } : {}),
    ...(degraded ? {
      degradeAfter: {
        ...(degraded.seconds !== undefined ? { seconds: degraded.seconds } : {}),
        issues: degraded.issues ?? [{
          code: 'InsufficientNumberOfReplicas',
          message: 'The add-on is unhealthy because it doesn\'t have the desired number of replicas.',
          resourceIds: [`kube-system/${name}`],
        }],
        faultId: degraded.id,
      },
    } : {}),
  };
}

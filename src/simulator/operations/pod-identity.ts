import { notFoundErrors } from '../eks-errors';
import { podIdentityAssociationArn, podIdentityAssociationId } from '../identifiers';
import { queryString, type OperationHandler } from '../operation-context';
import { paginate } from '../pagination';
import type { AddonState, ClusterState, SimState } from '../state';
import { epochSeconds } from '../wire';
import { findCluster } from '../world';

/** Add-on service accounts live in kube-system. */
const NAMESPACE = 'kube-system';

interface OwnedAssociation {
  addon: AddonState;
  serviceAccount: string;
  roleArn: string;
}

/**
 * The pod identity associations the cluster's add-ons own (the simulator models no others), so that what
 * DescribeAddon lists as association ARNs can be read by content: ADDON-SETTINGS-CONTENT compares them by
 * service account and role ARN. Shapes and routes: API Reference, ListPodIdentityAssociations and
 * DescribePodIdentityAssociation (`ownerArn` names the owning add-on).
 */
function ownedAssociations(c: ClusterState): OwnedAssociation[] {
  return c.addons.flatMap((addon) => addon.podIdentityAssociations.map((p) => ({ addon, serviceAccount: p.serviceAccount, roleArn: p.roleArn })));
}

function summary(state: SimState, c: ClusterState, a: OwnedAssociation): Record<string, unknown> {
  return {
    clusterName: c.name,
    namespace: NAMESPACE,
    serviceAccount: a.serviceAccount,
    associationArn: podIdentityAssociationArn(state, c.name, a.serviceAccount),
    associationId: podIdentityAssociationId(c.name, a.serviceAccount),
    ownerArn: a.addon.arn,
  };
}

export const listPodIdentityAssociations: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const namespace = queryString(ctx, 'namespace');
  const serviceAccount = queryString(ctx, 'serviceAccount');
  const matching = ownedAssociations(c)
    .filter((a) => (namespace === undefined || namespace === NAMESPACE) && (serviceAccount === undefined || serviceAccount === a.serviceAccount))
    .map((a) => summary(ctx.state, c, a));
  const page = paginate(matching, queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { associations: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const describePodIdentityAssociation: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const a = ownedAssociations(c).find((x) => podIdentityAssociationId(c.name, x.serviceAccount) === ctx.path.associationId);
  if (!a) throw notFoundErrors.podIdentityAssociation(c.name, ctx.path.associationId);
  return {
    association: {
      ...summary(ctx.state, c, a),
      roleArn: a.roleArn,
      tags: {},
      createdAt: epochSeconds(a.addon.createdAt),
      modifiedAt: epochSeconds(a.addon.modifiedAt),
      disableSessionTags: false,
    },
  };
};

import { versionsFor } from '../addon-catalog';
import { queryList, queryString, type OperationHandler } from '../operation-context';
import { paginate } from '../pagination';
import { checkAddonChange } from '../rules/addon-update';
import { priorUpdate, requestToken } from '../rules/idempotency';
import { startUpdate } from '../update-lifecycle';
import { wireAddon, wireUpdate } from '../wire';
import { findAddon, findCluster } from '../world';

export const listAddons: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const page = paginate(c.addons.map((a) => a.name), queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { addons: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const describeAddon: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  return { addon: wireAddon(ctx.state, c, findAddon(c, ctx.path.addonName), ctx.now) };
};

export const updateAddon: OperationHandler = (ctx) => {
  const c = findCluster(ctx.state, ctx.path.clusterName);
  const a = findAddon(c, ctx.path.addonName);
  const prior = priorUpdate(ctx, c.name, { addon: a.name });
  if (prior) return { update: wireUpdate(prior) };
  const change = checkAddonChange(ctx, c, a);
  const d = ctx.durations;
  const update = startUpdate(ctx, {
    cluster: c.name,
    scope: { addon: a.name },
    type: 'AddonUpdate',
    params: change.params,
    effect: change.effect,
    durationMs: d.ms(d.durations.addonSeconds),
    token: requestToken(ctx),
  });
  return { update: wireUpdate(update) };
};

/**
 * The catalog, narrowed by `kubernetesVersion` (versions that run on it, with only that compatibility),
 * `addonName`, `types`, `publishers` and `owners`; paginated by add-on.
 */
export const describeAddonVersions: OperationHandler = (ctx) => {
  const k8s = queryString(ctx, 'kubernetesVersion');
  const name = queryString(ctx, 'addonName');
  const [types, publishers, owners] = ['types', 'publishers', 'owners'].map((q) => queryList(ctx, q));
  const addons = ctx.state.addonCatalog
    .filter((e) => (name === undefined || e.addonName === name)
      && (!types || types.includes(e.type)) && (!publishers || publishers.includes(e.publisher)) && (!owners || owners.includes(e.owner)))
    .map((e) => ({
      addonName: e.addonName,
      type: e.type,
      publisher: e.publisher,
      owner: e.owner,
      addonVersions: (k8s === undefined ? e.versions : versionsFor(e, k8s)).map((v) => ({
        addonVersion: v.addonVersion,
        architecture: ['amd64', 'arm64'],
        computeTypes: ['ec2'],
        compatibilities: v.clusterVersions
          .filter((cv) => k8s === undefined || cv === k8s)
          .map((cv) => ({ clusterVersion: cv, platformVersions: ['*'], defaultVersion: (v.defaultFor ?? []).includes(cv) })),
        requiresConfiguration: false,
      })),
    }))
    .filter((info) => info.addonVersions.length > 0);
  const page = paginate(addons, queryString(ctx, 'maxResults'), queryString(ctx, 'nextToken'));
  return { addons: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

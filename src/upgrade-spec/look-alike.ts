/**
 * Specs and simulator seeds are both JSON files that name clusters, and easy to pass to the wrong command. Which one a
 * document looks like, from the keys only each has: a spec's `specVersion` or `controlPlane`, a seed's `clusters`.
 */
export function looksLike(json: unknown): 'spec' | 'seed' | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if ('specVersion' in o || ('clusterName' in o && 'controlPlane' in o)) return 'spec';
  if (Array.isArray(o.clusters)) return 'seed';
  return undefined;
}

/** The hint for a seed given where a spec belongs. */
export const SEED_NOT_SPEC = 'this looks like a simulator seed (it has "clusters"), not an upgrade spec: serve it with eks-upgrade simulator --state FILE, and pass plan/apply a spec (specVersion, clusterName, controlPlane; docs/spec.md)';
/** The hint for a spec given where a seed belongs. */
export const SPEC_NOT_SEED = 'this looks like an upgrade spec (it has specVersion/controlPlane), not a simulator seed: pass it to eks-upgrade plan or apply --spec FILE; a seed lists "clusters" (docs/simulator.md), or leave --state out for the built-in one';

import { compareMinor } from '../../upgrade-spec/kubernetes-minor';
import { Finding } from '../plan-types';
import { refuse } from './finding';

/**
 * NG-NOT-ABOVE-CP — UpdateNodegroupVersion reference: a node group takes the cluster's version or an earlier one;
 * it never runs ahead of the control plane.
 */
export function checkNotAboveControlPlane(name: string, version: string, cpTarget: string, field: string): Finding[] {
  if (compareMinor(version, cpTarget) <= 0) return [];
  return [refuse('NG-NOT-ABOVE-CP', field, `${version} is above the control-plane target ${cpTarget}: node group '${name}' can never run ahead of the control plane; target ${cpTarget} or use "cluster"`)];
}

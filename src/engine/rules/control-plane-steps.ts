import { compareMinor, minorsBetween } from '../../upgrade-spec/kubernetes-minor';

/** One control-plane step of a plan, as the data-plane rules judge it: the version it leaves and the one it reaches. */
export interface ControlPlaneStepTarget {
  readonly from: string;
  readonly to: string;
}

/** The control plane's steps from `live` to `target`: one per minor up (CP-ONE-MINOR), or one rollback down. */
export function controlPlaneSteps(live: string, target: string): ControlPlaneStepTarget[] {
  if (compareMinor(target, live) < 0) return [{ from: live, to: target }];
  let from = live;
  return minorsBetween(live, target).map((to) => {
    const step = { from, to };
    from = to;
    return step;
  });
}

import { Fn, TerraformLocal } from 'cdktf';
import { Reconcile } from '../reconcile';

/**
 * What replaces a runner's resource, and so runs the handler: the spec's digest (a changed spec, including a launch
 * template version known only at apply), plus, under `Reconcile.EVERY_APPLY`, the apply's time, which changes always.
 */
export function runTriggers(spec: TerraformLocal, reconcile: Reconcile): { [key: string]: string } {
  return {
    spec: Fn.sha256(Fn.jsonencode(spec.expression)),
    ...(reconcile === Reconcile.EVERY_APPLY ? { every_apply: Fn.timestamp() } : {}),
  };
}

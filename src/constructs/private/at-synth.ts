import { Aspects } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Runs `check` on `scope` when its stack is synthesized, after all user code (a lifecycle, a provider or a version
 * constraint set after the construct was created is seen). An aspect runs in `Testing.synth` as in `app.synth()`,
 * unlike a validation; it visits every construct below `scope` and acts on `scope` only.
 */
export function checkAtSynth(scope: IConstruct, check: () => void): void {
  Aspects.of(scope).add({ visit: (node: IConstruct) => { if (node === scope) check(); } });
}

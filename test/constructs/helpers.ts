import { join } from 'node:path';
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Construct } from 'constructs';

Testing.setupJest();

/**
 * The package under test: this tree (cdktf-eks-upgrade), or the CDK Terrain flavour derived from it when
 * flavours/cdktn.jest.config.js runs these tests.
 */
export const PACKAGE_NAME = process.env.EKS_UPGRADE_TEST_PACKAGE_NAME ?? 'cdktf-eks-upgrade';
export const PACKAGE_ROOT = process.env.EKS_UPGRADE_TEST_PACKAGE_ROOT ?? join(__dirname, '..', '..');

/** Where the runner references the bundled handler; its hash changes whenever the engine code changes. */
const HANDLER_PATH = /assets\/EksUpgradeHandler\/[0-9A-Fa-f]{32}\/index\.js/g;

/**
 * Synthesizes a scope with the handler bundle's content hash replaced by `<bundle-hash>`, so snapshots depend on
 * the constructs only, not on the engine build.
 */
export function synth(fn: (scope: Construct) => void): string {
  return normalizeBundleHash(Testing.synthScope(fn));
}

export function normalizeBundleHash(json: string): string {
  return json.replace(HANDLER_PATH, 'assets/EksUpgradeHandler/<bundle-hash>/index.js');
}

/** The synthesized resources of one type, by logical id. */
export function resourcesOf(json: string, type: string): Record<string, any> {
  return JSON.parse(json).resource?.[type] ?? {};
}

/** The only resource of a type (fails when there is not exactly one). */
export function onlyResource(json: string, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The message of the error `fn` throws (fails when it throws none). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** The spec a runner's `input` refers to: the stack local it names (`${local.<name>}`). */
export function specOf(json: string, runner: { input: string }): any {
  const name = /^\$\{local\.([\w-]+)\}$/.exec(runner.input)?.[1];
  if (name === undefined) throw new Error(`the runner's input is not a local: ${JSON.stringify(runner.input)}`);
  return JSON.parse(json).locals[name];
}

/** The spec of the only local runner (`terraform_data`) in a synthesized stack. */
export function runnerSpec(json: string): any {
  return specOf(json, onlyResource(json, 'terraform_data'));
}

import * as fs from 'fs';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** Which bundle of the package's `assets/` a runner ships. */
export interface BundleAssetOptions {
  /** The asset's id in its stack. */
  readonly id: string;
  /** What the asset holds: a file, or a directory Terraform archives. */
  readonly path: string;
  readonly type: AssetType;
  /** The bundle's entry file, which must exist. */
  readonly entry: string;
  /** What the bundle is, for the error when it is missing, e.g. `the upgrade handler`. */
  readonly what: string;
}

/** One copy of a bundle per stack, shared by every cluster in it; a missing bundle is named with its fix. */
export function bundleAsset(scope: Construct, options: BundleAssetOptions): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(options.id);
  if (existing instanceof TerraformAsset) return existing;
  if (!fs.existsSync(options.entry)) {
    throw new Error(`${scope.node.path}: ${options.what} bundle is missing at ${options.entry}: in a source checkout run \`npx projen bundle\`; otherwise reinstall cdktf-eks-upgrade`);
  }
  return new TerraformAsset(stack, options.id, { path: options.path, type: options.type });
}

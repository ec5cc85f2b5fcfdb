/**
 * Makes `require('cdktf-eks-upgrade')` resolve to this checkout's build (lib/, from `npx projen compile`), so the
 * example app imports the library by its package name, as users do, without a `node_modules/cdktf-eks-upgrade`
 * symlink into the repository (which eslint would then crawl). Import it before anything that loads the example.
 */
import Module from 'node:module';
import { join } from 'node:path';

export const PACKAGE_NAME = 'cdktf-eks-upgrade';
/** The module `cdktf-eks-upgrade` stands for in scripts: this checkout's compiled entry point. */
export const SELF_ENTRY = join(__dirname, '..', 'lib', 'index.js');

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function resolveSelf(this: unknown, request: string, ...rest: unknown[]): string {
  return resolve.call(this, request === PACKAGE_NAME ? SELF_ENTRY : request, ...rest);
};

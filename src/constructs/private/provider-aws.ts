/**
 * The one place the constructs load `@cdktf/provider-aws` at run time. It is an optional peer dependency (hundreds of
 * megabytes): `ClusterUpgrade` with the local runner needs none of it, so the package must load without it, and the
 * constructs that create AWS resources load it only when they are used. Elsewhere it is imported for types only
 * (`import type`), which compile to nothing.
 */
export const PROVIDER_AWS_PACKAGE = '@cdktf/provider-aws';
/** The peer range of the provider, as package.json gives it (a test keeps the two equal). */
export const PROVIDER_AWS_PEER_RANGE = '^21.22.1';

/**
 * `require('@cdktf/provider-aws/lib/<module>')`, or one line naming what needs it and the install command.
 *
 * @param module the provider's module, e.g. `launch-template`
 * @param user what needs it, e.g. `NodeLaunchTemplate`
 */
export function loadProviderAws<T>(module: string, user: string): T {
  const id = `${PROVIDER_AWS_PACKAGE}/lib/${module}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id) as T;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(PROVIDER_AWS_PACKAGE)) {
      throw new Error(`${user} creates AWS provider resources and needs ${PROVIDER_AWS_PACKAGE}, which is not installed: run \`npm install ${PROVIDER_AWS_PACKAGE}@${PROVIDER_AWS_PEER_RANGE}\` (ClusterUpgrade with UpgradeRunner.local() works without it)`);
    }
    throw error;
  }
}

/**
 * The install hint for the optional AWS provider names the peer range package.json declares, in both flavours: the
 * cdktf one from src/, the cdktn one through the flavour's rewrite of that same constant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_DEPENDENCIES, rewriteSource } from '../../scripts/flavour/cdktn-flavour';
import { PROVIDER_AWS_PACKAGE, PROVIDER_AWS_PEER_RANGE } from '../../src/constructs/private/provider-aws';

const ROOT = join(__dirname, '..', '..');

test('the cdktf hint names the peer range of package.json', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.peerDependencies[PROVIDER_AWS_PACKAGE]).toBe(PROVIDER_AWS_PEER_RANGE);
  expect(pkg.peerDependenciesMeta[PROVIDER_AWS_PACKAGE]).toEqual({ optional: true });
});

test('the cdktn flavour\'s hint names the cdktn peer range', () => {
  const derived = rewriteSource(readFileSync(join(ROOT, 'src', 'constructs', 'private', 'provider-aws.ts'), 'utf8'));
  expect(derived).toContain('export const PROVIDER_AWS_PACKAGE = \'@cdktn/provider-aws\';');
  expect(derived).toContain(`export const PROVIDER_AWS_PEER_RANGE = '${PEER_DEPENDENCIES['@cdktn/provider-aws']}';`);
});

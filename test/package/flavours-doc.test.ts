/**
 * docs/flavours.md states facts about the installed framework and provider packages (which hashicorp/aws release each
 * provider binds, what cdktn accepts of constructs, what Node.js @cdktn/provider-aws declares); each is read here from
 * the packages themselves, so a dependency bump that changes one fails until the doc says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'flavours.md'), 'utf8');
const packageJson = (name: string) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
/** The hashicorp/aws release the bindings were generated from, as they record it for `required_providers`. */
const boundRelease = (name: string) => /providerVersion: '(\d+\.\d+\.\d+)'/.exec(readFileSync(require.resolve(`${name}/lib/provider`), 'utf8'))?.[1];

test.each([
  ['@cdktf/provider-aws', '^21.22.1'],
  ['@cdktn/provider-aws', '^25.7.0'],
])('%s: the doc names its range and the hashicorp/aws release it binds', (name, range) => {
  expect(packageJson(name).version).toBe(range.slice(1));
  expect(doc).toContain(`\`${name}\` ${range} (hashicorp/aws ${boundRelease(name)})`);
});

test('cdktn\'s constructs range is the one the doc gives', () => {
  expect(packageJson('cdktn').peerDependencies.constructs).toBe('>=10.6.0 <10.8.0');
  expect(doc).toContain('cdktn 0.24 accepts 10.6 and 10.7');
});

test('the Node.js @cdktn/provider-aws declares is the one the doc gives', () => {
  expect(packageJson('@cdktn/provider-aws').engines.node).toBe('>= 22.11.0');
  expect(doc).toContain('`@cdktn/provider-aws` 25.7 declares Node.js 22.11 or later');
});

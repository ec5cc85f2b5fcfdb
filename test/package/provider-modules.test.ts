/**
 * The cdktn flavour is the cdktf one with the packages renamed, so every `@cdktf/provider-aws/lib/<module>` the
 * constructs name must exist under the same path in @cdktn/provider-aws too (docs/flavours.md, "Provider modules").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function filesUnder(path: string): string[] {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => filesUnder(join(path, name))) : [path];
}

/** Every provider module the constructs import (for types) or load at run time (each load names its type import too). */
const modules = [...new Set(filesUnder(join(ROOT, 'src', 'constructs'))
  .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)].map((m) => m[1])))].sort();

test('docs/flavours.md counts the provider modules the constructs use', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'flavours.md'), 'utf8');
  expect(modules).toHaveLength(18);
  expect(doc).toContain('All eighteen modules the constructs use');
});

test.each(['@cdktf/provider-aws', '@cdktn/provider-aws'])('%s has every module under the path the constructs use', (pkg) => {
  const missing = modules.filter((module) => {
    try {
      require.resolve(`${pkg}/lib/${module}`);
      return false;
    } catch {
      return true;
    }
  });
  expect(missing).toEqual([]);
});

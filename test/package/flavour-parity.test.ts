/**
 * The two flavours must synthesize the same Terraform for everything the constructs create: the launch template, the
 * SSM parameter, the Lambda function, invocation, IAM role and policy document, the log group, adoption of EKS
 * resources and the runner. Each flavour records its own snapshots (test/constructs/__snapshots__ for cdktf,
 * __snapshots_cdktn__ for cdktn); this compares them as JSON, with the framework's name taken out, so a provider
 * release that renames or drops something the constructs use fails here, naming the snapshot and the difference.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', 'constructs');
const CDKTF = join(DIR, '__snapshots__');
const CDKTN = join(DIR, '__snapshots_cdktn__');

/** The snapshots of one file, by name, each parsed as the synthesized JSON it is. */
function snapshots(file: string): Record<string, unknown> {
  const exports: Record<string, string> = {};
  // Jest writes snapshot files as CommonJS assignments to `exports`.
  new Function('exports', readFileSync(file, 'utf8'))(exports);
  // Each is the synthesized JSON text, printed by jest between quotes.
  return Object.fromEntries(Object.entries(exports).map(([name, text]) => [name, JSON.parse(text.trim().slice(1, -1))]));
}

/**
 * The synthesized stack without its provider constraint: each flavour's provider package pins its own hashicorp/aws
 * release and registry address there (docs/flavours.md lists both, test/package/flavours-doc.test.ts checks them), so
 * the two differ by design wherever a stack has an AWS provider.
 */
function withoutProviderConstraint(stack: any): unknown {
  if (stack?.terraform?.required_providers === undefined) return stack;
  const { required_providers: _, ...terraform } = stack.terraform;
  const { terraform: __, ...rest } = stack;
  return Object.keys(terraform).length === 0 ? rest : { ...rest, terraform };
}

const files = readdirSync(CDKTF).filter((f) => f.endsWith('.snap'));

test('every cdktf snapshot file has its cdktn counterpart', () => {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(existsSync(join(CDKTN, file))).toBe(true);
});

test.each(files)('%s: cdktn synthesizes what cdktf does', (file) => {
  const cdktf = snapshots(join(CDKTF, file));
  const cdktn = JSON.parse(JSON.stringify(snapshots(join(CDKTN, file))).replace(/cdktn/g, 'cdktf'));
  expect(Object.keys(cdktn).sort()).toEqual(Object.keys(cdktf).sort());
  for (const name of Object.keys(cdktf)) expect([name, withoutProviderConstraint(cdktn[name])]).toEqual([name, withoutProviderConstraint(cdktf[name])]);
});

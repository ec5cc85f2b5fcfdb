/**
 * Without a usable terraform the demo says so in one line, naming the minimum version, and rehearses the same spec
 * through `eks-upgrade apply` instead (scripts/demo.ts). The check runs terraform from the PATH it is given.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIN_TERRAFORM, terraformUnavailable } from '../../scripts/rehearsal';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fake-terraform-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A directory whose only `terraform` prints the given `terraform version -json` answer. */
function fakeTerraform(name: string, version: string): string {
  const bin = join(dir, name);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'terraform'), `#!/bin/sh\necho '{"terraform_version":"${version}","platform":"linux_amd64"}'\n`);
  chmodSync(join(bin, 'terraform'), 0o755);
  return bin;
}

test('the minimum is terraform 1.4', () => {
  expect(MIN_TERRAFORM).toBe('1.4');
});

test('no terraform on PATH: one line naming the minimum version', () => {
  const message = terraformUnavailable({ PATH: join(dir, 'empty') });
  expect(message).toBe('terraform is not on PATH (the demo needs terraform ≥ 1.4)');
});

const posix = process.platform === 'win32' ? test.skip : test;

posix('a terraform older than 1.4: one line naming its version and the minimum', () => {
  expect(terraformUnavailable({ PATH: fakeTerraform('old', '1.3.9') })).toBe('terraform 1.3.9 is older than the demo needs (terraform ≥ 1.4)');
  expect(terraformUnavailable({ PATH: fakeTerraform('ancient', '0.15.5') })).toMatch(/0\.15\.5 is older/);
});

posix('terraform 1.4 or newer: usable', () => {
  expect(terraformUnavailable({ PATH: fakeTerraform('min', '1.4.0') })).toBeUndefined();
  expect(terraformUnavailable({ PATH: fakeTerraform('new', '1.11.4') })).toBeUndefined();
  expect(terraformUnavailable({ PATH: fakeTerraform('two', '2.0.0') })).toBeUndefined();
});

test('the demo prints that line and falls back to `eks-upgrade apply`, synthesizing without terraform', () => {
  const demo = readFileSync(join(__dirname, '..', '..', 'scripts', 'demo.ts'), 'utf8');
  expect(demo).toContain('running the same spec through \\`eks-upgrade apply\\` instead');
  expect(demo).toMatch(/synthDemo\([^;]*noTerraform !== undefined\)/);
});

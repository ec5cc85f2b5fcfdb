/**
 * Without a usable terraform the demo says so in one line, naming the minimum version, and rehearses the same spec
 * through `eks-upgrade apply` instead (scripts/demo.ts). The check runs terraform from the PATH it is given.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIRRORED_AWS_VERSION } from '../../scripts/aws-provider-mirror';
import { e2eSkipBanner } from '../../scripts/jest-e2e-banner';
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
  expect(message).toBe('terraform ≥ 1.4 is needed and terraform is not on PATH');
});

const posix = process.platform === 'win32' ? test.skip : test;

posix('a terraform older than 1.4: one line naming its version and the minimum', () => {
  expect(terraformUnavailable({ PATH: fakeTerraform('old', '1.3.9') })).toBe('terraform ≥ 1.4 is needed and the terraform on PATH is 1.3.9');
  expect(terraformUnavailable({ PATH: fakeTerraform('ancient', '0.15.5') })).toMatch(/≥ 1\.4 is needed and the terraform on PATH is 0\.15\.5$/);
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

describe('the e2e skip banner', () => {
  const noTerraform = () => ({ PATH: join(dir, 'empty') });
  /** A provider mirror holding the release the AWS-provider e2e tests need, so that only what a test removes is missing. */
  const withMirror = (env: NodeJS.ProcessEnv) => {
    const mirror = join(dir, 'mirror');
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', MIRRORED_AWS_VERSION), { recursive: true });
    return { ...env, EKS_UPGRADE_TF_PLUGIN_MIRROR: mirror };
  };

  test('names the suite, the reason and the minimum version when e2e was selected and cannot run', () => {
    for (const patterns of [[], ['test/e2e'], ['terraform-apply']]) {
      expect(e2eSkipBanner(noTerraform(), patterns)).toMatch(/\*\*\* SKIPPED: the end-to-end tests \(test\/e2e\) did not run \(terraform ≥ 1\.4 is needed and terraform is not on PATH\); install terraform ≥ 1\.4/);
    }
  });

  test('is silent when e2e was not selected or terraform (and, for the drift tests, the AWS CLI) can run it', () => {
    expect(e2eSkipBanner(noTerraform(), ['test/spec'])).toBeUndefined();
    posixOnly(() => {
      const bin = fakeTerraform('ok', '1.9.0');
      writeFileSync(join(bin, 'aws'), '#!/bin/sh\necho aws-cli/1.0\n');
      chmodSync(join(bin, 'aws'), 0o755);
      expect(e2eSkipBanner(withMirror({ PATH: bin }), [])).toBeUndefined();
    });
  });

  test('names the drift tests and the AWS CLI when terraform can run but aws is missing', () => {
    posixOnly(() => {
      const bin = fakeTerraform('no-aws', '1.9.0');
      expect(e2eSkipBanner(withMirror({ PATH: bin }), [])).toMatch(/\*\*\* SKIPPED: the drift tests \(test\/e2e\/drift\.test\.ts\) did not run \(the AWS CLI \(aws\) is not on PATH\); install the AWS CLI/);
      expect(e2eSkipBanner({ PATH: bin }, ['terraform-apply'])).toBeUndefined();
    });
  });

  test('names the AWS provider tests and the mirror when terraform can run but the mirror lacks hashicorp/aws', () => {
    posixOnly(() => {
      const bin = fakeTerraform('no-mirror', '1.9.0');
      const env = { PATH: bin, EKS_UPGRADE_TF_PLUGIN_MIRROR: join(dir, 'no-mirror-here') };
      for (const patterns of [[], ['test/e2e'], ['adoption'], ['ami-rollout']]) {
        expect(e2eSkipBanner(env, patterns)).toBe(`\n*** SKIPPED: the AWS provider end-to-end tests (test/e2e/adoption.test.ts, test/e2e/ami-rollout.test.ts) did not run (no hashicorp/aws ${MIRRORED_AWS_VERSION} in the provider mirror at ${join(dir, 'no-mirror-here')}); put a filesystem mirror of hashicorp/aws there, or point EKS_UPGRADE_TF_PLUGIN_MIRROR at one (currently ${join(dir, 'no-mirror-here')}). ***\n`);
      }
      expect(e2eSkipBanner(env, ['terraform-apply'])).toBeUndefined();
    });
  });

  test('is jest\'s globalTeardown, so it prints after the summary', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg.jest.globalTeardown).toBe('<rootDir>/scripts/jest-e2e-banner.ts');
  });

  posix('a jest run over test/e2e without terraform on PATH prints it and fails nothing', () => {
    const root = join(__dirname, '..', '..');
    // A PATH holding node and nothing else.
    const bin = join(dir, 'node-only');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--coverage=false', '--reporters', 'default', '--', 'test/e2e'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, PATH: bin },
    });
    expect(r.stderr).toContain('*** SKIPPED: the end-to-end tests (test/e2e) did not run');
    expect(r.stderr).toMatch(/Tests: +\d+ skipped, \d+ total/);
    expect(r.status).toBe(0);
  });
});

function posixOnly(fn: () => void): void {
  if (process.platform !== 'win32') fn();
}

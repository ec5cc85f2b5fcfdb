/**
 * Jest globalTeardown: when the run included the end-to-end tests but no terraform ≥ 1.4 is on PATH, say so after
 * jest's summary. The e2e suite skips itself then, and jest prints nothing from a suite whose tests are all skipped.
 */
import { awsProviderMirror, awsProviderMirrorUnavailable } from './aws-provider-mirror';
import { awsCliUnavailable, MIN_TERRAFORM, terraformUnavailable } from './rehearsal';

const E2E_TEST = 'test/e2e/terraform-apply.test.ts';
const DRIFT_TEST = 'test/e2e/drift.test.ts';
/** The tests that run the real hashicorp/aws provider from the local mirror. */
const MIRROR_TESTS = ['test/e2e/adoption.test.ts', 'test/e2e/ami-rollout.test.ts'];

/** The banner for this run, or undefined when the e2e tests ran (or were not selected). */
export function e2eSkipBanner(env: NodeJS.ProcessEnv, testPathPatterns: string[]): string | undefined {
  const selected = (test: string) => testPathPatterns.length === 0 || testPathPatterns.some((p) => new RegExp(p, 'i').test(test));
  const terraform = terraformUnavailable(env);
  if (terraform && (selected(E2E_TEST) || selected(DRIFT_TEST))) {
    return `\n*** SKIPPED: the end-to-end tests (test/e2e) did not run (${terraform}); install terraform ≥ ${MIN_TERRAFORM} to run them. ***\n`;
  }
  const mirror = awsProviderMirrorUnavailable(env);
  if (mirror && MIRROR_TESTS.some(selected)) {
    return `\n*** SKIPPED: the AWS provider end-to-end tests (${MIRROR_TESTS.join(', ')}) did not run (${mirror}); put a filesystem mirror of hashicorp/aws there, or point EKS_UPGRADE_TF_PLUGIN_MIRROR at one (currently ${awsProviderMirror(env)}). ***\n`;
  }
  const aws = awsCliUnavailable(env);
  if (aws && selected(DRIFT_TEST)) {
    return `\n*** SKIPPED: the drift tests (${DRIFT_TEST}) did not run (${aws}); install the AWS CLI to run them (Debian: apt-get install awscli). ***\n`;
  }
  return undefined;
}

interface GlobalConfig { readonly testPathPattern?: string; readonly testPathPatterns?: string[] }

export default function teardown(globalConfig: GlobalConfig): void {
  const patterns = globalConfig.testPathPatterns ?? (globalConfig.testPathPattern ? [globalConfig.testPathPattern] : []);
  const banner = e2eSkipBanner(process.env, patterns);
  if (banner) process.stderr.write(`${banner}\n`);
}

/**
 * Jest globalTeardown: when the run included the end-to-end tests but no terraform ≥ 1.4 is on PATH, say so after
 * jest's summary. The e2e suite skips itself then, and jest prints nothing from a suite whose tests are all skipped.
 */
import { awsCliUnavailable, MIN_TERRAFORM, terraformUnavailable } from './rehearsal';

const E2E_TEST = 'test/e2e/terraform-apply.test.ts';
const DRIFT_TEST = 'test/e2e/drift.test.ts';

/** The banner for this run, or undefined when the e2e tests ran (or were not selected). */
export function e2eSkipBanner(env: NodeJS.ProcessEnv, testPathPatterns: string[]): string | undefined {
  const selected = (test: string) => testPathPatterns.length === 0 || testPathPatterns.some((p) => new RegExp(p, 'i').test(test));
  const terraform = terraformUnavailable(env);
  if (terraform && (selected(E2E_TEST) || selected(DRIFT_TEST))) {
    return `\n*** SKIPPED: the end-to-end tests (test/e2e) did not run (${terraform}); install terraform ≥ ${MIN_TERRAFORM} to run them. ***\n`;
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

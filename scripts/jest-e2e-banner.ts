/**
 * Jest globalTeardown: when the run included the end-to-end tests but no terraform ≥ 1.4 is on PATH, say so after
 * jest's summary. The e2e suite skips itself then, and jest prints nothing from a suite whose tests are all skipped.
 */
import { MIN_TERRAFORM, terraformUnavailable } from './rehearsal';

const E2E_TEST = 'test/e2e/terraform-apply.test.ts';

/** The banner for this run, or undefined when the e2e tests ran (or were not selected). */
export function e2eSkipBanner(env: NodeJS.ProcessEnv, testPathPatterns: string[]): string | undefined {
  const selected = testPathPatterns.length === 0 || testPathPatterns.some((p) => new RegExp(p, 'i').test(E2E_TEST));
  if (!selected) return undefined;
  const why = terraformUnavailable(env);
  if (!why) return undefined;
  return `\n*** SKIPPED: the end-to-end tests (test/e2e) did not run (${why}); install terraform ≥ ${MIN_TERRAFORM} to run them. ***\n`;
}

interface GlobalConfig { readonly testPathPattern?: string; readonly testPathPatterns?: string[] }

export default function teardown(globalConfig: GlobalConfig): void {
  const patterns = globalConfig.testPathPatterns ?? (globalConfig.testPathPattern ? [globalConfig.testPathPattern] : []);
  const banner = e2eSkipBanner(process.env, patterns);
  if (banner) process.stderr.write(`${banner}\n`);
}

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scaledClock, systemClock } from './clock';
import { EksApi } from './eks-api';
import { EXIT_CONVERGED, InputError, InterruptedError } from './engine-errors';
import { exitCodeOf, reportOutcomeOf } from './error-outcome';
import { formatSummary } from './plan-format';
import { readTimeScale } from './time-scale';
import { newReport, planOnly, runUpgrade } from './upgrade';
import { parseSpec } from '../spec/parse-spec';
import { PASS_ENV_VAR, SPEC_ENV_VAR, UpgradeSpec } from '../spec/upgrade-spec';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** `eks-upgrade plan --spec FILE|- [--json]`: prints the plan; makes no mutating call. */
export async function runPlanCli(args: string[]): Promise<number> {
  return guarded(async () => {
    const { values } = parseArgs({ args, options: { spec: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    const spec = readSpec(values.spec);
    const api = new EksApi(spec.clusterName, { region: spec.region });
    try {
      const result = await planOnly({ spec, api });
      out(values.json ? JSON.stringify({ plan: result.plan, runningUpdates: result.state.runningUpdates }, null, 2) : result.text);
      return EXIT_CONVERGED;
    } finally {
      api.destroy();
    }
  });
}

/** `eks-upgrade apply --spec FILE|- [--report FILE] [--time-scale X]`: converges the cluster and waits. */
export async function runApplyCli(args: string[]): Promise<number> {
  return guarded(async () => {
    const { values } = parseArgs({
      args,
      options: { 'spec': { type: 'string' }, 'report': { type: 'string' }, 'time-scale': { type: 'string' } },
      strict: true,
    });
    const spec = readSpec(values.spec);
    const scale = readTimeScale(values['time-scale']);
    const clock = scaledClock(systemClock, scale);
    reportEnvironment(scale);
    const api = new EksApi(spec.clusterName, { region: spec.region });
    const report = newReport(spec, clock);
    const abort = new AbortController();
    const onSignal = (signal: string) => {
      err(`eks-upgrade: ${signal} received; stopping the wait (EKS updates already started keep running)`);
      abort.abort(new InterruptedError(`interrupted by ${signal}`));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let code = EXIT_CONVERGED;
    try {
      await runUpgrade({ spec, api, clock, signal: abort.signal }, report);
    } catch (e) {
      code = exitCodeOf(e);
      report.outcome = reportOutcomeOf(e);
      report.error = (e as Error).message;
      for (const step of report.steps) {
        if (step.outcome === 'running') step.error = 'still running in EKS when the run stopped; the next apply waits for it';
      }
      throw Object.assign(e as Error, { report });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      report.endedAt = new Date(clock.now()).toISOString();
      report.apiCalls = api.callCounts();
      api.destroy();
      out(formatSummary(report));
      if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
    }
    return code;
  });
}

/** Names only, never values: which of the variables the runner was told to expect are actually set. */
function reportEnvironment(scale: number): void {
  const expected = (process.env[PASS_ENV_VAR] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (expected.length > 0) {
    const set = expected.filter((n) => process.env[n] !== undefined && process.env[n] !== '');
    const unset = expected.filter((n) => !set.includes(n));
    out(`environment: ${set.length ? `set ${set.join(', ')}` : 'none of the expected variables is set'}${unset.length ? `; not set ${unset.join(', ')}` : ''}`);
  }
  if (scale !== 1) out(`time scale ${scale}: a rehearsal against a simulator, EKS time runs ${scale}x faster than real time`);
}

function readSpec(source: string | undefined): UpgradeSpec {
  let text: string;
  if (source === '-') text = readFileSync(0, 'utf8');
  else if (source !== undefined) text = readFileSync(source, 'utf8');
  else if (process.env[SPEC_ENV_VAR]) text = process.env[SPEC_ENV_VAR]!;
  else throw new InputError(`no spec: pass --spec FILE (or - for stdin), or set ${SPEC_ENV_VAR}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`the spec is not valid JSON (${(e as Error).message})`);
  }
  return parseSpec(json);
}

async function guarded(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const code = exitCodeOf(e);
    const error = e as Error;
    err(`eks-upgrade: ${error.name && !['Error', 'InputError', 'SpecError', 'PlanError', 'UpdateFailedError', 'UpdateTimeoutError'].includes(error.name) ? `${error.name}: ` : ''}${error.message}`);
    return code;
  }
}

import { readFileSync } from 'node:fs';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { agreeTimeScale, askSimulatorClock } from './agreed-time-scale';
import { flagProblem } from './cli-flags';
import { liveProgress } from './live-progress';
import { reportPathProblem, writeReport } from './report-file';
import { quietSdkNodeNotice, RECOMMENDED_NODE_MAJOR } from './sdk-node-notice';
import { readStackSpec } from './stack-spec';
import { stillRunning } from './still-running';
import { stopOnSignalOrOrphan } from './stop-signals';
import { whereItRuns } from './where-it-runs';
import { EksApi } from '../aws/eks-api';
import { scaledClock, systemClock } from '../engine/clock';
import { exitCodeOf, reportOutcomeOf } from '../engine/error-outcome';
import { formatSummary } from '../engine/plan-format';
import { readTimeScale } from '../engine/time-scale';
import { newReport, planOnly, runUpgrade } from '../engine/upgrade';
import { EXIT_BAD_INPUT, EXIT_CONVERGED, explainEnvironmentError, InputError } from '../errors/run-errors';
import { inTypeScript } from '../upgrade-spec/fix-snippet';
import { locateJsonError } from '../upgrade-spec/json-location';
import { looksLike, SEED_NOT_SPEC } from '../upgrade-spec/look-alike';
import { parseSpec } from '../upgrade-spec/parse-spec';
import { PASS_ENV_VAR, SPEC_ENV_VAR, TIME_SCALE_ENV_VAR, UpgradeSpec } from '../upgrade-spec/upgrade-spec';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** `plan --detailed-exitcode`: updates are needed (or still running), so an apply would do something. */
const EXIT_CHANGES_PENDING = 4;

/** Where plan and apply read the spec from: the same three flags, said the same way in both helps. */
const SPEC_SOURCE_USAGE = `  --spec FILE|-         the upgrade spec, a JSON file (- reads stdin); default: the JSON text in $${SPEC_ENV_VAR}
  --stack DIR           read the spec from a synthesized stack instead, e.g. cdktf.out/stacks/prod
  --cluster NAME        with --stack: the cluster, when the stack upgrades several`;
const TIME_SCALE_USAGE = `  --time-scale X        EKS time runs X times faster (a simulator rehearsal); default: $${TIME_SCALE_ENV_VAR} or 1`;

export const PLAN_USAGE = `usage: eks-upgrade plan [--spec FILE|- | --stack DIR [--cluster NAME]] [--json] [--time-scale X] [--detailed-exitcode]

  print the ordered updates the spec needs; makes no change
${SPEC_SOURCE_USAGE}
  --json                print the plan as JSON
${TIME_SCALE_USAGE}
  --detailed-exitcode   exit 0 when nothing needs doing, 4 when updates are needed (errors keep their codes)
  -h, --help            print this help`;

export const APPLY_USAGE = `usage: eks-upgrade apply [--spec FILE|- | --stack DIR [--cluster NAME]] [--report FILE] [--time-scale X]

  run the updates the spec needs and wait for each to finish
${SPEC_SOURCE_USAGE}
  --report FILE         write the run report (JSON) to FILE
${TIME_SCALE_USAGE}
  -h, --help            print this help`;

export const EXIT_CODES = `exit codes: 0 converged (plan: printed); 1 an update failed or the endpoint did not answer;
  2 bad input (spec, flags, region, credentials, refused by EKS or preflight); 3 timed out or interrupted;
  4 plan --detailed-exitcode: updates are needed`;

const SPEC_SOURCE_OPTIONS = {
  spec: { type: 'string' },
  stack: { type: 'string' },
  cluster: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const PLAN_OPTIONS = {
  ...SPEC_SOURCE_OPTIONS,
  'json': { type: 'boolean' },
  'time-scale': { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const APPLY_OPTIONS = {
  ...SPEC_SOURCE_OPTIONS,
  'report': { type: 'string' },
  'time-scale': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** `eks-upgrade plan --spec FILE|- [--json] [--time-scale X] [--detailed-exitcode]`: prints the plan; makes no mutating call. */
export async function runPlanCli(args: string[]): Promise<number> {
  const values = parseFlags('plan', args, PLAN_OPTIONS, PLAN_USAGE);
  if (typeof values === 'number') return values;
  const say = fixSyntaxFor(values.spec, values.stack);
  return guarded(async () => {
    const spec = readSpec(values.spec, values.stack, values.cluster);
    // Plan makes no wait, but takes the flag (and checks it) as apply does, so one command line serves both.
    readTimeScale(values['time-scale']);
    const api = newEksApi(spec);
    try {
      // On stderr under --json, whose stdout is the plan alone.
      (values.json ? err : out)(await whereItRuns(api, spec));
      const result = await planOnly({ spec, api });
      out(values.json ? JSON.stringify({ plan: result.plan, runningUpdates: result.state.runningUpdates }, null, 2) : say(result.text));
      const pending = result.plan.phases.some((p) => p.steps.length > 0) || result.state.runningUpdates.length > 0;
      return values['detailed-exitcode'] && pending ? EXIT_CHANGES_PENDING : EXIT_CONVERGED;
    } finally {
      api.destroy();
    }
  }, say);
}

/** `eks-upgrade apply --spec FILE|- [--report FILE] [--time-scale X]`: converges the cluster and waits. */
export async function runApplyCli(args: string[]): Promise<number> {
  const values = parseFlags('apply', args, APPLY_OPTIONS, APPLY_USAGE);
  if (typeof values === 'number') return values;
  // Checked before any EKS call: a report that cannot be written is found now, not after every update ran. The spec
  // is still read and planned (read-only), so its own refusals are said too.
  const reportProblem = values.report ? reportPathProblem(values.report) : undefined;
  const say = fixSyntaxFor(values.spec, values.stack);
  if (reportProblem) return guarded(() => refuseBadReport(() => readSpec(values.spec, values.stack, values.cluster), reportProblem), say);
  return guarded(async () => {
    const spec = readSpec(values.spec, values.stack, values.cluster);
    const given = values['time-scale'] ?? process.env[TIME_SCALE_ENV_VAR];
    const scale = agreeTimeScale(given ? readTimeScale(values['time-scale']) : undefined, await askSimulatorClock(), out);
    const clock = scaledClock(systemClock, scale);
    reportEnvironment(given ? scale : 1);
    const api = newEksApi(spec);
    const report = newReport(spec, clock);
    const abort = new AbortController();
    const unwatch = stopOnSignalOrOrphan(abort, err);
    let code = EXIT_CONVERGED;
    const live = process.stdout.isTTY ? await liveProgress(process.stdout) : undefined;
    try {
      out(await whereItRuns(api, spec));
      const sinks = live ? { sink: (line: string) => live.sink(say(line)), status: live.status } : { sink: (line: string) => out(say(line)) };
      await runUpgrade({ spec, api, clock, signal: abort.signal, ...sinks }, report);
    } catch (caught) {
      const e = explainEnvironmentError(caught);
      code = exitCodeOf(e);
      report.outcome = abort.signal.aborted && code !== EXIT_BAD_INPUT ? 'interrupted' : reportOutcomeOf(e);
      report.error = (e as Error).message;
      for (const step of report.steps) {
        if (step.outcome === 'running') step.error = 'still running in EKS when the run stopped; the next apply waits for it';
      }
      // The last lines an interrupted user reads: what still runs, and how to resume.
      if (report.outcome === 'interrupted') (e as Error).message += `\n${stillRunning(report)}`;
      throw Object.assign(e as Error, { report });
    } finally {
      live?.close();
      unwatch();
      report.endedAt = new Date(clock.now()).toISOString();
      report.apiCalls = api.callCounts();
      api.destroy();
      // A run stopped before its first update (no region, a refused spec) is told by its one error line alone.
      if (report.steps.length > 0 || report.attached.length > 0 || code === EXIT_CONVERGED) out(formatSummary(report));
      if (values.report) writeReport(values.report, report);
    }
    return code;
  }, say);
}

/**
 * Fixes are suggested in the syntax of where the user wrote the spec: JSON for a --spec file or stdin, TypeScript for a
 * spec read from a synthesized stack (--stack) or in EKS_UPGRADE_SPEC, which is how the ClusterUpgrade construct's
 * runner hands it over.
 */
function fixSyntaxFor(specFlag: string | undefined, stack?: string): (text: string) => string {
  return stack !== undefined || (specFlag === undefined && process.env[SPEC_ENV_VAR]) ? inTypeScript : (text) => text;
}

/** An apply whose --report cannot be written: refused (exit 2) with that reason and every refusal of the spec's plan. */
async function refuseBadReport(read: () => UpgradeSpec, reportProblem: string): Promise<number> {
  try {
    const spec = read();
    const api = newEksApi(spec);
    try {
      await planOnly({ spec, api });
    } finally {
      api.destroy();
    }
  } catch (caught) {
    const e = explainEnvironmentError(caught);
    if (exitCodeOf(e) === EXIT_BAD_INPUT) throw new InputError(`${(e as Error).message}\n${reportProblem}`);
  }
  throw new InputError(reportProblem);
}

/** The SDK's Node version notice, when it is turned off, is said in one line instead. */
function newEksApi(spec: UpgradeSpec): EksApi {
  if (quietSdkNodeNotice()) {
    err(`eks-upgrade: note: Node ${process.versions.node} is past its end of life and the AWS SDK will soon require Node ${RECOMMENDED_NODE_MAJOR}; use Node ${RECOMMENDED_NODE_MAJOR} or later`);
  }
  return new EksApi(spec.clusterName, { region: spec.region, assumeRole: spec.assumeRole, network: 'ec2' });
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

function readSpec(source: string | undefined, stack?: string, cluster?: string): UpgradeSpec {
  if (stack !== undefined && source !== undefined) throw new InputError('--spec and --stack both name a spec; pass one of the two');
  if (cluster !== undefined && stack === undefined) throw new InputError('--cluster chooses a cluster of --stack; pass --stack DIR too, or leave --cluster out');
  if (stack !== undefined) return parseSpec(readStackSpec(stack, cluster));
  let text: string;
  if (source === '-') text = readSpecFile(0, 'stdin');
  else if (source !== undefined) text = readSpecFile(source, source);
  else if (process.env[SPEC_ENV_VAR]) text = specFromEnvironment(process.env[SPEC_ENV_VAR]!);
  else throw new InputError(`no spec: pass --spec FILE (or - for stdin), or set ${SPEC_ENV_VAR}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`the spec is not valid JSON: ${locateJsonError(text) ?? (e as Error).message}`);
  }
  if (looksLike(json) === 'seed') throw new InputError(`the spec: ${SEED_NOT_SPEC}`);
  return parseSpec(json);
}

/** EKS_UPGRADE_SPEC holds the spec's JSON itself (the runner's hand-over); a path there is a common slip. */
function specFromEnvironment(value: string): string {
  const text = value.trim();
  if (!text.startsWith('{') && /^[\w.~/\\:-]+$/.test(text) && !/^(true|false|null|-?\d[\d.eE+-]*)$/.test(text)) {
    throw new InputError(`${SPEC_ENV_VAR} holds the spec's JSON text, not a path, and '${text}' looks like a path: pass --spec ${text} instead`);
  }
  return value;
}

/** The spec file's text, or one line naming the path and what is wrong with it (never a Node error code). */
function readSpecFile(file: string | 0, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'is a directory, not a spec file'
        : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)'
          : code === 'ENOTDIR' ? 'a part of the path is not a directory'
            : 'cannot be read';
    throw new InputError(`--spec ${name}: ${why}; pass the path of a JSON spec file (or - for stdin)`);
  }
}

type Flags<O extends ParseArgsConfig['options']> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

/** The command's flags; or its exit code after printing usage (0 for --help, 2 naming a flag it does not take). */
function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: O, usage: string): Flags<O> | number {
  let values: Flags<O>;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags<O>;
  } catch (e) {
    err(`eks-upgrade ${command}: ${flagProblem(e as Error & { code?: string }, '--spec FILE', Object.keys(options))}\n${usage}`);
    return EXIT_BAD_INPUT;
  }
  if ((values as { help?: boolean }).help) {
    out(usage);
    return EXIT_CONVERGED;
  }
  return values;
}

async function guarded(body: () => Promise<number>, say: (text: string) => string = (text) => text): Promise<number> {
  try {
    return await body();
  } catch (caught) {
    const e = explainEnvironmentError(caught);
    const code = exitCodeOf(e);
    const error = e as Error;
    err(`eks-upgrade: ${error.name && !['Error', 'InputError', 'SpecError', 'PlanError', 'UpdateFailedError', 'UpdateTimeoutError', 'EndpointUnreachableError'].includes(error.name) ? `${error.name}: ` : ''}${say(error.message)}`);
    return code;
  }
}

/**
 * What every reliability scenario stands on: seeds and specs, an engine run in process against its own
 * simulator, the bundled CLI as a child process against an in-process simulator server, and small
 * utilities (a seeded RNG, a bounded pool).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { EKSClient } from '@aws-sdk/client-eks';
import { HANDLER, simulatorEnv } from '../../scripts/rehearsal';
import { EksApi } from '../../src/aws/eks-api';
import { Clock, scaledClock, systemClock } from '../../src/engine/clock';
import { PlanError } from '../../src/engine/planner';
import { RunReport } from '../../src/engine/run-report';
import { newReport, runUpgrade } from '../../src/engine/upgrade';
import { InputError, InterruptedError, UpdateFailedError, UpdateTimeoutError } from '../../src/errors/run-errors';
import type { DataPlaneRead } from '../../src/kubernetes/read-data-plane';
import {
  CallRecord, defaultSeed, inProcessHandler, RunningSimulator, SimClock, Simulator, SimSeed, SimRequest, SimResponse, startSimulator, VirtualClock,
} from '../../src/simulator';
import { parseSpec, SpecError } from '../../src/upgrade-spec/parse-spec';
import { demoSpecJson } from '../fixtures/demo-spec';

// The SDK's Node-version notice is for operators; it would only clutter the suite's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Simulated seconds per real second for scaled runs: a 10-minute control-plane update takes 0.12 s. */
export const SCALE = 5000;
export const CLUSTER = 'demo';
const CREDENTIALS = { accessKeyId: 'reliability', secretAccessKey: 'reliability' };

/**
 * Update timeouts far above anything a scenario needs: at a high time scale, real-time delays the SDK adds
 * on its own (retry backoff, the adaptive rate limiter) are worth hours of EKS time, and a timeout is not
 * what those scenarios test.
 */
export const GENEROUS_TIMEOUTS = { cluster: 100_000, nodegroup: 100_000, addon: 100_000 };

/**
 * The simulator's default world: `demo` (1.29; node groups `general` and `batch`, both on managed AMIs, so it can
 * go to 1.33 in one apply) and `legacy` (1.29; the custom-AMI node group `custom` and the Amazon Linux 2 node
 * group `al2`). Scenarios about custom AMIs run on `legacy`.
 */
export function demoSeed(): SimSeed {
  return defaultSeed();
}

export type SpecJson = Record<string, any>;

/** The seeded cluster `name` (to adjust a seed, or read the simulator's state of one cluster). */
export function clusterOf<T extends { clusters: Array<{ name: string }> }>(seedOrState: T, name = CLUSTER): T['clusters'][number] {
  const found = seedOrState.clusters.find((c) => c.name === name);
  if (!found) throw new Error(`no cluster ${name} in the simulator's seed or state`);
  return found;
}

/**
 * `demo` where a control-plane step is the only change 1.29 → 1.30 needs: vpc-cni is already on
 * v1.19.2-eksbuild.1 (EKS lists it for 1.28 to 1.33) and kube-proxy runs self-managed, not as an EKS add-on (no
 * kube-proxy add-on version runs on both 1.29 and 1.30, so with the add-on installed every 1.30 plan moves it
 * right after the step, ADDON-AFTER-CP). Without this, the planner refuses a spec that names no add-on
 * (UNTARGETED-COMPATIBLE), rightly.
 */
export function controlPlaneOnlySeed(): SimSeed {
  const seed = defaultSeed();
  const demo = clusterOf(seed);
  demo.addons = demo.addons!
    .filter((a) => a.name !== 'kube-proxy')
    .map((a) => (a.name === 'vpc-cni' ? { ...a, version: 'v1.19.2-eksbuild.1' } : a));
  return seed;
}

/** `demo` on 1.30, upgraded from 1.29 at `upgradedAt` (a rollback is allowed for 7 days after). */
export function rolledForwardSeed(upgradedAt: string): SimSeed {
  const seed = demoSeed();
  Object.assign(clusterOf(seed), { version: '1.30', previousVersion: '1.29', upgradedAt });
  return seed;
}

/**
 * A one-minor rollback of `demo` with EKS's shortest rollback timeout (rollbackConfig.timeoutMinutes 120): the
 * engine awaits a rollback for that timeout plus the policy's control-plane timeout (5 minutes here), then cancels it.
 */
export const rollbackSpec = (): SpecJson =>
  smallSpec({ controlPlane: { allowRollback: true, rollbackTimeoutMinutes: 120 }, policy: { updateTimeoutMinutes: { cluster: 5, nodegroup: 60, addon: 60 } } });

/** Simulator durations for rollbackSpec(): the nodes roll back for 4 hours, so the engine's wait ends while CancelUpdate still can stop them. */
export const SLOW_ROLLBACK = { rollbackNodesSeconds: 4 * 3600, cancelSeconds: 60 };

/**
 * What the engine must say after cancelling its own rollback (CANCEL-ROLLBACK-ONLY): that it asked, and the update's
 * status and cancellation status as DescribeUpdate read them right after — InProgress while the asynchronous
 * cancellation settles, or Cancelled/Successful if it had already — never an assumed outcome.
 */
export function cancellationProblems(message: string, updateId: string): string[] {
  const problems: string[] = [];
  if (!message.includes(`CancelUpdate requested on ${updateId}`)) problems.push(`the error does not say CancelUpdate was requested on ${updateId}: ${message}`);
  const read = /DescribeUpdate now reads status (\w+), cancellation (\w+)/.exec(message);
  const consistent = read && ((read[1] === 'InProgress' && read[2] === 'InProgress') || (read[1] === 'Cancelled' && read[2] === 'Successful'));
  if (!consistent) problems.push(`the error does not report DescribeUpdate's status and cancellation status after CancelUpdate (InProgress/InProgress or Cancelled/Successful): ${message}`);
  return problems;
}

/** The demo targets (every add-on, both node groups), as the JSON a runner hands the CLI. */
export function demoSpec(version: string, extra: SpecJson = {}): SpecJson {
  return demoSpecJson(version, { policy: { maxConcurrentNodegroups: 2, updateTimeoutMinutes: GENEROUS_TIMEOUTS }, ...extra });
}

/** A spec with only the given targets on a 1.29 control plane (each small spec makes one or two updates). */
export function smallSpec(targets: {
  clusterName?: string; version?: string; addons?: SpecJson[]; nodegroups?: SpecJson[]; controlPlane?: SpecJson; policy?: SpecJson;
}): SpecJson {
  return {
    specVersion: 1,
    clusterName: targets.clusterName ?? CLUSTER,
    controlPlane: { version: targets.version ?? '1.29', ...targets.controlPlane },
    addons: targets.addons ?? [],
    nodegroups: targets.nodegroups ?? [],
    policy: { updateTimeoutMinutes: GENEROUS_TIMEOUTS, ...targets.policy },
  };
}

/**
 * The add-on small specs move: vpc-cni one minor, v1.16.0-eksbuild.1 → v1.17.1-eksbuild.1, on 1.29 (the installed
 * kube-proxy early build is already the newest kube-proxy EKS lists for 1.29, so it has no update there).
 */
export const ADDON = { name: 'vpc-cni', from: 'v1.16.0-eksbuild.1', to: 'v1.17.1-eksbuild.1', resourceId: 'kube-system/aws-node' };
/** One add-on update: vpc-cni one minor up (VPCCNI-ONE-MINOR). */
export const addonSpec = () => smallSpec({ addons: [{ name: ADDON.name, version: ADDON.to }] });
/** One AMI-release update of `general` (1.29.10 → the recommended 1.29 release). */
export const nodegroupSpec = (extra: SpecJson = {}) => smallSpec({ nodegroups: [{ name: 'general', releaseVersion: 'latest', ...extra }] });
/** One UpdateNodegroupConfig on `general`. */
export const nodegroupConfigSpec = () => smallSpec({ nodegroups: [{ name: 'general', updateConfig: { maxUnavailable: 2 } }] });
/** One control-plane update, 1.29 → 1.30 (on controlPlaneOnlySeed(); on the default seed the add-ons must move too). */
export const clusterSpec = (extra: SpecJson = {}) => smallSpec({ version: '1.30', controlPlane: extra });
/** One launch-template roll of the custom-AMI node group on `legacy` (version 1 → 2, Kubernetes 1.29). */
export const customSpec = () => smallSpec({ clusterName: 'legacy', nodegroups: [{ name: 'custom', launchTemplate: { name: 'demo-custom-lt', version: '2' } }] });

/** An SDK request handler that hands requests to `sim`, optionally through a hook that sees each one. */
export type RequestHook = (request: SdkRequest, forward: () => Promise<SdkResult>) => Promise<SdkResult>;
export interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}
export type SdkResult = { response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } };

export function requestHandler(sim: Simulator, hook?: RequestHook) {
  const base = inProcessHandler(sim);
  if (!hook) return base;
  return { ...base, handle: (request: SdkRequest) => hook(request, () => base.handle(request) as Promise<SdkResult>) };
}

/** The EKS operation an SDK request is for, for the mutating ones a hook cares about. */
export function mutatingOperation(request: SdkRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  if (/^\/clusters\/[^/]+\/updates$/.test(request.path)) return 'UpdateClusterVersion';
  if (/\/node-groups\/[^/]+\/update-version$/.test(request.path)) return 'UpdateNodegroupVersion';
  if (/\/node-groups\/[^/]+\/update-config$/.test(request.path)) return 'UpdateNodegroupConfig';
  if (/\/addons\/[^/]+\/update$/.test(request.path)) return 'UpdateAddon';
  return undefined;
}

/** The same request as it would reach the simulator over HTTP (to replay it, e.g. as someone else). */
export function simRequest(request: SdkRequest, body: string): SimRequest {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.query ?? {})) if (v !== null) query[k] = v;
  return { method: request.method, path: request.path, query, headers: request.headers, body };
}

export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  return new TextDecoder().decode(body as Uint8Array);
}

/** What the SDK receives when EKS's answer is lost after the request took effect. */
export function serverErrorResult(): SdkResult {
  return {
    response: {
      statusCode: 500,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ServerException' },
      body: new TextEncoder().encode(JSON.stringify({ message: 'Connection reset before the response was sent' })),
    },
  };
}

/**
 * A simulator and the engine's clock in step. `scaled`: both run on real time sped up SCALE times, as
 * the CLI does. `stepped`: engine and simulator share one virtual clock that moves only when the engine
 * sleeps, so EKS time passes exactly as the engine waits, however loaded the machine is: grace periods
 * (eventual consistency, DEGRADED add-ons) and timeouts behave as at real speed, and the SDK's real-time
 * retry backoff costs no EKS time. Concurrent lanes each advance the clock, so time can only run faster
 * than asked, never backwards.
 */
export interface World {
  readonly sim: Simulator;
  readonly clock: Clock;
  /** The engine's EKS client for `clusterName` (default `demo`), its requests going through `hook` if given. */
  api(hook?: RequestHook, clusterName?: string): EksApi;
}

export function scaledWorld(seed: SimSeed = demoSeed(), options: { durations?: Record<string, number>; scale?: number } = {}): World {
  const scale = options.scale ?? SCALE;
  const sim = new Simulator({ seed, timeScale: scale, durations: options.durations });
  return world(sim, scaledClock(systemClock, scale));
}

export function steppedWorld(seed: SimSeed = demoSeed(), options: { durations?: Record<string, number> } = {}): World {
  const time = new VirtualClock();
  const sim = new Simulator({ seed, clock: time, durations: options.durations });
  const clock: Clock = {
    now: () => time.now(),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      // Whole milliseconds, at least one, as real timers: a sub-millisecond step can vanish in the
      // floating-point sum of an epoch time, and a caller waiting for the clock to move would wait forever.
      time.advance(Math.max(1, Math.ceil(ms)));
      await nextTurn();
      signal?.throwIfAborted();
    },
  };
  return world(sim, clock);
}

/** An SDK client of someone other than the engine, talking to `sim` in process (no retries). */
export function inProcessClient(sim: Simulator): EKSClient {
  return new EKSClient({ region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1, requestHandler: inProcessHandler(sim) });
}

function world(sim: Simulator, clock: Clock): World {
  return {
    sim,
    clock,
    api: (hook, clusterName = CLUSTER) => new EksApi(clusterName, { region: 'us-east-1', credentials: CREDENTIALS, requestHandler: requestHandler(sim, hook) }),
  };
}

/** How a run ended, in the CLI's exit-code terms: 0 converged, 1 update failed, 2 rejected, 3 timed out. */
export type RunEnd = 'converged' | 'failed' | 'rejected' | 'timed out';

const NO_KUBERNETES_API = async (): Promise<DataPlaneRead> => ({ status: 'skipped', failure: 'off', reason: 'the in-process world serves no Kubernetes API' });

export interface RunResult {
  readonly end: RunEnd;
  readonly error?: Error;
  readonly report: RunReport;
  readonly lines: string[];
  /** The simulator's calls made while this run was going (other actors' included, if any were busy). */
  readonly calls: CallRecord[];
}

/** Runs `eks-upgrade apply`'s engine in process against `w`; never throws. */
export async function applyInProcess(w: World, specJson: SpecJson, options: { hook?: RequestHook; signal?: AbortSignal } = {}): Promise<RunResult> {
  const lines: string[] = [];
  const from = lastSeq(w.sim);
  const api = w.api(options.hook, typeof specJson.clusterName === 'string' ? specJson.clusterName : CLUSTER);
  const spec = safeParse(specJson);
  const report = newReport(spec ?? ({ clusterName: String(specJson.clusterName) } as any), w.clock);
  try {
    if (spec instanceof Error) throw spec;
    // An in-process world serves no Kubernetes API (its DescribeCluster endpoint is a made-up EKS host name): the
    // data plane is left unread, silently, rather than resolved over the network; kubernetes-access.ts tests the reads.
    await runUpgrade({ spec: spec!, api, clock: w.clock, sink: (l) => lines.push(l), signal: options.signal, readDataPlane: NO_KUBERNETES_API }, report);
    return { end: 'converged', report, lines, calls: callsSince(w.sim, from) };
  } catch (e) {
    return { end: endOf(e), error: e as Error, report, lines, calls: callsSince(w.sim, from) };
  } finally {
    api.destroy();
  }
}

function safeParse(json: SpecJson): ReturnType<typeof parseSpec> | Error | undefined {
  try {
    return parseSpec(json);
  } catch (e) {
    return e as Error;
  }
}

/** The CLI's classification of an error (`exitCodeOf` in src/engine/error-outcome.ts), as a word. */
export function endOf(e: unknown): RunEnd {
  if (e instanceof SpecError || e instanceof PlanError || e instanceof InputError) return 'rejected';
  if (e instanceof UpdateTimeoutError || e instanceof InterruptedError || (e as Error)?.name === 'AbortError') return 'timed out';
  if (e instanceof UpdateFailedError) return 'failed';
  if (/InvalidParameter|InvalidRequest|InvalidState|ResourceNotFound/.test((e as Error)?.name ?? '')) return 'rejected';
  return 'failed';
}

export const EXIT_CODES: Record<RunEnd, number> = { 'converged': 0, 'failed': 1, 'rejected': 2, 'timed out': 3 };

export function lastSeq(sim: Simulator): number {
  return sim.calls().at(-1)?.seq ?? 0;
}

export function callsSince(sim: Simulator, seq: number): CallRecord[] {
  return sim.calls().filter((c) => c.seq > seq);
}

/** Update ids the engine put in its report: every step it started and every running update it attached to. */
export function reportedIds(report: Pick<RunReport, 'steps' | 'attached'> | undefined): Set<string> {
  return new Set([
    ...(report?.steps ?? []).flatMap((s) => (s.updateId ? [s.updateId] : [])),
    ...(report?.attached ?? []).map((a) => a.updateId),
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// The bundled CLI against an in-process simulator server.

export function assertBundle(): void {
  if (!existsSync(HANDLER)) throw new Error(`${HANDLER} is missing: run \`npx projen bundle\` first`);
}

/**
 * Real time sped up `scale` times, which can stand still: between killing a CLI and starting the next
 * one no EKS time passes, as if the retry started at once (a new process takes a fraction of a second,
 * which at a high scale would be minutes of EKS time, and every update would be over before it looked).
 */
export class PausableClock implements SimClock {
  private readonly origin = Date.now();
  private paused = 0;
  private since?: number;

  constructor(private readonly scale: number) {}

  now(): number {
    return this.origin + ((this.since ?? Date.now()) - this.origin - this.paused) * this.scale;
  }

  pause(): void {
    this.since ??= Date.now();
  }

  resume(): void {
    if (this.since === undefined) return;
    this.paused += Date.now() - this.since;
    this.since = undefined;
  }
}

/** A simulator server whose every recorded call can be observed (to kill a child right after a given call). */
export interface Lane {
  readonly server: RunningSimulator;
  readonly url: string;
  readonly sim: Simulator;
  readonly clock: PausableClock;
  /** Called synchronously once a call is recorded and before its answer is sent. */
  onCall?: (call: CallRecord, sim: Simulator) => void;
  /** Stops EKS time until a request for which `until` holds arrives (by default, the next request). */
  pause(until?: (request: SimRequest) => boolean): void;
  close(): Promise<void>;
}

/** A request about updates (ListUpdates, DescribeUpdate) or a mutation: where a resumed run starts to depend on EKS time. */
export function touchesUpdates(request: SimRequest): boolean {
  return /\/updates(\/|$)/.test(request.path) || (request.method === 'POST' && !/\/insights$/.test(request.path));
}

export async function startLane(seed: SimSeed, options: { scale?: number; durations?: Record<string, number> } = {}): Promise<Lane> {
  const clock = new PausableClock(options.scale ?? SCALE);
  const server = await startSimulator({ seed, clock, durations: options.durations });
  const sim = server.simulator;
  let resumeWhen: ((request: SimRequest) => boolean) | undefined;
  const lane: Lane = {
    server,
    url: server.url,
    sim,
    clock,
    pause: (until = () => true) => {
      clock.pause();
      resumeWhen = until;
    },
    close: () => server.close(),
  };
  const handle = sim.handle.bind(sim);
  // Without a latency fault the simulator records a call synchronously inside handle(), so the newest
  // record is this request's: the observer runs before the answer leaves.
  sim.handle = (request: SimRequest): Promise<SimResponse> => {
    if (resumeWhen?.(request)) {
      resumeWhen = undefined;
      clock.resume();
    }
    const before = lastSeq(sim);
    const answer = handle(request);
    const newest = sim.calls().at(-1);
    if (newest && newest.seq > before) lane.onCall?.(newest, sim);
    return answer;
  };
  return lane;
}

/** A lane on `seed` for `body`, after checking the CLI bundle is built; closed whatever `body` does. */
export async function withLane(seed: SimSeed, options: Parameters<typeof startLane>[1], body: (lane: Lane) => Promise<void>): Promise<void> {
  assertBundle();
  const lane = await startLane(seed, options);
  try {
    await body(lane);
  } finally {
    await lane.close();
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly report?: RunReport;
  readonly calls: CallRecord[];
}

/** `eks-upgrade apply --spec FILE --time-scale SCALE --report FILE` against `lane`; `started` sees the child. */
export async function runCli(
  lane: Lane, spec: SpecJson | string, options: { args?: string[]; started?: (child: ChildProcess) => void; scale?: number } = {},
): Promise<CliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-reliability-'));
  try {
    const specFile = join(dir, 'spec.json');
    const reportFile = join(dir, 'report.json');
    writeFileSync(specFile, typeof spec === 'string' ? spec : JSON.stringify(spec));
    const from = lastSeq(lane.sim);
    const args = options.args ?? ['--time-scale', String(options.scale ?? SCALE)];
    const child = spawn(process.execPath, [HANDLER, 'apply', '--spec', specFile, '--report', reportFile, ...args], {
      env: simulatorEnv(lane.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    options.started?.(child);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
    const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport : undefined;
    return { code, signal, stdout, stderr, report, calls: callsSince(lane.sim, from) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------

/** The Park–Miller generator: tiny and seeded, so the kill points are the same on every run. */
export function seededRandom(seed: number): () => number {
  const m = 2_147_483_647;
  let state = 1 + (Math.abs(Math.floor(seed)) % (m - 1));
  return () => {
    state = (state * 48_271) % m;
    return (state - 1) / (m - 1);
  };
}

/** Runs `work` over `items`, at most `size` at a time, in order of start. */
export async function pool<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

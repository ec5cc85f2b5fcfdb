import { setTimeout as delay } from 'node:timers/promises';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { eksCall, ssmCall, type ApiCall } from './api-call';
import { CallLog, type CallRecord } from './call-log';
import { ScaledClock, type SimClock } from './clock';
import { CODEBUILD_ADMIN_PREFIX, handleCodeBuildAdmin } from './codebuild/codebuild-admin';
import type { CodeBuildProjectSeed } from './codebuild/codebuild-project';
import { CodeBuildService } from './codebuild/codebuild-service';
import { codeBuildOperation } from './codebuild/codebuild-wire';
import { defaultSeed } from './default-seed';
import { DEFAULT_DURATIONS, DurationModel, type UpdateDurations } from './durations';
import { isEc2Request } from './ec2/ec2-query';
import { handleEc2, type Ec2Answer } from './ec2/ec2-service';
import { LaunchTemplateStore, type LaunchTemplate } from './ec2/launch-template-store';
import { EksError } from './eks-errors';
import { FaultBook, type ActiveFault, type SimFault } from './faults';
import { clone, compact } from './json';
import { handleKubernetes, KUBERNETES_PREFIX } from './kubernetes/kube-router';
import { kubernetesAccessResponse, kubernetesFaultResponse } from './kubernetes/kube-status';
import type { KubernetesEndpoint, OperationContext } from './operation-context';
import { SeededRandom } from './random';
import type { SimSeed } from './seed';
import type { SimRequest, SimResponse } from './sim-http';
import { ssmOperation } from './ssm';
import { normalizeSeed, type SimState } from './state';
import { handleSts, isStsRequest, signingAccessKeyId, StsSessions } from './sts';
import { healFaultDegradations, settle } from './update-lifecycle';

export interface SimulatorOptions {
  /** The world to start from (and return to on `reset()`); the built-in default seed if absent. */
  seed?: SimSeed;
  /** Where simulated time comes from; a real clock sped up by `timeScale` if absent. */
  clock?: SimClock;
  /** Simulated seconds per real second for the default clock (600: a 10-minute update takes 1 s). Default 1. */
  timeScale?: number;
  /** Spread of update durations: 0 exact (default), 0.2 = ±20 %, drawn from a generator seeded by `rngSeed`. */
  durationJitter?: number;
  /** Seeds duration jitter and update ids, so runs are reproducible. Default 1. */
  rngSeed?: number;
  /** Nominal update durations in simulated seconds; see DEFAULT_DURATIONS. */
  durations?: Partial<UpdateDurations>;
  /** CodeBuild projects to serve from the start (and again after `reset()`); more can be added at the admin endpoint. */
  codeBuildProjects?: CodeBuildProjectSeed[];
}

interface World {
  state: SimState;
  /** EC2's launch templates, from the seed's node groups (not part of the seed format). */
  ec2: LaunchTemplateStore;
  /** EC2 mutating calls by client token, for their idempotency. */
  ec2Tokens: Map<string, { body: string; answer: Ec2Answer }>;
  durations: DurationModel;
  ids: SeededRandom;
}

/**
 * The EKS API (restJson1) and SSM GetParameter, in process and without sockets: `handle` takes an HTTP
 * request and returns the response real EKS would send. Time is evaluated lazily: every request first
 * settles the updates that are due by `clock.now()`.
 */
/** The requests whose model has a `force` member, which the call log records. */
const FORCE_OPERATIONS = new Set(['UpdateClusterVersion', 'UpdateNodegroupVersion']);

export class Simulator {
  readonly clock: SimClock;
  private readonly initialSeed: SimSeed;
  private readonly faultBook = new FaultBook();
  private readonly log = new CallLog();
  private readonly sessions = new StsSessions();
  private world: World;
  private kubernetesEndpoint?: KubernetesEndpoint;
  /** CodeBuild StartBuild, BatchGetBuilds and StopBuild, whose builds run as local processes. */
  readonly codeBuild: CodeBuildService;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.clock = options.clock ?? new ScaledClock(options.timeScale ?? 1);
    this.initialSeed = clone(options.seed ?? defaultSeed());
    this.world = this.createWorld(this.initialSeed);
    const self = this;
    this.codeBuild = new CodeBuildService({
      now: () => this.clock.now(),
      get region() { return self.world.state.region; },
      get accountId() { return self.world.state.accountId; },
      buildFinished: (run) => this.record({
        time: this.clock.now(),
        operation: 'Build',
        resource: `build/${run.id}`,
        status: 200,
        build: { id: run.id, status: run.buildStatus, output: run.output },
      }),
    });
    for (const project of options.codeBuildProjects ?? []) this.codeBuild.register(project);
  }

  /** Replaces the world (faults and the call log stay). Throws SeedError for a seed it cannot use. */
  seed(state: SimSeed): void {
    this.world = this.createWorld(state);
  }

  /** Back to the seed the simulator was constructed with, with no faults and an empty call log. */
  reset(): void {
    this.seed(this.initialSeed);
    this.clearFaults();
    this.clearCalls();
    this.sessions.clear();
    this.codeBuild.clear();
    for (const project of this.options.codeBuildProjects ?? []) this.codeBuild.register(project);
  }

  /** Where the clusters' Kubernetes API is served (startSimulator calls it): DescribeCluster then names it and its CA. */
  serveKubernetesAt(endpoint: KubernetesEndpoint): void {
    this.kubernetesEndpoint = endpoint;
  }

  /** Returns the fault's id. Throws FaultError for a fault it cannot use. */
  injectFault(fault: SimFault): string {
    return this.faultBook.inject(fault);
  }

  /** Removes every fault, and heals add-ons a fault left DEGRADED. */
  clearFaults(): void {
    this.faultBook.clear();
    healFaultDegradations(this.world.state);
  }

  faults(): ActiveFault[] {
    return this.faultBook.list();
  }

  calls(): CallRecord[] {
    return this.log.all();
  }

  clearCalls(): void {
    this.log.clear();
  }

  /** The current state (settled to now) in seed format: `seed(state())` recreates it. */
  state(): SimSeed {
    settle(this.world.state, this.clock.now());
    return clone(this.world.state);
  }

  /** EC2's launch templates as they are now. */
  launchTemplates(): LaunchTemplate[] {
    return clone(this.world.ec2.all());
  }

  async handle(request: SimRequest): Promise<SimResponse> {
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (request.path.startsWith(CODEBUILD_ADMIN_PREFIX)) return handleCodeBuildAdmin(this.codeBuild, request);
    if (request.path.startsWith(ADMIN_PREFIX)) return handleAdmin(this, request);
    if (isEc2Request(headers, request.body ?? '')) return this.handleEc2(request.body ?? '', headers);
    if (isStsRequest(headers, request.body ?? '')) return this.handleSts(request.body ?? '', headers);
    if (request.path.startsWith(KUBERNETES_PREFIX)) return this.handleKubernetes(request, headers);
    const codeBuildTarget = codeBuildOperation(headers);
    if (codeBuildTarget !== undefined) return this.handleCodeBuild(codeBuildTarget, request.body ?? '', headers);

    let body: Record<string, any> = {};
    let parseError: Error | undefined;
    try {
      body = request.body ? JSON.parse(request.body) : {};
    } catch {
      parseError = new EksError('InvalidRequestException', 'The request body is not valid JSON.');
    }
    const ssmTarget = ssmOperation(headers);
    const call: ApiCall = ssmTarget !== undefined ? ssmCall(ssmTarget, body) : eksCall(request.method, request.path, request.query ?? {});

    const fired = this.faultBook.takeCallFaults(call.operation, call.resource);
    if (fired.latencyMs > 0) await delay(fired.latencyMs);
    const now = this.clock.now();
    settle(this.world.state, now);

    const ctx: OperationContext = {
      state: this.world.state,
      now,
      operation: call.operation,
      resource: call.resource,
      path: call.path,
      query: request.query ?? {},
      body,
      faults: this.faultBook,
      durations: this.world.durations,
      newUpdateId: () => this.world.ids.uuid(),
      outcome: { createdUpdate: false },
      ...(this.kubernetesEndpoint ? { kubernetes: this.kubernetesEndpoint } : {}),
    };
    let response: SimResponse;
    try {
      if (parseError) throw parseError;
      if (fired.error !== undefined) throw call.faultError(fired.error);
      response = call.ok(call.run(ctx));
    } catch (error) {
      response = call.fail(error);
    }
    this.record({
      time: now,
      operation: call.operation,
      resource: call.resource,
      status: response.status,
      mutating: call.mutating,
      updateId: ctx.outcome.updateId,
      clientRequestToken: ctx.outcome.clientRequestToken ?? (call.mutating && typeof body.clientRequestToken === 'string' ? body.clientRequestToken : undefined),
      createdUpdate: ctx.outcome.createdUpdate,
      force: FORCE_OPERATIONS.has(call.operation) && body.force === true ? true : undefined,
      identity: this.identityOf(headers),
    });
    return response;
  }

  private handleSts(body: string, headers: Record<string, string>): SimResponse {
    const now = this.clock.now();
    // Expiration is compared with the caller's real clock, whatever the simulated time.
    const { response, operation, resource } = handleSts(body, this.sessions, Date.now());
    this.record({ time: now, operation, resource, status: response.status, identity: this.identityOf(headers) });
    return response;
  }

  /** A cluster's Kubernetes API (reads only); the call log marks these calls `service: 'kubernetes'`. */
  private async handleKubernetes(request: SimRequest, headers: Record<string, string>): Promise<SimResponse> {
    const now = this.clock.now();
    settle(this.world.state, now);
    // Tokens are presigned with the caller's real clock, so their age is judged on it, whatever the simulated time.
    const answer = handleKubernetes({ method: request.method, path: request.path, query: request.query ?? {}, headers }, this.world.state, now, Date.now());
    const fired = this.faultBook.takeCallFaults(answer.operation, answer.resource);
    if (fired.latencyMs > 0) await delay(fired.latencyMs);
    const access = this.faultBook.takeKubernetesAccess(answer.operation, answer.resource);
    const response = access !== undefined ? kubernetesAccessResponse(access, answer.operation, answer.accessKeyId)
      : fired.error === undefined ? answer.response : kubernetesFaultResponse(fired.error);
    // Who read: the identity behind the token's access key, as for AWS calls (an assumed role when AssumeRole issued it).
    const identity = this.sessions.lookup(answer.accessKeyId) ?? answer.accessKeyId;
    this.record({ time: now, operation: answer.operation, resource: answer.resource, status: response.status, service: 'kubernetes', identity });
    return response;
  }

  /** EC2 launch template calls (the ec2 query protocol). */
  private handleEc2(body: string, headers: Record<string, string>): SimResponse {
    const now = this.clock.now();
    settle(this.world.state, now);
    const { response, operation, resource, mutating } = handleEc2(body, this.world.ec2, now, this.world.ec2Tokens, this.world.state);
    this.record({ time: now, operation, resource, status: response.status, mutating, identity: this.identityOf(headers) });
    return response;
  }

  /** CodeBuild StartBuild, BatchGetBuilds and StopBuild (awsJson1.1). */
  private handleCodeBuild(operation: string, text: string, headers: Record<string, string>): SimResponse {
    let body: Record<string, any> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    const { response, resource } = this.codeBuild.handle(operation, body);
    this.record({ time: this.clock.now(), operation, resource, status: response.status, identity: this.identityOf(headers) });
    return response;
  }

  /** One call log entry, for every service: not mutating and creating no update unless it says so; undefined members left out. */
  private record(call: Omit<CallRecord, 'seq' | 'mutating' | 'createdUpdate'> & Partial<Pick<CallRecord, 'mutating' | 'createdUpdate'>>): void {
    const { mutating = false, createdUpdate = false, ...rest } = call;
    this.log.record(compact({ ...rest, mutating, createdUpdate }));
  }

  /** The assumed role behind the request's access key when AssumeRole issued it, else the access key id itself. */
  private identityOf(headers: Record<string, string>): string | undefined {
    const key = signingAccessKeyId(headers);
    return this.sessions.lookup(key) ?? key;
  }

  private createWorld(seed: SimSeed): World {
    const rngSeed = this.options.rngSeed ?? 1;
    return {
      state: normalizeSeed(seed, this.clock.now()),
      ec2: LaunchTemplateStore.fromSeed(seed),
      ec2Tokens: new Map(),
      durations: new DurationModel({ ...DEFAULT_DURATIONS, ...this.options.durations }, this.options.durationJitter ?? 0, new SeededRandom(rngSeed)),
      // A separate stream, so jitter settings do not change update ids.
      ids: new SeededRandom(rngSeed + 7919),
    };
  }
}

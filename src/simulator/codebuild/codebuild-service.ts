import { randomUUID } from 'node:crypto';
import { BuildRun } from './build-run';
import { checkTimeout, toProject, type CodeBuildProject, type CodeBuildProjectSeed } from './codebuild-project';
import { CodeBuildError, codeBuildFailure, codeBuildOk } from './codebuild-wire';
import type { SimResponse } from '../sim-http';

/** What the service needs of the simulator around it. */
export interface CodeBuildHost {
  readonly region: string;
  readonly accountId: string;
  /** Simulated time, epoch milliseconds. */
  now(): number;
  /** Writes a finished build, with its output, to the call log. */
  buildFinished(run: BuildRun): void;
}

/** BatchGetBuilds takes 1–100 ids (the service model's bounds). */
const MAX_IDS = 100;

/**
 * CodeBuild StartBuild, BatchGetBuilds and StopBuild over a registry of projects. Each build runs its project's
 * command as a local process (build-run.ts); any number of builds of a project may run at once, as CodeBuild allows
 * unless a project sets a concurrent build limit.
 */
export class CodeBuildService {
  private readonly projects = new Map<string, CodeBuildProject>();
  private readonly builds = new Map<string, BuildRun>();
  private readonly numbers = new Map<string, number>();

  constructor(private readonly host: CodeBuildHost) {}

  /** Adds or replaces a project; throws CodeBuildError for one it cannot run. */
  register(seed: CodeBuildProjectSeed): CodeBuildProject {
    const project = toProject(seed, this.host);
    this.projects.set(project.name, project);
    return project;
  }

  listProjects(): CodeBuildProject[] {
    return [...this.projects.values()];
  }

  /** Every build so far with its status and output, for tests and the admin endpoint. */
  listBuilds(): Array<{ id: string; buildStatus: string; exited: boolean; output: string }> {
    return [...this.builds.values()].map((b) => ({ id: b.id, buildStatus: b.buildStatus, exited: b.exited, output: b.output }));
  }

  /** Resolves once every build's process has exited. */
  async idle(): Promise<void> {
    while ([...this.builds.values()].some((b) => !b.exited)) await new Promise((r) => setTimeout(r, 20));
  }

  /** Stops every running build (on reset and when the server closes), keeping the projects. */
  stopAll(): void {
    const now = this.host.now();
    for (const b of this.builds.values()) b.stop(now);
  }

  /** Forgets builds and projects, after stopping the builds. */
  clear(): void {
    this.stopAll();
    this.builds.clear();
    this.projects.clear();
    this.numbers.clear();
  }

  /** Answers one request; `resource` names the project or build it concerned, for the call log. */
  handle(operation: string, body: Record<string, any>): { response: SimResponse; resource?: string } {
    const now = this.host.now();
    for (const b of this.builds.values()) b.settle(now);
    let resource: string | undefined;
    try {
      switch (operation) {
        case 'StartBuild': resource = `project/${body.projectName}`; return { resource, response: codeBuildOk({ build: this.startBuild(body, now).toWire() }) };
        case 'BatchGetBuilds': return { response: codeBuildOk(this.batchGetBuilds(body)) };
        case 'StopBuild': resource = `build/${body.id}`; return { resource, response: codeBuildOk({ build: this.stopBuild(body, now).toWire() }) };
        default: throw new CodeBuildError('UnknownOperationException', `The simulator serves only CodeBuild StartBuild, BatchGetBuilds and StopBuild, not ${operation}`);
      }
    } catch (error) {
      return { resource, response: codeBuildFailure(error) };
    }
  }

  private startBuild(body: Record<string, any>, now: number): BuildRun {
    const project = this.projects.get(body.projectName);
    if (project === undefined) {
      throw new CodeBuildError('ResourceNotFoundException', `Project cannot be found: arn:aws:codebuild:${this.host.region}:${this.host.accountId}:project/${body.projectName}`);
    }
    if (body.timeoutInMinutesOverride !== undefined) checkTimeout(body.timeoutInMinutesOverride, 'timeoutInMinutesOverride');
    const number = (this.numbers.get(project.name) ?? 0) + 1;
    const id = `${project.name}:${randomUUID()}`;
    const run = new BuildRun({
      id,
      arn: `arn:aws:codebuild:${this.host.region}:${this.host.accountId}:build/${id}`,
      buildNumber: number,
      project,
      variables: mergeVariables(project, body.environmentVariablesOverride),
      timeoutInMinutes: body.timeoutInMinutesOverride ?? project.timeoutInMinutes,
      region: this.host.region,
      now,
      // A build forgotten by clear() (a reset) ends unrecorded: it belongs to the world before the reset.
      finished: (r) => { if (this.builds.get(r.id) === r) this.host.buildFinished(r); },
    }, () => this.host.now());
    this.numbers.set(project.name, number);
    this.builds.set(id, run);
    return run;
  }

  private batchGetBuilds(body: Record<string, any>): Record<string, unknown> {
    const ids = body.ids;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > MAX_IDS || ids.some((id) => typeof id !== 'string')) {
      throw new CodeBuildError('InvalidInputException', `ids must list 1 to ${MAX_IDS} build ids`);
    }
    const unique = [...new Set<string>(ids)];
    return {
      builds: unique.flatMap((id) => this.builds.get(id)?.toWire() ?? []),
      buildsNotFound: unique.filter((id) => !this.builds.has(id)),
    };
  }

  private stopBuild(body: Record<string, any>, now: number): BuildRun {
    const run = typeof body.id === 'string' ? this.builds.get(body.id) : undefined;
    if (run === undefined) throw new CodeBuildError('ResourceNotFoundException', `Build ${JSON.stringify(body.id)} does not exist`);
    if (run.buildStatus !== 'IN_PROGRESS') throw new CodeBuildError('InvalidInputException', `Build ${run.id} is not in progress: it ended ${run.buildStatus}`);
    run.stop(now);
    return run;
  }
}

/** The project's variables with a build's overrides applied (an override replaces the variable of its name). */
function mergeVariables(project: CodeBuildProject, overrides: unknown): Array<{ name: string; value: string; type: string }> {
  if (overrides !== undefined && !Array.isArray(overrides)) throw new CodeBuildError('InvalidInputException', 'environmentVariablesOverride must be a list');
  const merged = new Map(Object.entries(project.environment).map(([name, value]) => [name, { name, value, type: 'PLAINTEXT' }]));
  for (const o of (overrides ?? []) as Array<Record<string, unknown>>) {
    if (typeof o?.name !== 'string' || o.name === '' || typeof o.value !== 'string') {
      throw new CodeBuildError('InvalidInputException', 'each environmentVariablesOverride needs a name and a string value');
    }
    const type = o.type ?? 'PLAINTEXT';
    // Parameter Store and Secrets Manager values are references the simulator cannot resolve.
    if (type !== 'PLAINTEXT') throw new CodeBuildError('InvalidInputException', `environment variable ${o.name}: the simulator serves only PLAINTEXT values, not ${String(type)}`);
    merged.set(o.name, { name: o.name, value: o.value, type: 'PLAINTEXT' });
  }
  return [...merged.values()];
}

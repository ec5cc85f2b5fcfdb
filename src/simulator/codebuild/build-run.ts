import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { CodeBuildProject } from './codebuild-project';
import { wireTime } from './codebuild-wire';

/** How a build ended, in CodeBuild's StatusType terms. */
export type BuildEnd = 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'TIMED_OUT';

interface Phase {
  readonly phaseType: string;
  readonly startTime: number;
  endTime?: number;
  phaseStatus?: string;
  contexts?: Array<{ statusCode: string; message: string }>;
}

export interface BuildStart {
  readonly id: string;
  readonly arn: string;
  readonly buildNumber: number;
  readonly project: CodeBuildProject;
  /** The build's variables, overrides applied, in the order CodeBuild lists them. */
  readonly variables: ReadonlyArray<{ name: string; value: string; type: string }>;
  readonly timeoutInMinutes: number;
  readonly region: string;
  readonly now: number;
  /** Called once, when the process has exited and the build is final. */
  readonly finished: (run: BuildRun) => void;
}

/** Phases CodeBuild goes through before the build commands run; the simulator passes them at once. */
const BEFORE_BUILD = ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD'];
/** Phases after the build commands; a stopped or timed-out build skips post-build and the artifact upload. */
const AFTER_BUILD = ['POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING'];
/** Output kept per build: enough for a whole apply's progress, bounded so a chatty command cannot exhaust memory. */
const MAX_OUTPUT_CHARS = 1_000_000;

/**
 * One build: its command runs as a local process, and its phases and status follow the process. The build is final
 * only once the process has exited, or at once when it is stopped or times out (the process is then killed).
 */
export class BuildRun {
  readonly startTime: number;
  private readonly phases: Phase[];
  private readonly child: ChildProcess;
  private status: 'IN_PROGRESS' | BuildEnd = 'IN_PROGRESS';
  private endTime?: number;
  private text = '';

  constructor(readonly start: BuildStart, clock: () => number) {
    this.startTime = start.now;
    this.phases = BEFORE_BUILD.map((phaseType) => ({ phaseType, startTime: start.now, endTime: start.now, phaseStatus: 'SUCCEEDED' }));
    this.phases.push({ phaseType: 'BUILD', startTime: start.now });
    this.child = spawn('/bin/sh', ['-c', start.project.command], {
      cwd: start.project.directory,
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stopping the build ends every process of it, as tearing down its container
      // would: the shell may run the command as a child rather than replace itself with it.
      detached: true,
    });
    const collect = (d: Buffer) => {
      if (this.text.length < MAX_OUTPUT_CHARS) this.text += d.toString();
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.child.once('error', (e) => {
      this.text += `${e.message}\n`;
      this.end(clock(), 'FAILED', `Failed to start the build command: ${e.message}`);
    });
    this.child.once('close', (code, signal) => {
      const reason = signal !== null ? `killed by ${signal}` : `exit status ${code}`;
      this.end(clock(), code === 0 ? 'SUCCEEDED' : 'FAILED', `Error while executing command: ${start.project.command}. Reason: ${reason}`);
      start.finished(this);
    });
  }

  get id(): string {
    return this.start.id;
  }

  get buildStatus(): string {
    return this.status;
  }

  /** Everything the command wrote to stdout and stderr, interleaved as it arrived. */
  get output(): string {
    return this.text;
  }

  /** Whether the process has exited. */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Stops the build as StopBuild does: the process is killed outright and the build is final at once. */
  stop(now: number): void {
    if (this.end(now, 'STOPPED', 'Build was stopped')) this.kill();
  }

  /** Ends the build TIMED_OUT when its timeout has passed by `now` (simulated time). */
  settle(now: number): void {
    const deadline = this.startTime + this.start.timeoutInMinutes * 60_000;
    if (now >= deadline && this.end(deadline, 'TIMED_OUT', `Build has timed out. ${this.start.timeoutInMinutes} minutes`)) this.kill();
  }

  private kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already: the command ended on its own.
    }
  }

  /** The build as BatchGetBuilds, StartBuild and StopBuild return it. */
  toWire(): Record<string, unknown> {
    const { project } = this.start;
    return {
      id: this.start.id,
      arn: this.start.arn,
      buildNumber: this.start.buildNumber,
      startTime: wireTime(this.startTime),
      ...(this.endTime !== undefined ? { endTime: wireTime(this.endTime) } : {}),
      currentPhase: this.phases.at(-1)!.phaseType,
      buildStatus: this.status,
      projectName: project.name,
      phases: this.phases.map(wirePhase),
      source: { type: 'NO_SOURCE', buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - ${JSON.stringify(project.command)}\n` },
      artifacts: { location: '' },
      environment: {
        type: 'LINUX_CONTAINER',
        image: project.image,
        computeType: 'BUILD_GENERAL1_SMALL',
        environmentVariables: this.start.variables,
        privilegedMode: false,
        imagePullCredentialsType: 'CODEBUILD',
      },
      logs: {
        groupName: project.logGroupName,
        streamName: this.start.id.split(':')[1],
        cloudWatchLogs: { status: 'ENABLED', groupName: project.logGroupName },
      },
      timeoutInMinutes: this.start.timeoutInMinutes,
      queuedTimeoutInMinutes: 480,
      buildComplete: this.status !== 'IN_PROGRESS',
      initiator: 'simulator',
    };
  }

  private environment(): NodeJS.ProcessEnv {
    const { start } = this;
    const own = Object.fromEntries(start.variables.map((v) => [v.name, v.value]));
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? tmpdir(),
      AWS_REGION: start.region,
      AWS_DEFAULT_REGION: start.region,
      CODEBUILD_BUILD_ID: start.id,
      CODEBUILD_BUILD_ARN: start.arn,
      CODEBUILD_BUILD_NUMBER: String(start.buildNumber),
      CODEBUILD_INITIATOR: 'simulator',
      CODEBUILD_SRC_DIR: start.project.directory ?? process.cwd(),
      ...own,
    };
  }

  /** Closes the BUILD phase and walks the rest; false when the build had already ended. */
  private end(now: number, status: BuildEnd, message: string): boolean {
    if (this.status !== 'IN_PROGRESS') return false;
    this.status = status;
    this.endTime = now;
    const build = this.phases.at(-1)!;
    build.endTime = now;
    build.phaseStatus = status;
    if (status !== 'SUCCEEDED') build.contexts = [{ statusCode: status === 'FAILED' ? 'COMMAND_EXECUTION_ERROR' : status, message }];
    const after = status === 'SUCCEEDED' || status === 'FAILED' ? AFTER_BUILD : ['FINALIZING'];
    for (const phaseType of after) this.phases.push({ phaseType, startTime: now, endTime: now, phaseStatus: 'SUCCEEDED' });
    this.phases.push({ phaseType: 'COMPLETED', startTime: now });
    return true;
  }
}

function wirePhase(p: Phase): Record<string, unknown> {
  return {
    phaseType: p.phaseType,
    ...(p.phaseStatus !== undefined ? { phaseStatus: p.phaseStatus } : {}),
    startTime: wireTime(p.startTime),
    ...(p.endTime !== undefined ? { endTime: wireTime(p.endTime), durationInSeconds: Math.round((p.endTime - p.startTime) / 1000) } : {}),
    ...(p.contexts !== undefined ? { contexts: p.contexts } : {}),
  };
}

import { CodeBuildError } from './codebuild-wire';

/**
 * A build project as the simulator knows it. Real CodeBuild runs a buildspec in a container built from the project's
 * image; the simulator runs the buildspec's build commands as one local shell command, in a directory standing for the
 * downloaded source, with the project's environment variables (and a build's overrides) as its whole environment
 * beside PATH and HOME.
 */
export interface CodeBuildProjectSeed {
  /** The project's name (2–255 letters, digits, - and _, starting with a letter or digit). */
  readonly name: string;
  /** What the build runs, with `/bin/sh -c`: the buildspec's build commands joined with `&&`. */
  readonly command: string;
  /** The build's working directory, standing for the downloaded source. Default: the simulator's own. */
  readonly directory?: string;
  /** The project's environment variables (PLAINTEXT). */
  readonly environment?: Record<string, string>;
  /** The build timeout, 5–2160 minutes, as CodeBuild accepts. Default 60. */
  readonly timeoutInMinutes?: number;
  /** Reported in builds only. Default `aws/codebuild/amazonlinux-x86_64-standard:5.0`. */
  readonly image?: string;
  /** Reported in builds only. Default `/aws/codebuild/<name>`. */
  readonly logGroupName?: string;
}

export interface CodeBuildProject extends Required<Omit<CodeBuildProjectSeed, 'directory'>> {
  readonly directory?: string;
  readonly arn: string;
}

/** CodeBuild's bounds on a build timeout, in minutes (CreateProject and StartBuild's override). */
export const MIN_TIMEOUT_MINUTES = 5;
export const MAX_TIMEOUT_MINUTES = 2160;
const DEFAULT_TIMEOUT_MINUTES = 60;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkTimeout(minutes: unknown, field: string): void {
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < MIN_TIMEOUT_MINUTES || minutes > MAX_TIMEOUT_MINUTES) {
    throw new CodeBuildError('InvalidInputException', `${field} must be a whole number of minutes from ${MIN_TIMEOUT_MINUTES} to ${MAX_TIMEOUT_MINUTES}, not ${JSON.stringify(minutes)}`);
  }
}

/** The project a seed describes, or an InvalidInputException naming the field at fault. */
export function toProject(seed: CodeBuildProjectSeed, where: { region: string; accountId: string }): CodeBuildProject {
  if (typeof seed?.name !== 'string' || !PROJECT_NAME.test(seed.name)) {
    throw new CodeBuildError('InvalidInputException', `project name ${JSON.stringify(seed?.name)} must be 2–255 letters, digits, - and _, starting with a letter or digit`);
  }
  if (typeof seed.command !== 'string' || seed.command.trim() === '') throw new CodeBuildError('InvalidInputException', `project ${seed.name}: command must be a non-empty shell command`);
  for (const [name, value] of Object.entries(seed.environment ?? {})) {
    if (!ENV_NAME.test(name) || typeof value !== 'string') throw new CodeBuildError('InvalidInputException', `project ${seed.name}: environment ${name} must be a variable name with a string value`);
  }
  if (seed.timeoutInMinutes !== undefined) checkTimeout(seed.timeoutInMinutes, `project ${seed.name}: timeoutInMinutes`);
  return {
    name: seed.name,
    command: seed.command,
    directory: seed.directory,
    environment: { ...seed.environment },
    timeoutInMinutes: seed.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES,
    image: seed.image ?? 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
    logGroupName: seed.logGroupName ?? `/aws/codebuild/${seed.name}`,
    arn: `arn:aws:codebuild:${where.region}:${where.accountId}:project/${seed.name}`,
  };
}

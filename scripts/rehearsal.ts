/**
 * Helpers shared by the demo and the end-to-end tests: a simulator in a child process, the synthesized
 * stack, and the real terraform binary run against them.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(__dirname, '..');
export const HANDLER = join(ROOT, 'assets', 'cli', 'index.js');

/** Environment that points every AWS client (the handler's included) at a simulator. */
export function simulatorEnv(url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL_EKS: url,
    AWS_ENDPOINT_URL_SSM: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_EC2: url,
    AWS_REGION: 'us-east-1',
    // Shaped like a real access key id: the simulator's Kubernetes API checks the token's structure, credential included.
    AWS_ACCESS_KEY_ID: 'AKIASIMULATED0000000',
    AWS_SECRET_ACCESS_KEY: 'simulated',
    AWS_EC2_METADATA_DISABLED: 'true',
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    // The SDK's notice about Node 20 support is for operators, not for rehearsal output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

export interface SimulatorProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `eks-upgrade simulator` from the bundle; resolves once it prints its URL.
 *
 * @param cli the bundled CLI to run: this checkout's, or an installed package's
 */
export function startSimulatorProcess(args: string[] = [], cli = HANDLER): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [cli, 'simulator', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before printing its URL`)));
    lines.once('line', (url) => {
      lines.on('line', () => undefined);
      resolve({ url: url.trim(), stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The oldest terraform the demo and the end-to-end tests run (`terraform_data` and `-json` version output). */
export const MIN_TERRAFORM = '1.4';

/**
 * Why terraform cannot run the demo or the end-to-end tests, in a few words naming the minimum version; undefined
 * when a terraform ≥ MIN_TERRAFORM is on PATH.
 */
export function terraformUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = spawnSync('terraform', ['version', '-json'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.error || r.status !== 0) return `terraform ≥ ${MIN_TERRAFORM} is needed and terraform is not on PATH`;
  let version: string | undefined;
  try {
    version = JSON.parse(r.stdout).terraform_version;
  } catch {
    version = /v?(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
  }
  const [major, minor] = (version ?? '0.0').split('.').map(Number);
  const [wantMajor, wantMinor] = MIN_TERRAFORM.split('.').map(Number);
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return undefined;
  return `terraform ≥ ${MIN_TERRAFORM} is needed and the terraform on PATH is ${version ?? 'of an unknown version'}`;
}

/** Why the drift tests cannot change the simulated cluster by hand as an operator would; undefined when `aws` runs. */
export function awsCliUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = spawnSync('aws', ['--version'], { env, stdio: 'ignore' });
  return r.error || r.status !== 0 ? 'the AWS CLI (aws) is not on PATH' : undefined;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Runs a command asynchronously (an in-process simulator must keep serving meanwhile), streaming if asked. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stream?: boolean;
  readonly onOutput?: (text: string) => void;
}

export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> & { child: ChildProcess } {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (options.stream) process.stdout.write(text);
    options.onOutput?.(text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const done = new Promise<RunResult>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, output })));
  return Object.assign(done, { child });
}

/** The spec the synthesized runner resource carries (for running the handler without terraform). */
export function synthesizedSpec(stackDir: string): unknown {
  const tf = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  const runners = Object.values(tf.resource?.terraform_data ?? {}) as Array<{ input: string }>;
  if (runners.length !== 1) throw new Error(`expected one runner resource in ${stackDir}, found ${runners.length}`);
  // The runner's input refers to the stack local that holds the spec.
  const local = /^\$\{local\.([\w-]+)\}$/.exec(runners[0].input)?.[1];
  if (local === undefined || tf.locals?.[local] === undefined) throw new Error(`the runner in ${stackDir} does not refer to a spec local: ${JSON.stringify(runners[0].input)}`);
  return tf.locals[local];
}

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { flagProblem } from './cli-flags';
import { watchParent } from './parent-watch';
import { STOP_SIGNALS } from './stop-signals';
import { VirtualClock } from '../simulator/clock';
import type { SimSeed } from '../simulator/seed';
import { startSimulator } from '../simulator/server';
import { locateJsonError } from '../upgrade-spec/json-location';
import { looksLike, SPEC_NOT_SEED } from '../upgrade-spec/look-alike';

export const SIMULATOR_USAGE = `usage: eks-upgrade simulator [--port N] [--host H] [--state FILE] [--time-scale X]
                            [--virtual-clock] [--duration-jitter J] [--long-tail] [--rng-seed N]

  --port N             listen on N (default 4566; 0 picks a free port)
  --host H             listen address (default 127.0.0.1)
  --state FILE         seed the simulator from FILE (JSON; see docs/simulator.md), e.g. one eks-upgrade snapshot
                       wrote (its times are moved to now); default: the built-in seed
  --time-scale X       simulated seconds per real second (600: a 10-minute update takes 1 s); default 1
  --virtual-clock      time moves only through POST /__simulator/advance
  --duration-jitter J  spread update durations by ±J (0.2 = ±20 %), reproducibly per --rng-seed
  --long-tail          draw update durations from a log-normal spread instead (median the typical figure, σ 0.5:
                       one in twenty takes 2.3 × as long), as real EKS updates sometimes do
  --rng-seed N         seed for duration jitter and update ids (default 1)

Prints the endpoint URL as the first line, then serves until SIGINT, SIGTERM or SIGHUP, or until the
process that started it exits. Point any AWS client at it with AWS_ENDPOINT_URL_EKS, AWS_ENDPOINT_URL_SSM,
AWS_ENDPOINT_URL_EC2 (the plan's subnet and security group reads) and (for a spec that assumes a role)
AWS_ENDPOINT_URL_STS (or --endpoint-url), with any credentials.`;


export interface CliIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Stops the server like SIGINT does (for in-process callers). */
  signal?: AbortSignal;
}

export async function runSimulatorCli(args: string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options;
  try {
    options = parseOptions(args);
  } catch (error) {
    const e = error as Error & { code?: string };
    const problem = e.code?.startsWith('ERR_PARSE_ARGS_') ? flagProblem(e, '--port N', SIMULATOR_FLAGS) : e.message;
    stderr.write(`eks-upgrade simulator: ${problem}\n${SIMULATOR_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    stdout.write(`${SIMULATOR_USAGE}\n`);
    return 0;
  }
  let running;
  try {
    running = await startSimulator(options);
  } catch (error) {
    stderr.write(`eks-upgrade simulator: ${listenProblem(error as Error & { code?: string }, options.port, options.host)}\n`);
    return 1;
  }
  stdout.write(`${running.url}\n`);
  const timeNote = options.clock ? 'virtual clock' : `time scale ${options.timeScale}`;
  stderr.write(`EKS API simulator listening on ${running.url} (${timeNote}); admin endpoints under ${running.url}/__simulator/\n`);
  await new Promise<void>((resolve) => {
    // A wrapper (npx, a test runner) killed without forwarding its signal leaves this process (or the shell
    // between them) reparented: watch for that, so the simulator never outlives what started it.
    const unwatch = watchParent(() => stop());
    const stop = () => {
      unwatch();
      for (const signal of STOP_SIGNALS) process.off(signal, stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    for (const signal of STOP_SIGNALS) process.on(signal, stop);
    if (io.signal?.aborted) stop();
    io.signal?.addEventListener('abort', stop);
  });
  await running.close();
  return 0;
}

const SIMULATOR_FLAGS = ['port', 'host', 'state', 'time-scale', 'virtual-clock', 'duration-jitter', 'long-tail', 'rng-seed', 'help'];

/** Why the server could not listen, with the fix for the usual cause: the port is taken (often by another simulator). */
function listenProblem(e: Error & { code?: string }, port: number, host = '127.0.0.1'): string {
  if (e.code === 'EADDRINUSE') return `port ${port} on ${host} is already in use (another simulator still running?): stop it, pass another --port, or --port 0 for a free one`;
  if (e.code === 'EACCES') return `no permission to listen on port ${port} (ports below 1024 need privileges): pass --port 4566, or --port 0 for a free one`;
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') return `cannot listen on --host ${host}: no such address on this machine (the default is 127.0.0.1)`;
  return e.message;
}

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      'port': { type: 'string' },
      'host': { type: 'string' },
      'state': { type: 'string' },
      'time-scale': { type: 'string' },
      'virtual-clock': { type: 'boolean' },
      'duration-jitter': { type: 'string' },
      'long-tail': { type: 'boolean' },
      'rng-seed': { type: 'string' },
      'help': { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const number = (name: string, raw: string | undefined, fallback: number, ok: (n: number) => boolean) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !ok(n)) throw new Error(`--${name} must be ${name === 'port' ? 'a port number' : 'a valid number'}, got '${raw}'`);
    return n;
  };
  const clock = values['virtual-clock'] ? new VirtualClock() : undefined;
  // A snapshot seed's times are moved to the clock's start by the simulator itself (normalizeSeed).
  const seed = values.state === undefined ? undefined : readSeed(values.state);
  return {
    port: number('port', values.port, 4566, (n) => Number.isInteger(n) && n >= 0 && n <= 65535),
    host: values.host,
    timeScale: number('time-scale', values['time-scale'], 1, (n) => n > 0),
    durationJitter: number('duration-jitter', values['duration-jitter'], 0, (n) => n >= 0 && n < 1),
    rngSeed: number('rng-seed', values['rng-seed'], 1, Number.isFinite),
    ...(values['long-tail'] ? { durations: { spread: 'log-normal' as const } } : {}),
    clock,
    seed,
  };
}

function readSeed(file: string): SimSeed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new Error(`cannot read --state ${file}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`--state ${file} is not valid JSON: ${locateJsonError(text) ?? (error as Error).message}`);
  }
  if (looksLike(json) === 'spec') throw new Error(`--state ${file}: ${SPEC_NOT_SEED}`);
  return json as SimSeed;
}

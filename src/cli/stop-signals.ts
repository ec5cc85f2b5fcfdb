import { watchParent } from './parent-watch';
import { EXIT_TIMEOUT, InterruptedError } from '../errors/run-errors';

/** What stops a run: each of these, to the process or (through the parent watch) to the wrapper that started it. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Turns a stop signal, or the end of the wrapper that started this process, into `abort`: the run starts no update
 * after that moment, and updates already running keep running. A second signal exits at once (exit 3): nothing new
 * can start by then, and a user pressing Ctrl-C twice wants the terminal back. Returns the function that undoes it.
 */
export function stopOnSignalOrOrphan(abort: AbortController, say: (line: string) => void): () => void {
  const onSignal = (signal: string) => {
    if (abort.signal.aborted) {
      say(`eks-upgrade: ${signal} again; exiting now (no update was started after the first one)`);
      process.exit(EXIT_TIMEOUT);
      return;
    }
    say(`eks-upgrade: ${signal} received; starting no new update (those already started keep running in EKS)`);
    abort.abort(new InterruptedError(`interrupted by ${signal}`));
  };
  const unwatch = watchParent((what) => {
    // The wrapper held the other end of stdout and stderr, perhaps: a write must not end the process mid-run.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    say(`eks-upgrade: ${what}; starting no new update (those already started keep running in EKS)`);
    abort.abort(new InterruptedError(`interrupted: ${what}`));
  });
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return () => {
    unwatch();
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  };
}

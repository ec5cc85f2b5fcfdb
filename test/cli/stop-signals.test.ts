import { stopOnSignalOrOrphan } from '../../src/cli/stop-signals';
import { EXIT_TIMEOUT, InterruptedError } from '../../src/errors/run-errors';

test.each(['SIGINT', 'SIGTERM', 'SIGHUP'])('%s stops the run (no new update); a second one exits 3 at once', (signal) => {
  const abort = new AbortController();
  const lines: string[] = [];
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const undo = stopOnSignalOrOrphan(abort, (l) => lines.push(l));
  try {
    process.emit(signal as NodeJS.Signals, signal as NodeJS.Signals);
    expect(abort.signal.reason).toEqual(new InterruptedError(`interrupted by ${signal}`));
    expect(exit).not.toHaveBeenCalled();
    process.emit(signal as NodeJS.Signals, signal as NodeJS.Signals);
    expect(exit).toHaveBeenCalledWith(EXIT_TIMEOUT);
    expect(lines).toEqual([
      `eks-upgrade: ${signal} received; starting no new update (those already started keep running in EKS)`,
      `eks-upgrade: ${signal} again; exiting now (no update was started after the first one)`,
    ]);
  } finally {
    undo();
    exit.mockRestore();
  }
  expect(process.listenerCount(signal)).toBe(0);
});

import type { ProgressSink, StatusSink } from '../engine/progress';

/** Progress for a terminal: events scroll as lines; each running wait keeps one line at the bottom, redrawn. */
export interface LiveProgress {
  readonly sink: ProgressSink;
  readonly status: StatusSink;
  /** Clears the lines in place, leaving the events. */
  close(): void;
}

/**
 * One line per running update, redrawn in place by log-update, under the events printed so far. Only for a TTY:
 * terraform's log and CI capture stdout as a file, where the waiter's paced lines are what a reader needs.
 */
export async function liveProgress(stream: NodeJS.WriteStream): Promise<LiveProgress> {
  // log-update is an ES module; the bundle inlines it, and this import keeps the CommonJS build able to load it.
  const { createLogUpdate } = await import('log-update');
  const render = createLogUpdate(stream, { showCursor: true });
  const running = new Map<string, string>();
  const draw = () => (running.size > 0 ? render([...running.values()].join('\n')) : render.clear());
  return {
    sink: (line) => {
      render.clear();
      stream.write(`${line}\n`);
      draw();
    },
    status: (resource, line) => {
      if (line === undefined) running.delete(resource);
      else running.set(resource, line);
      draw();
    },
    close: () => {
      running.clear();
      render.clear();
    },
  };
}

import { Clock } from './clock';

/** Where progress goes: a line per event, readable in a `terraform apply` log. */
export interface ProgressSink {
  (line: string): void;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Where a running wait's latest state goes when it can be redrawn in place (a terminal): one line per resource,
 * `undefined` when its wait ends.
 */
export interface StatusSink {
  (resource: string, line: string | undefined): void;
}

/** Progress lines: time, resource, what is happening, update id, elapsed. */
export class Progress {
  constructor(private readonly clock: Clock, private readonly sink: ProgressSink, private readonly statusSink?: StatusSink) {}

  /** An event: a line of its own wherever progress goes. */
  say(resource: string, message: string): void {
    this.sink(this.format(resource, message));
  }

  /** A running wait's state: redrawn in place in a terminal, a line in a log (the waiter paces those). */
  status(resource: string, message: string): void {
    if (this.statusSink) this.statusSink(resource, this.format(resource, message));
    else this.sink(this.format(resource, message));
  }

  /** The wait on `resource` ended: its line in place goes. */
  settle(resource: string): void {
    this.statusSink?.(resource, undefined);
  }

  private format(resource: string, message: string): string {
    const time = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return `${time}  ${resource.padEnd(24)}  ${message}`;
  }
}

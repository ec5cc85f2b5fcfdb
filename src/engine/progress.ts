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

/** Progress lines: time, resource, what is happening, update id, elapsed. */
export class Progress {
  constructor(private readonly clock: Clock, private readonly sink: ProgressSink) {}

  say(resource: string, message: string): void {
    const time = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.sink(`${time}  ${resource.padEnd(24)}  ${message}`);
  }
}

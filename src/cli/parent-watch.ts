/**
 * Notices when what started this process is gone, although no signal reached it. `npx eks-upgrade apply` runs
 * npm, which runs `sh -c`, which runs node; a SIGTERM or SIGKILL to npm (a CI cancel) ends npm alone, and the shell
 * and this process carry on, reparented. terraform's local-exec is the same: cancelling it kills its `sh -c`.
 *
 * Why polling the process tree: no event reaches an orphan. stdin may be /dev/null or a terminal that outlives the
 * wrapper, there is no IPC channel with npm or terraform, and Node has no PR_SET_PDEATHSIG. A reparented process is
 * the one observable trace, so the watch records the chain of wrappers above this process (shells run with -c,
 * npm, npx, pnpm, yarn) up to the first process that is not one, and reports when any link of it changes parent.
 * Above the first process that is not a wrapper nothing is watched: a CI agent or a login shell has its own way to
 * end its children. To leave a run going after its starter exits, start it under something that stays (tmux,
 * systemd-run).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface ProcessTable {
  /** The parent pid of `pid`, or undefined when it is gone (or cannot be read). */
  parentOf(pid: number): number | undefined;
  /** The process's argv, or undefined when it cannot be read. */
  argvOf(pid: number): string[] | undefined;
}

/** Linux's /proc; elsewhere every read is undefined, and only this process's own parent is watched. */
export const procTable: ProcessTable = {
  parentOf: (pid) => {
    try {
      // The command name in field 2 may hold spaces and parentheses: the fields after its last ')' are plain.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return Number.isInteger(ppid) ? ppid : undefined;
    } catch {
      return undefined;
    }
  },
  argvOf: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return undefined;
    }
  },
};

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'busybox']);
const RUNNERS = /^(npm|npx|pnpm|yarn)( |$)|(^|\/)(npm|npx|pnpm|yarn)(-cli\.js|\.js|\.cjs)?$/;

/** A process that only passes its command on: a shell running -c, or a package runner (npm sets its title to `npm exec …`). */
export function isWrapper(argv: readonly string[]): boolean {
  if (argv.length === 0) return false;
  if (SHELLS.has(basename(argv[0])) && argv.includes('-c')) return true;
  return argv.slice(0, 2).some((arg) => RUNNERS.test(arg) || RUNNERS.test(basename(arg)));
}

/**
 * The pids to watch, nearest first: this process's parent and, while that one is a wrapper, its parent too, up to
 * and including the first process that is not a wrapper (whose death shows as the last wrapper's new parent).
 */
export function wrapperChain(table: ProcessTable, ppid: number, maxDepth = 8): number[] {
  const chain = [ppid];
  for (let pid = ppid; chain.length <= maxDepth;) {
    const argv = table.argvOf(pid);
    const parent = table.parentOf(pid);
    if (!argv || !isWrapper(argv) || parent === undefined || parent <= 1) break;
    chain.push(parent);
    pid = parent;
  }
  return chain;
}

/** Whether every link recorded by wrapperChain still has the parent it had: false once one of them died. */
export function chainIntact(table: ProcessTable, ownParent: number, chain: readonly number[]): boolean {
  if (ownParent !== chain[0]) return false;
  for (let i = 0; i + 1 < chain.length; i++) {
    if (table.parentOf(chain[i]) !== chain[i + 1]) return false;
  }
  return true;
}

/** How often the chain is read: a few small /proc reads, a fraction of a second after the wrapper dies. */
export const PARENT_POLL_MS = 200;

/** Calls `onGone` once when the chain breaks; returns the function that stops watching. */
export function watchParent(onGone: (what: string) => void, table: ProcessTable = procTable, pollMs = PARENT_POLL_MS): () => void {
  const chain = wrapperChain(table, process.ppid);
  const timer = setInterval(() => {
    if (chainIntact(table, process.ppid, chain)) return;
    clearInterval(timer);
    onGone(chain.length > 1 ? 'the wrapper that started it exited' : 'its parent process exited');
  }, pollMs);
  // The watch alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}

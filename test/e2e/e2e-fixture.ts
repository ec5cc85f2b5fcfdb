/**
 * What every end-to-end test starts from: a fresh in-process simulator, its own work directory (both gone after the
 * test), and the real terraform binary pointed at the simulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, RunResult, simulatorEnv } from '../../scripts/rehearsal';
import { RunningSimulator, startSimulator } from '../../src/simulator';

/** The simulator's time scale; the handler is given the same through the runner's environment. */
export const SCALE = '600';

export interface E2eFixture {
  /** This test's simulator (read inside a test: each test gets a new one). */
  readonly sim: RunningSimulator;
  /** This test's work directory. */
  readonly work: string;
  /** The environment that points every AWS client at this test's simulator. */
  env(): NodeJS.ProcessEnv;
  /** `terraform <args> -input=false -no-color` in `dir`, against this test's simulator. */
  terraform(dir: string, ...args: string[]): Promise<RunResult>;
  /** The simulator's mutating calls so far. */
  mutating(): ReturnType<RunningSimulator['simulator']['calls']>;
}

/**
 * Registers the `beforeEach` and `afterEach` that give each test of the calling file its own simulator and work
 * directory (named `<prefix>XXXXXX`).
 *
 * @param extraEnv variables added to the simulator environment of every command
 */
export function e2eFixture(prefix: string, extraEnv: NodeJS.ProcessEnv = {}): E2eFixture {
  let sim: RunningSimulator | undefined;
  let work: string | undefined;
  beforeEach(async () => {
    sim = await startSimulator({ timeScale: Number(SCALE) });
    work = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await sim!.close();
    rmSync(work!, { recursive: true, force: true });
  });
  const fixture: E2eFixture = {
    get sim() {
      if (sim === undefined) throw new Error('the e2e simulator is started by beforeEach: read it inside a test');
      return sim;
    },
    get work() {
      if (work === undefined) throw new Error('the e2e work directory is made by beforeEach: read it inside a test');
      return work;
    },
    env: () => simulatorEnv(fixture.sim.url, extraEnv),
    terraform: (dir, ...args) => run('terraform', [...args, '-input=false', '-no-color'], { cwd: dir, env: fixture.env() }),
    mutating: () => fixture.sim.simulator.calls().filter((c) => c.mutating),
  };
  return fixture;
}

/** Resolves once `condition` holds, polling every 20 ms; fails naming `what` after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

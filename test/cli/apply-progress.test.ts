/**
 * `eks-upgrade apply` follows running updates in the data plane it reads from the simulator, and says so: in a log
 * (stdout a pipe, as CI and terraform's local-exec capture it) a paced line when something changes, never redrawn; in
 * a terminal, one line per running update redrawn in place by log-update, under the events that scroll. The terminal
 * is a real one: tmux renders what `script` (util-linux) records byte for byte from the pseudo-terminal it gives the
 * CLI. The demo's terraform log is checked the same way in test/e2e/terraform-apply.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run, simulatorEnv } from '../../scripts/rehearsal';
import { RunningSimulator, startSimulator } from '../../src/simulator';
import { demoSpecJson } from '../fixtures/demo-spec';
import { plainLines, progressLines, progressProblems, redraws, startedUpdates } from '../fixtures/progress-lines';

/** The e2e tests' scale: the run below (1.29 → 1.30 with the demo's add-ons and node groups) takes a few seconds. */
const SCALE = '600';

const missing = ['tmux', 'script'].filter((tool) => spawnSync(tool, ['-V']).error !== undefined);
if (missing.length > 0) process.stderr.write(`\n  test/cli/apply-progress.test.ts: the terminal test is SKIPPED, ${missing.join(' and ')} not installed (.ci/run installs tmux; script is util-linux's)\n\n`);

let sim: RunningSimulator;
let dir: string;
beforeEach(async () => {
  sim = await startSimulator({ timeScale: Number(SCALE) });
  dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-progress-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(demoSpecJson('1.30')));
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const APPLY = [HANDLER, 'apply', '--spec', 'spec.json', '--time-scale', SCALE];

function desiredSizes(): Record<string, number> {
  return Object.fromEntries(sim.simulator.state().clusters.find((c) => c.name === 'demo')!.nodegroups!.map((n) => [n.name, n.scalingConfig!.desiredSize]));
}

test('in a log: paced progress lines of the documented shape for every roll and rollout, none redrawn', async () => {
  const r = await run(process.execPath, APPLY, { cwd: dir, env: simulatorEnv(sim.url) });
  expect([r.code, r.output]).toEqual([0, expect.stringMatching(/Summary for cluster demo: converged/)]);
  expect(progressProblems(r.output, desiredSizes())).toEqual([]);
  expect(redraws(r.output)).toEqual([]);
});

const SOCKET = `eks-upgrade-apply-progress-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });

(missing.length === 0 ? test : test.skip)('in a terminal: the same lines, redrawn in place by log-update and gone when their update ends', async () => {
  const env = simulatorEnv(sim.url);
  const names = Object.keys(env).filter((k) => /^(AWS_|PATH$|HOME$)/.test(k));
  const command = [process.execPath, ...APPLY].map(quote).join(' ');
  // tmux's server keeps the environment of whoever started it: the run's own comes from the script.
  writeFileSync(join(dir, 'run.sh'), [
    ...names.map((k) => `export ${k}=${quote(env[k]!)}`),
    `cd ${quote(dir)}`,
    `script -qfec ${quote(command)} raw.log`,
    'echo "EXIT $?"',
    // The pane stays until the test has read it; the server goes in `finally`.
    'exec sleep 600',
  ].join('\n'));
  try {
    // Wide enough that no progress line wraps: each stays one row, as the screen below is read.
    tmux('new-session', '-d', '-s', 'apply', '-x', '300', '-y', '40', `sh ${quote(join(dir, 'run.sh'))}`);
    const screen = await screenWhen((s) => /^EXIT \d+$/m.test(s));
    expect(screen).toMatch(/^EXIT 0$/m);

    // What the CLI wrote to the terminal: the paced lines of a log, each drawn again whenever the lines below the
    // events are redrawn.
    const raw = readFileSync(join(dir, 'raw.log'), 'utf8');
    const drawn = [...new Set(plainLines(raw))].join('\n');
    expect(progressProblems(drawn, desiredSizes())).toEqual([]);
    // log-update's eraseLines: the line in place is cleared and the cursor goes up to the one above, then back left.
    expect(raw).toContain('\x1b[2K\x1b[1A\x1b[2K\x1b[G');

    // What a reader sees once it is over: every event, in order, and no progress line left over from a redraw.
    const rows = screen.split('\n');
    expect(progressLines(screen)).toEqual([]);
    expect(rows.filter((row) => / nodes on | pods on /.test(row))).toEqual([]);
    const started = startedUpdates(drawn);
    expect(startedUpdates(screen)).toEqual(started);
    for (const u of started) expect(rows.filter((row) => row.includes(`update ${u.updateId} Successful`))).toHaveLength(1);
    expect(screen).toMatch(/Summary for cluster demo: converged/);
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  }
});

/** The pane's whole history, rows joined where the terminal wrapped them, once `done` holds (or after `ms`). */
async function screenWhen(done: (screen: string) => boolean, ms = 120_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'apply');
    if (done(screen) || Date.now() > deadline) return screen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function quote(text: string): string {
  return `'${text.replace(/'/g, '\'\\\'\'')}'`;
}

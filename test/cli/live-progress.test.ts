import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * In a terminal, the CLI keeps one line per running update at the bottom and redraws it in place, under the events
 * that scroll. Read as a person would: a real terminal (tmux), its screen captured.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) process.stderr.write('\n  test/cli/live-progress.test.ts: SKIPPED, tmux is not installed (.ci/run installs it)\n\n');

const DRIVER = join(__dirname, 'fixtures', 'live-progress-driver.ts');
const ROOT = join(__dirname, '..', '..');
const SESSION = `live-progress-${process.pid}`;

async function screenWhen(done: (screen: string) => boolean, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const screen = execFileSync('tmux', ['capture-pane', '-p', '-t', SESSION], { encoding: 'utf8' });
    if (done(screen) || Date.now() > until) return screen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

(hasTmux ? describe : describe.skip)('live progress in a terminal', () => {
  afterAll(() => spawnSync('tmux', ['kill-session', '-t', SESSION]));

  test('one line per running update, redrawn in place under the events', async () => {
    execFileSync('tmux', ['new-session', '-d', '-s', SESSION, '-x', '120', '-y', '30', '-c', ROOT,
      `node -r ts-node/register/transpile-only ${DRIVER}`]);
    const screen = await screenWhen((s) => s.includes('3/3 nodes'));
    const lines = screen.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
    expect(lines).toEqual([
      'event: phase 1/2 started',
      'event: addon/coredns update started',
      'nodegroup/general  3/3 nodes on 1.31',
    ]);
  });
});

/**
 * An add-on update followed in its pods end to end: the engine's probe reads the simulator's Kubernetes API while
 * EKS runs the update, and the progress line counts the pods on the new version and gives an ETA before it ends.
 */
import { applyOnSim } from './fixtures/sim-flow';
import { RunningSimulator, startSimulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { ADDON_READING, progressLines, startedUpdates } from '../fixtures/progress-lines';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Slow enough that a probe lands while one of the two pods has moved (a 60 s window of EKS time, 1 s here) even on a
// loaded machine, whose data-plane reads can take a tenth of a second.
const SCALE = 60;
let sim: RunningSimulator;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: SCALE });
});
afterEach(async () => {
  await sim.close();
});

test('coredns: the progress line counts its Deployment\'s pods on the new version and gives an ETA before the update ends', async () => {
  const lines: string[] = [];
  const spec = parseSpec({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.29' }, addons: [{ name: 'coredns', version: 'v1.11.4-eksbuild.2' }] });
  await applyOnSim(sim, spec, SCALE, { lines });
  const output = lines.join('\n');
  const [update] = startedUpdates(output).filter((u) => u.resource === 'addon/coredns');
  expect(update).toMatchObject({ action: 'addon-update', from: 'v1.11.1-eksbuild.4', to: 'v1.11.4-eksbuild.2' });
  const own = progressLines(output).filter((l) => l.updateId === update.updateId && l.reading !== undefined);
  const counts = own.map((l) => ADDON_READING.exec(l.reading!)).map((m) => ({ done: Number(m![1]), total: Number(m![2]), version: m![3] }));
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.every((c) => c.total === 2 && c.version === 'v1.11.4-eksbuild.2')).toBe(true);
  // A line while the update still runs (EKS not yet Successful) with one pod moved, and the pace it gives an ETA by.
  const moving = own.find((l) => /^1\/2 /.test(l.reading!));
  expect(moving?.eta).toMatch(/^ETA \d/);
  const ended = lines.findIndex((l) => l.includes(`update ${update.updateId} Successful`));
  expect(ended).toBeGreaterThan(lines.findIndex((l) => l.includes(moving!.text)));
});

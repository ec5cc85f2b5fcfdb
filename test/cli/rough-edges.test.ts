/** The small things a new user hits first: misspelt commands and flags, a busy port, broken JSON, a file for the wrong command. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run } from '../../scripts/rehearsal';
import { defaultSeed, RunningSimulator, startSimulator } from '../../src/simulator';
import { locateJsonError } from '../../src/upgrade-spec/json-location';

let dir: string;
let sim: RunningSimulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-edges-'));
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => run(process.execPath, [HANDLER, ...args], { cwd: dir, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

test('an unknown command: did you mean, and a one-line usage instead of the whole help', async () => {
  const r = await cli(['aply']);
  expect(r.code).toBe(2);
  expect(r.output.trim().split('\n')).toEqual([
    "eks-upgrade: unknown command 'aply'; did you mean 'apply'?",
    'usage: eks-upgrade <command> [options]; commands: plan, apply, simulator, snapshot, version, help; eks-upgrade --help prints them all',
  ]);
});

test.each([
  [['plan', '--sepc', 'x.json'], "eks-upgrade plan: unknown option '--sepc'; did you mean '--spec'?"],
  [['apply', '--reprot', 'r.json'], "eks-upgrade apply: unknown option '--reprot'; did you mean '--report'?"],
  [['snapshot', '--clutser', 'x'], "eks-upgrade snapshot: unknown option '--clutser'; did you mean '--cluster'?"],
  [['simulator', '--prot', '1'], "eks-upgrade simulator: unknown option '--prot'; did you mean '--port'?"],
])('%j: did you mean', async (args, first) => {
  const r = await cli(args);
  expect([r.code, r.output.split('\n')[0]]).toEqual([2, first]);
});

test('a busy port: which port, the likely cause and the fix', async () => {
  const port = new URL(sim.url).port;
  const r = await cli(['simulator', '--port', port]);
  expect([r.code, r.output.trim()]).toEqual([1, `eks-upgrade simulator: port ${port} on 127.0.0.1 is already in use (another simulator still running?): stop it, pass another --port, or --port 0 for a free one`]);
});

test('a spec that is not JSON is located by line and column', async () => {
  const spec = file('broken.json', '{\n  "specVersion": 1,\n  "clusterName": "demo",\n}\n');
  const r = await cli(['plan', '--spec', spec]);
  expect([r.code, r.output.trim()]).toEqual([2, 'eks-upgrade: the spec is not valid JSON: line 4, column 1: unexpected "}" (a trailing comma, or a missing value?)']);
});

test('a seed given as a spec, and a spec given as a seed, say which file each command expected', async () => {
  const seed = file('seed.json', JSON.stringify(defaultSeed()));
  const asSpec = await cli(['plan', '--spec', seed]);
  expect(asSpec.code).toBe(2);
  expect(asSpec.output).toMatch(/^eks-upgrade: the spec: this looks like a simulator seed \(it has "clusters"\), not an upgrade spec: serve it with eks-upgrade simulator --state FILE/);
  const spec = file('spec.json', JSON.stringify({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' } }));
  const asSeed = await cli(['simulator', '--port', '0', '--state', spec]);
  expect(asSeed.code).toBe(2);
  expect(asSeed.output).toMatch(/--state .*spec\.json: this looks like an upgrade spec \(it has specVersion\/controlPlane\), not a simulator seed: pass it to eks-upgrade plan or apply --spec FILE/);
});

test.each([
  ['{"a": 1', 'line 1, column 8: unexpected end of the text'],
  ["{'a': 1}", 'line 1, column 2: unexpected "\'" (JSON strings take double quotes)'],
  ['[1, 2,\n]', 'line 2, column 1: unexpected "]" (a trailing comma, or a missing value?)'],
  ['{"a": "x\\"y", "b": [true, null, -1.5e3]}', undefined],
])('locateJsonError(%j)', (text, expected) => {
  expect(locateJsonError(text)).toBe(expected);
});

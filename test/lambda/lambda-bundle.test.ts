/**
 * The function code as Lambda runs it: the esbuild bundle (assets/lambda/index.js, built by `npx projen bundle`,
 * which `npm test` runs first) loaded by its `index.handler` name and invoked with a CRUD event against the
 * simulator.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RunningSimulator, startSimulator } from '../../src/simulator';

const BUNDLE = path.join(__dirname, '..', '..', 'assets', 'lambda', 'index.js');
const ENV = {
  AWS_ENDPOINT_URL_EKS: '',
  AWS_ENDPOINT_URL_SSM: '',
  AWS_ENDPOINT_URL_EC2: '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  EKS_UPGRADE_TIME_SCALE: '2000',
};
const saved: Record<string, string | undefined> = {};
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 2000 });
  for (const [key, value] of Object.entries({ ...ENV, AWS_ENDPOINT_URL_EKS: sim.url, AWS_ENDPOINT_URL_SSM: sim.url, AWS_ENDPOINT_URL_EC2: sim.url })) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(async () => {
  jest.restoreAllMocks();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await sim.close();
});

test('index.handler of the bundle reconciles a create event and returns the result', async () => {
  if (!fs.existsSync(BUNDLE)) throw new Error(`the Lambda bundle is missing at ${BUNDLE}: run \`npx projen bundle\``);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(BUNDLE) as { handler: (event: unknown, context: unknown) => Promise<any> };
  const spec = { specVersion: 1, clusterName: 'demo', region: 'us-east-1', controlPlane: { version: '1.29' }, addons: [{ name: 'coredns', version: 'v1.11.3-eksbuild.1' }] };
  const result = await handler({ ...spec, tf: { action: 'create', prev_input: null } }, { getRemainingTimeInMillis: () => 900_000 });
  expect(result).toMatchObject({ action: 'create', converged: true, outcome: 'converged', diff: null });
  expect(result.steps).toEqual([expect.objectContaining({ resource: 'addon/coredns', action: 'addon-update', outcome: 'Successful' })]);
  expect(sim.simulator.calls().filter((c) => c.createdUpdate).map((c) => c.operation)).toEqual(['UpdateAddon']);
});

/**
 * Wire conformance of the simulated CodeBuild: every answer StartBuild, BatchGetBuilds and StopBuild send (taken raw,
 * before any SDK parsing could drop an unknown member) against the shapes in @aws-sdk/client-codebuild.
 */
import { loadCodeBuildModel } from './service-model/codebuild-model';
import { valueProblems } from './service-model/conformance';
import { Simulator, VirtualClock } from '../../src/simulator';

const model = loadCodeBuildModel();

async function call(sim: Simulator, operation: string, body: object) {
  const res = await sim.handle({
    method: 'POST', path: '/', headers: { 'x-amz-target': `CodeBuild_20161006.${operation}`, 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers['content-type'], body: JSON.parse(res.body) };
}

let sim: Simulator;
beforeEach(() => {
  sim = new Simulator({ clock: new VirtualClock(), codeBuildProjects: [{ name: 'pp', command: 'sleep 5', timeoutInMinutes: 5 }] });
});
afterEach(async () => {
  sim.codeBuild.stopAll();
  await sim.codeBuild.idle();
});

test('the model reader finds the shapes and enums the simulator speaks', () => {
  const build = model.structure('Build');
  expect(build.members.buildStatus.shape).toMatchObject({ kind: 'string', enumName: 'StatusType' });
  expect(build.members.startTime.shape.kind).toBe('timestamp');
  expect(valueProblems({ build: { buildStatus: 'RUNNING' } }, model.structure('StartBuildOutput'), 'out')).toEqual([expect.stringContaining('is not a StatusType')]);
  expect(valueProblems({ build: { extra: 1 } }, model.structure('StartBuildOutput'), 'out')).toEqual([expect.stringContaining('Build has no member extra')]);
});

test('StartBuild, BatchGetBuilds (found and not), StopBuild and a timed-out build answer shapes of the model', async () => {
  const clock = (sim.clock as VirtualClock);
  const samples: Array<[string, unknown]> = [];
  const started = await call(sim, 'StartBuild', { projectName: 'pp', environmentVariablesOverride: [{ name: 'A', value: '1', type: 'PLAINTEXT' }] });
  samples.push(['StartBuildOutput', started.body]);
  const second = await call(sim, 'StartBuild', { projectName: 'pp' });
  samples.push(['BatchGetBuildsOutput', (await call(sim, 'BatchGetBuilds', { ids: [started.body.build.id, 'pp:missing'] })).body]);
  samples.push(['StopBuildOutput', (await call(sim, 'StopBuild', { id: started.body.build.id })).body]);
  clock.advance(6 * 60_000);
  const timedOut = await call(sim, 'BatchGetBuilds', { ids: [second.body.build.id] });
  samples.push(['BatchGetBuildsOutput', timedOut.body]);
  expect(timedOut.body.builds[0]).toMatchObject({ buildStatus: 'TIMED_OUT', buildComplete: true });
  expect([started.status, started.contentType]).toEqual([200, 'application/x-amz-json-1.1']);
  for (const [shape, body] of samples) expect([shape, valueProblems(body, model.structure(shape), shape)]).toEqual([shape, []]);
});

test.each([
  ['StartBuild', { projectName: 'nope' }, 'ResourceNotFoundException'],
  ['StartBuild', { projectName: 'pp', timeoutInMinutesOverride: 4 }, 'InvalidInputException'],
  ['StartBuild', { projectName: 'pp', environmentVariablesOverride: [{ name: 'S', value: '/x', type: 'SECRETS_MANAGER' }] }, 'InvalidInputException'],
  ['BatchGetBuilds', { ids: [] }, 'InvalidInputException'],
  ['StopBuild', { id: 'pp:missing' }, 'ResourceNotFoundException'],
])('%s %j is a %s the model declares, with a message', async (operation, body, type) => {
  const res = await call(sim, operation, body);
  expect(res.status).toBe(400);
  expect(res.body.__type).toBe(type);
  const { __type: _type, ...members } = res.body;
  expect(valueProblems(members, model.error(type), type)).toEqual([]);
  expect(typeof res.body.message).toBe('string');
});

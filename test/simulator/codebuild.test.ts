/**
 * CodeBuild StartBuild, BatchGetBuilds and StopBuild, driven through @aws-sdk/client-codebuild and the AWS CLI: the
 * `aws_codebuild_start_build` action's own call sequence takes `demo` to its target through the bundled handler.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { BatchGetBuildsCommand, CodeBuildClient, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { HANDLER } from '../../scripts/rehearsal';
import { RunningSimulator, startSimulator } from '../../src/simulator';
import { awaitBuild, codeBuildClient, handlerProject, PROJECT, startBuild, stopBuild } from '../fixtures/codebuild-builds';
import { clusterOf, demoSeed, demoSpec } from '../reliability/harness';
import { createdIds, duplicateUpdates } from '../reliability/invariants';

jest.setTimeout(60_000);

/** Simulated seconds per real second, for the simulator and the handler alike. */
const SCALE = 2000;

let sim: RunningSimulator;
let client: CodeBuildClient;

async function open(durations: Record<string, number> = {}): Promise<void> {
  sim = await startSimulator({ seed: demoSeed(), timeScale: SCALE, durations });
  sim.simulator.codeBuild.register(handlerProject(sim.url, SCALE));
  client = codeBuildClient(sim.url);
}
async function close(): Promise<void> {
  client.destroy();
  await sim.close();
  await sim.simulator.codeBuild.idle();
}
beforeEach(() => open());
afterEach(() => close());

const demo = () => clusterOf(sim.simulator.state());
const noDuplicates = () => duplicateUpdates(sim.simulator.calls(), sim.simulator.state().updates ?? []);

test('the bundle exists (npx projen bundle)', () => {
  expect(existsSync(HANDLER)).toBe(true);
});

test('StartBuild, then BatchGetBuilds until final, takes demo to its target; phases and the call log follow the process', async () => {
  const id = await startBuild(client, demoSpec('1.31'));
  expect(id).toMatch(new RegExp(`^${PROJECT}:[0-9a-f-]{36}$`));
  const build = await awaitBuild(client, id);
  expect([build.buildStatus, build.currentPhase, build.buildComplete]).toEqual(['SUCCEEDED', 'COMPLETED', true]);
  expect(build.phases!.map((p) => `${p.phaseType}:${p.phaseStatus ?? ''}`)).toEqual([
    'SUBMITTED:SUCCEEDED', 'QUEUED:SUCCEEDED', 'PROVISIONING:SUCCEEDED', 'DOWNLOAD_SOURCE:SUCCEEDED', 'INSTALL:SUCCEEDED', 'PRE_BUILD:SUCCEEDED',
    'BUILD:SUCCEEDED', 'POST_BUILD:SUCCEEDED', 'UPLOAD_ARTIFACTS:SUCCEEDED', 'FINALIZING:SUCCEEDED', 'COMPLETED:',
  ]);
  expect(build.environment!.environmentVariables!.find((v) => v.name === 'EKS_UPGRADE_SPEC')).toMatchObject({ type: 'PLAINTEXT' });
  expect(demo().version).toBe('1.31');
  expect(demo().nodegroups!.every((n) => n.version === '1.31')).toBe(true);
  const calls = sim.simulator.calls();
  expect(calls[0]).toMatchObject({ operation: 'StartBuild', resource: `project/${PROJECT}`, status: 200, identity: 'codebuild-test' });
  const finished = calls.find((c) => c.operation === 'Build')!;
  expect(finished.build).toMatchObject({ id, status: 'SUCCEEDED' });
  expect(finished.build!.output).toContain('converged');
  expect(noDuplicates()).toEqual([]);
});

test('a build whose command fails ends FAILED, with the reason in its BUILD phase', async () => {
  const id = await startBuild(client, { specVersion: 1, clusterName: 'no-such-cluster', controlPlane: { version: '1.30' } });
  const build = await awaitBuild(client, id);
  expect(build.buildStatus).toBe('FAILED');
  const phase = build.phases!.find((p) => p.phaseType === 'BUILD')!;
  expect(phase).toMatchObject({ phaseStatus: 'FAILED', contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: expect.stringContaining('exit status 2') }] });
  expect(sim.simulator.calls().find((c) => c.operation === 'Build')!.build!.output).toContain('no-such-cluster');
});

test('a build stopped mid-way ends STOPPED; a new StartBuild attaches to the running updates and converges, with no update made twice', async () => {
  // Control-plane updates of 100 simulated minutes (3 s here), so the one running at the stop outlives the restart.
  await close();
  await open({ controlPlaneSeconds: 6000 });
  const spec = demoSpec('1.31');
  const first = await startBuild(client, spec);
  await until(() => sim.simulator.calls().some((c) => c.createdUpdate && c.operation === 'UpdateClusterVersion'));
  const stopped = await stopBuild(client, first);
  expect([stopped.buildStatus, stopped.buildComplete]).toEqual(['STOPPED', true]);
  expect(stopped.phases!.find((p) => p.phaseType === 'BUILD')!.phaseStatus).toBe('STOPPED');
  const runningAtStop = (sim.simulator.state().updates ?? []).filter((u) => u.status === 'InProgress').map((u) => u.id);
  expect(runningAtStop.length).toBeGreaterThan(0);

  const second = await awaitBuild(client, await startBuild(client, spec));
  expect(second.buildStatus).toBe('SUCCEEDED');
  const output = sim.simulator.calls().filter((c) => c.operation === 'Build').find((c) => c.build!.id === second.id)!.build!.output;
  expect(runningAtStop.filter((id) => output.includes(`attached to ${id}`))).toEqual(runningAtStop);
  expect(demo().version).toBe('1.31');
  expect(noDuplicates()).toEqual([]);
});

test('a second StartBuild while one runs: both succeed, and EKS sees each change once', async () => {
  const spec = demoSpec('1.31');
  const a = await startBuild(client, spec);
  const b = await startBuild(client, spec);
  const [ra, rb] = await Promise.all([awaitBuild(client, a), awaitBuild(client, b)]);
  expect([ra.buildStatus, rb.buildStatus, ra.buildNumber, rb.buildNumber]).toEqual(['SUCCEEDED', 'SUCCEEDED', 1, 2]);
  expect(demo().version).toBe('1.31');
  expect(noDuplicates()).toEqual([]);
  expect(new Set(createdIds(sim.simulator.calls())).size).toBe(createdIds(sim.simulator.calls()).length);
});

test('errors as the service model declares them: unknown project, bad timeout override, unknown build, stopping a finished build', async () => {
  const fail = async (p: Promise<unknown>) => p.then(() => undefined, (e: Error & { $metadata: { httpStatusCode: number } }) => [e.name, e.$metadata.httpStatusCode, e.message]);
  expect(await fail(client.send(new StartBuildCommand({ projectName: 'nope' }))))
    .toEqual(['ResourceNotFoundException', 400, 'Project cannot be found: arn:aws:codebuild:us-east-1:111122223333:project/nope']);
  expect(await fail(client.send(new StartBuildCommand({ projectName: PROJECT, timeoutInMinutesOverride: 2161 }))))
    .toEqual(['InvalidInputException', 400, expect.stringContaining('from 5 to 2160')]);
  const { builds, buildsNotFound } = await client.send(new BatchGetBuildsCommand({ ids: [`${PROJECT}:missing`] }));
  expect([builds, buildsNotFound]).toEqual([[], [`${PROJECT}:missing`]]);
  const id = await startBuild(client, { specVersion: 1, clusterName: 'no-such-cluster', controlPlane: { version: '1.30' } });
  await awaitBuild(client, id);
  expect(await fail(stopBuild(client, id))).toEqual(['InvalidInputException', 400, expect.stringContaining('not in progress')]);
});

test('the AWS CLI: aws codebuild start-build and batch-get-builds at AWS_ENDPOINT_URL_CODEBUILD', async () => {
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL_CODEBUILD: sim.url,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'cli',
    AWS_SECRET_ACCESS_KEY: 'cli',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const aws = async (...args: string[]) => JSON.parse((await promisify(execFile)('aws', ['codebuild', ...args, '--output', 'json'], { env })).stdout);
  const override = JSON.stringify([{ name: 'EKS_UPGRADE_SPEC', value: JSON.stringify(demoSpec('1.30')), type: 'PLAINTEXT' }]);
  const started = await aws('start-build', '--project-name', PROJECT, '--environment-variables-override', override);
  expect(started.build).toMatchObject({ projectName: PROJECT, buildStatus: 'IN_PROGRESS', currentPhase: 'BUILD' });
  let build: any;
  do {
    build = (await aws('batch-get-builds', '--ids', started.build.id)).builds[0];
  } while (!build.buildComplete);
  expect(build.buildStatus).toBe('SUCCEEDED');
  expect(demo().version).toBe('1.30');
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

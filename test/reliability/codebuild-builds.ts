/**
 * The CodeBuild runner's path: the `aws_codebuild_start_build` action's calls (StartBuild, then BatchGetBuilds until
 * final) through the SDK against an in-process simulator server whose builds run the bundled handler as the runner's
 * buildspec does. Two builds of the same spec at once, and a build stopped mid-wait followed by a new one (what the
 * next apply does after the machine running Terraform died), must each end with exactly one update per change.
 */
import type { Build, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { checkConverged, checkInvariants } from './checks';
import { plannedUpdates } from './concurrency';
import { assertBundle, demoSeed, demoSpec, Lane, SCALE, startLane } from './harness';
import { createdIds } from './invariants';
import { Scenario, Verdict } from './tally';
import { awaitBuild, codeBuildClient, handlerProject, startBuild, stopBuild } from '../fixtures/codebuild-builds';

/** The lane's simulator with the handler's project, and an SDK client for it; both closed after `work`. */
async function withBuilds(scale: number, work: (lane: Lane, client: CodeBuildClient) => Promise<void>): Promise<void> {
  assertBundle();
  const lane = await startLane(demoSeed(), { scale });
  lane.sim.codeBuild.register(handlerProject(lane.url, scale));
  const client = codeBuildClient(lane.url);
  try {
    await work(lane, client);
  } finally {
    client.destroy();
    await lane.close();
    await lane.sim.codeBuild.idle();
  }
}

/** The builds succeeded, the cluster converged as an undisturbed apply leaves it, and EKS saw one update per change. */
async function checkBuilds(v: Verdict, lane: Lane, spec: Record<string, any>, planned: number, builds: Build[]): Promise<void> {
  const failed = builds.filter((b) => b.buildStatus !== 'SUCCEEDED');
  const outputs = () => lane.sim.calls().filter((c) => c.build && failed.some((b) => b.id === c.build!.id)).map((c) => c.build!.output).join('\n');
  v.check(failed.length === 0, () => `builds ended ${builds.map((b) => b.buildStatus).join(' and ')}:\n${outputs()}`);
  v.converged = await checkConverged(v, lane.sim, { end: failed.length === 0 ? 'converged' : 'failed' }, spec, demoSeed(), 'the builds');
  const created = createdIds(lane.sim.calls());
  v.check(created.length === planned, `EKS saw ${created.length} updates for ${planned} changes`);
  // The handler writes no report in a build, so only the call-log invariants apply: no duplicate, nothing refused.
  checkInvariants(v, lane.sim, []);
}

export function codeBuildBuilds(): Scenario[] {
  return [
    {
      name: 'two CodeBuild builds of the same spec at once (1.29 → 1.31)',
      expect: 'converge',
      run: async (v) => withBuilds(SCALE, async (lane, client) => {
        const spec = demoSpec('1.31');
        const planned = await plannedUpdates(spec, demoSeed());
        const ids = [await startBuild(client, spec), await startBuild(client, spec)];
        await checkBuilds(v, lane, spec, planned, await Promise.all(ids.map((id) => awaitBuild(client, id))));
      }),
    },
    {
      name: 'a CodeBuild build stopped while it waits for the control plane, then a new build (1.29 → 1.31)',
      expect: 'converge',
      // A slower clock, so that the build is stopped while its first control-plane update still runs.
      run: async (v) => withBuilds(1000, async (lane, client) => {
        const spec = demoSpec('1.31');
        const planned = await plannedUpdates(spec, demoSeed());
        let started: (updateId: string) => void = () => undefined;
        const cpStarted = new Promise<string>((resolve) => { started = resolve; });
        lane.onCall = (call) => { if (call.createdUpdate && call.operation === 'UpdateClusterVersion') started(call.updateId!); };
        const first = await startBuild(client, spec);
        const cpUpdate = await cpStarted;
        const stopped = await stopBuild(client, first);
        v.check(stopped.buildStatus === 'STOPPED', `StopBuild left the build ${stopped.buildStatus}`);
        // No EKS time passes until the next build asks about updates, as if it started at once (see kill-resume.ts).
        lane.pause((request) => /\/updates(\/|$)/.test(request.path));
        const next = await awaitBuild(client, await startBuild(client, spec));
        const output = lane.sim.calls().find((c) => c.build?.id === next.id)?.build?.output ?? '';
        v.check(output.includes(`attached to ${cpUpdate}`), () => `the new build did not attach to the running control-plane update ${cpUpdate}:\n${output}`);
        await checkBuilds(v, lane, spec, planned, [next]);
      }),
    },
  ];
}

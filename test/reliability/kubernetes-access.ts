/**
 * The Kubernetes API lost mid-run (DATA-PLANE-READ): the engine reads the data plane once per plan and again before
 * each later control-plane step, against the simulator's HTTPS Kubernetes API, on real time sped up. A 403 or an
 * unreachable endpoint mid-run is one line under `best-effort` (the upgrade goes on), and under `required` a stop
 * before the next control-plane step, with no mutation after it; refused before the plan, nothing at all is changed.
 */
import { EksApi } from '../../src/aws/eks-api';
import { scaledClock, systemClock } from '../../src/engine/clock';
import { RunReport } from '../../src/engine/run-report';
import { newReport, runUpgrade } from '../../src/engine/upgrade';
import { startSimulator, type Simulator } from '../../src/simulator';
import { parseSpec } from '../../src/upgrade-spec/parse-spec';
import { checkFailure, checkInvariants } from './checks';
import { demoSpec, endOf, reportedIds, RunEnd } from './harness';
import { Scenario, Verdict } from './tally';

const SCALE = 2000;
/** A dummy key of the shape real access keys have: the simulator's token check reads its structure. */
const CREDENTIALS = { accessKeyId: 'AKIARELIABILITY00000', secretAccessKey: 'reliability' };

interface Run {
  end: RunEnd;
  error?: Error;
  report: RunReport;
  lines: string[];
}

/** Applies `spec` to demo; `midRun` fires once the first control-plane update has started. */
async function applyServed(sim: Simulator, url: string, specJson: Record<string, any>, midRun?: () => void): Promise<Run> {
  const spec = parseSpec(specJson);
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: url, ssm: url }, credentials: CREDENTIALS });
  const clock = scaledClock(systemClock, SCALE);
  const report = newReport(spec, clock);
  const lines: string[] = [];
  let armed = midRun;
  const timer = setInterval(() => {
    if (armed && sim.calls().some((c) => c.operation === 'UpdateClusterVersion' && c.createdUpdate)) {
      armed();
      armed = undefined;
    }
  }, 2);
  try {
    await runUpgrade({ spec, api, clock, sink: (l) => lines.push(l) }, report);
    return { end: 'converged', report, lines };
  } catch (e) {
    return { end: endOf(e), error: e as Error, report, lines };
  } finally {
    clearInterval(timer);
    api.destroy();
  }
}

const clusterVersionUpdates = (sim: Simulator) => sim.calls().filter((c) => c.operation === 'UpdateClusterVersion' && c.createdUpdate).length;
const notCheckedLines = (run: Run) => run.lines.filter((l) => l.includes('[DATA-PLANE-READ]'));

export function kubernetesAccessLost(): Scenario[] {
  const midRun = (answer: 'forbidden' | 'unreachable', policy: 'best-effort' | 'required'): Scenario => ({
    name: `Kubernetes API ${answer === 'forbidden' ? 'answers 403' : 'unreachable'} mid-run, dataPlane ${policy}`,
    expect: policy === 'best-effort' ? 'converge' : 'fail',
    run: async (v: Verdict) => {
      const served = await startSimulator({ timeScale: SCALE });
      try {
        const sim = served.simulator;
        const run = await applyServed(sim, served.url, demoSpec('1.31', { policy: { maxConcurrentNodegroups: 2, dataPlane: policy, updateTimeoutMinutes: { cluster: 1000, nodegroup: 1000, addon: 1000 } } }),
          () => sim.injectFault({ kind: 'kubernetesAccess', answer }));
        const why = answer === 'forbidden' ? /403/ : /not reachable from this runner/;
        if (policy === 'best-effort') {
          v.converged = v.check(run.end === 'converged', `the run ended ${run.end}: ${run.error?.message ?? ''}`);
          const said = notCheckedLines(run);
          v.check(said.length === 1, `expected one line saying what was not checked, got ${said.length}: ${said.join(' | ')}`);
          v.check(said.every((l) => why.test(l)), `the line does not say why: ${said.join(' | ')}`);
          v.check(clusterVersionUpdates(sim) === 2, `expected 2 control-plane updates, got ${clusterVersionUpdates(sim)}`);
        } else {
          checkFailure(v, run, 'failed', [/DATA-PLANE-READ/, why, /1\.30 → 1\.31/], []);
          const after = clusterVersionUpdates(sim) - 1;
          v.check(after === 0, `${after} control-plane update(s) started after the data plane was lost`);
          v.mutationsAfterRejection += Math.max(0, after);
        }
        checkInvariants(v, sim, [{ calls: sim.calls(), reported: reportedIds(run.report) }]);
      } finally {
        await served.close();
      }
    },
  });
  const beforePlan: Scenario = {
    name: 'Kubernetes API unreachable before the plan, dataPlane required: refused, nothing changed',
    expect: 'fail',
    run: async (v: Verdict) => {
      const served = await startSimulator({ timeScale: SCALE });
      try {
        const sim = served.simulator;
        sim.injectFault({ kind: 'kubernetesAccess', answer: 'unreachable' });
        const run = await applyServed(sim, served.url, demoSpec('1.31', { policy: { maxConcurrentNodegroups: 2, dataPlane: 'required' } }));
        checkFailure(v, run, 'rejected', [/DATA-PLANE-READ/, /not reachable from this runner/], []);
        const mutating = sim.calls().filter((c) => c.mutating).length;
        v.check(mutating === 0, `${mutating} mutating call(s) after the refusal`);
        v.mutationsAfterRejection += mutating;
        checkInvariants(v, sim, [{ calls: sim.calls(), reported: reportedIds(run.report) }]);
      } finally {
        await served.close();
      }
    },
  };
  return [midRun('forbidden', 'best-effort'), midRun('unreachable', 'best-effort'), midRun('forbidden', 'required'), beforePlan];
}

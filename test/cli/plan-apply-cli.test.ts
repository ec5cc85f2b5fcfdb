/** The bundled `eks-upgrade` command as users and runners call it: exit codes, stdin, the report file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run, simulatorEnv } from '../../scripts/rehearsal';
import { RunningSimulator, startSimulator } from '../../src/simulator';

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 3000 });
  dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-cli-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (over: Record<string, unknown> = {}) => ({
  specVersion: 1,
  clusterName: 'demo',
  controlPlane: { version: '1.30' },
  // Every installed add-on is named: one left on a version EKS does not offer for 1.30 would be refused (UNTARGETED-COMPATIBLE).
  addons: [{ name: 'vpc-cni' }, { name: 'coredns', version: 'clusterDefault' }, { name: 'kube-proxy' }],
  nodegroups: [{ name: 'general' }],
  ...over,
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [HANDLER, ...args], { cwd: dir, env: simulatorEnv(sim.url, env) });
}

function specFile(name: string, body: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

describe('eks-upgrade', () => {
  test('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.output.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  test('an unknown command exits 2 with the usage', async () => {
    const r = await cli(['upgrade']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/unknown command 'upgrade'[\s\S]*usage: eks-upgrade/);
  });

  test('an invalid spec exits 2 naming every bad field, before any call', async () => {
    const r = await cli(['apply', '--spec', specFile('bad.json', spec({ controlPlane: { version: 'v1.31' }, nodegroups: [{ name: 'general', updateConfig: { maxUnavailable: 0 } }] }))]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/controlPlane\.version: "v1\.31" is not a Kubernetes minor version/);
    expect(r.output).toMatch(/nodegroups\[0\]\.updateConfig\.maxUnavailable: 0 must be a whole number of nodes from 1 to 100/);
    expect(sim.simulator.calls()).toEqual([]);
  });

  test('no spec at all exits 2 and says where a spec may come from', async () => {
    const r = await cli(['apply'], { EKS_UPGRADE_SPEC: '' });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/no spec: pass --spec FILE \(or - for stdin\), or set EKS_UPGRADE_SPEC/);
  });

  test('an unknown cluster exits 2 with no mutating call', async () => {
    sim.simulator.clearCalls();
    const r = await cli(['apply', '--spec', specFile('ghost.json', spec({ clusterName: 'ghost' }))]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/clusterName: cluster 'ghost' was not found/);
    expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
    // The hint names where it looked, and the command that lists what is there: the simulator serves ListClusters too.
    expect(r.output).toContain(`was not found in region us-east-1 at ${sim.url}; check the name and the region, and that ${sim.url} is the endpoint that serves the cluster`);
    expect(r.output).toContain(`(aws eks list-clusters --endpoint-url ${sim.url} --region us-east-1 lists its clusters)`);
    // Refused before any change: never "rejected" followed by "no updates were needed".
    expect(r.output).not.toMatch(/no updates were needed/);
  });

  test('EVICTION-BUDGET: plan on pdb-blocked exits 2 naming the budget and the node group, with 0 mutating calls', async () => {
    const before = sim.simulator.calls().length;
    const blocked = { specVersion: 1, clusterName: 'pdb-blocked', controlPlane: { version: '1.29' }, nodegroups: [{ name: 'workers', releaseVersion: 'latest' }] };
    // A key id of the form AWS issues, so the simulated Kubernetes API accepts the EKS token signed with it.
    const r = await cli(['plan', '--spec', specFile('pdb-blocked.json', blocked)], { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/\[EVICTION-BUDGET\] nodegroup\/workers: rolling it cannot evict shop\/checkout-\S+ within EKS's 15 minutes \(PodDisruptionBudget shop\/checkout\)/);
    const calls = sim.simulator.calls().slice(before);
    expect(calls.some((c) => c.service === 'kubernetes' && c.operation === 'ListPodDisruptionBudgets')).toBe(true);
    expect(calls.filter((c) => c.mutating)).toEqual([]);
  });

  test('plan takes --time-scale as apply does, and checks it', async () => {
    const file = specFile('scaled.json', spec());
    const ok = await cli(['plan', '--spec', file, '--time-scale', '3000']);
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/Plan for cluster demo/);
    const bad = await cli(['plan', '--spec', file, '--time-scale', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/time scale "fast" \(--time-scale or EKS_UPGRADE_TIME_SCALE\) must be a positive number/);
  });

  test('plan --json from the environment variable, then apply with a report file', async () => {
    const env = { EKS_UPGRADE_SPEC: JSON.stringify(spec()) };
    const planned = await cli(['plan', '--json'], env);
    expect(planned.code).toBe(0); // updates are needed, but without --detailed-exitcode that is no error
    const plan = JSON.parse(planned.output.slice(planned.output.indexOf('{')));
    expect(plan.plan.phases.map((p: { title: string }) => p.title)).toEqual(['prepare for Kubernetes 1.30', 'control plane to 1.30', 'add-ons to their targets', 'node groups to their targets']);

    const drift = await cli(['plan', '--detailed-exitcode', '--time-scale', '3000'], env);
    expect(drift.code).toBe(4);
    expect(drift.output).toMatch(/\d+ update\(s\) in \d+ phase\(s\)/);

    const report = join(dir, 'report.json');
    const applied = await cli(['apply', '--report', report, '--time-scale', '3000'], env);
    expect(applied.code).toBe(0);
    expect(applied.output).toMatch(/Summary for cluster demo: converged/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.outcome).toBe('converged');
    expect(json.steps.map((s: { resource: string; outcome: string }) => `${s.resource} ${s.outcome}`))
      .toEqual([
        ...Array(3).fill('addon/vpc-cni Successful'), // one minor at a time, before the control plane leaves 1.29
        'cluster/demo Successful',
        'addon/coredns Successful', 'addon/kube-proxy Successful', // kube-proxy has no version on both 1.29 and 1.30
        'nodegroup/general Successful',
      ]);
    expect(json.apiCalls.UpdateClusterVersion).toBe(1);
    expect(json.steps.every((s: { updateId?: string }) => typeof s.updateId === 'string')).toBe(true);

    const converged = await cli(['plan', '--detailed-exitcode'], env);
    expect(converged.output).toMatch(/no changes; every target is met/);
    expect(converged.code).toBe(0);
  });

  test('a failed update exits 1 and the report names it', async () => {
    sim.simulator.injectFault({ kind: 'updateFailure', resource: 'addon/demo/coredns', errorCode: 'ConfigurationConflict', errorMessage: 'Conflicts found when trying to apply' });
    const report = join(dir, 'failed.json');
    const r = await cli(['apply', '--report', report, '--time-scale', '3000', '--spec', specFile('coredns.json', spec({ addons: [{ name: 'vpc-cni' }, { name: 'coredns', version: 'v1.11.4-eksbuild.2' }, { name: 'kube-proxy' }] }))]);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/addon\/coredns: addon-update .* ended Failed \(update [\w-]+\)\n {2}ConfigurationConflict: Conflicts found/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.outcome).toBe('failed');
    expect(json.steps.find((s: { resource: string }) => s.resource === 'addon/coredns').outcome).toBe('Failed');
  });
  test('a --report path that cannot be written is bad input before any EKS call', async () => {
    sim.simulator.reset();
    const r = await cli(['apply', '--report', '/nonexistent/dir/r.json', '--time-scale', '3000', '--spec', specFile('ok.json', spec())]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/--report \/nonexistent\/dir\/r\.json: its folder does not exist/);
    expect(r.output).not.toMatch(/ENOENT/);
    expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
  });

  test('a spec the planner refuses keeps its exit code and reasons when the report cannot be written either', async () => {
    sim.simulator.reset();
    const refused = spec({ addons: [{ name: 'vpc-cni' }, { name: 'coredns', version: 'clusterDefault' }] });
    const r = await cli(['apply', '--report', '/nonexistent/dir/r.json', '--spec', specFile('refused.json', refused)]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/UNTARGETED-COMPATIBLE\] addon\/kube-proxy/);
    expect(r.output).toMatch(/--report \/nonexistent\/dir\/r\.json: its folder does not exist/);
    expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
  });
  test('apply without a time scale adopts the simulator\'s, and says so in one line', async () => {
    sim.simulator.reset();
    const r = await cli(['apply', '--spec', specFile('adopt.json', spec())]);
    expect(r.code).toBe(0);
    expect(r.output.match(/time scale 3000: adopted from the simulator at http:\/\/127\.0\.0\.1:\d+/g)).toHaveLength(1);
    expect(r.output).not.toMatch(/a rehearsal against a simulator/);
  });
  test('plan and apply start by naming the cluster, its account and region, the endpoint and the identity', async () => {
    sim.simulator.reset();
    const where = /^cluster demo, account 111122223333, region us-east-1, endpoint http:\/\/127\.0\.0\.1:\d+ \(AWS_ENDPOINT_URL_EKS\), as access key …[A-Za-z0-9]{4} \(AWS_ACCESS_KEY_ID\)$/m;
    const planned = await cli(['plan', '--spec', specFile('where.json', spec())]);
    expect(planned.output.split('\n')[0]).toMatch(where);
    const applied = await cli(['apply', '--time-scale', '3000', '--spec', specFile('where.json', spec())]);
    expect(applied.output).toMatch(where);
  });
  test('fixes are suggested in JSON for a --spec file, and as TypeScript props for a spec from the construct (EKS_UPGRADE_SPEC)', async () => {
    sim.simulator.reset();
    const refused = spec({ addons: [{ name: 'vpc-cni' }, { name: 'coredns', version: 'clusterDefault' }] });
    const fromFile = await cli(['plan', '--spec', specFile('refused.json', refused)]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.output).toContain('add it to addons, e.g. { "name": "kube-proxy", "version": "clusterDefault" }');
    const fromConstruct = await cli(['plan'], { EKS_UPGRADE_SPEC: JSON.stringify(refused) });
    expect(fromConstruct.code).toBe(2);
    expect(fromConstruct.output).toContain("add it to addons, e.g. { name: 'kube-proxy', version: AddonVersion.clusterDefault() }");
  });
});

/**
 * The AWS CLI and kubectl against the simulator, as an operator would use them: `aws eks update-kubeconfig` writes a
 * kubeconfig whose user runs `aws eks get-token` (a presigned STS URL, signed for the real STS host and only decoded
 * by the simulator), and kubectl reads nodes, pods and PodDisruptionBudgets over HTTPS, trusting the CA from
 * DescribeCluster. `.ci/run` installs both (awscli, kubernetes-client); without one the suite is skipped, loudly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPlaneOf } from './kube-fixture';
import { awsCliUnavailable, run } from '../../../scripts/rehearsal';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';

const kubectlUnavailable = () => {
  const r = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  return r.error || r.status !== 0 ? 'kubectl is not on PATH (Debian: apt-get install kubernetes-client)' : undefined;
};
const why = awsCliUnavailable() ?? kubectlUnavailable();
if (why !== undefined) {
  // eslint-disable-next-line no-console
  console.warn(`\n*** SKIPPED test/simulator/kubernetes/real-clients.test.ts: ${why} ***\n`);
}
const suite = why === undefined ? describe : describe.skip;

suite('aws eks update-kubeconfig, then kubectl, against the simulator', () => {
  let sim: RunningSimulator;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const kubeconfig = () => join(home, 'kubeconfig');
  const sh = async (command: string, args: string[]) => {
    const r = await run(command, args, { cwd: home, env });
    if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.code}): ${r.output}`);
    return r.output;
  };
  const kubectl = (...args: string[]) => sh('kubectl', ['--kubeconfig', kubeconfig(), ...args]);

  beforeAll(async () => {
    sim = await startSimulator();
    home = mkdtempSync(join(tmpdir(), 'sim-kubectl-'));
    env = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
      AWS_ENDPOINT_URL_EKS: sim.url,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'simulated',
      AWS_PAGER: '',
    };
    await sh('aws', ['eks', 'update-kubeconfig', '--name', 'demo', '--kubeconfig', kubeconfig()]);
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('kubectl get nodes lists every node of demo; their kubelets read back through custom columns', async () => {
    const names = dataPlaneOf(sim.simulator.state(), 'demo').nodes.map((n) => n.name);
    const out = await kubectl('get', 'nodes');
    // Columns as for a real cluster: the simulator answers kubectl's Table request.
    expect(out.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s*$/);
    for (const name of names) expect(out).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.29\\.`));
    const versions = await kubectl('get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,KUBELET:.status.nodeInfo.kubeletVersion', '--no-headers');
    expect(versions.trim().split('\n').map((l) => l.split(/\s+/)[1])).toEqual(names.map(() => expect.stringMatching(/^v1\.29\.\d+-eks-[0-9a-f]{7}$/)));
  }, 60_000);

  test('kubectl get pods -A and get pdb -A show the workloads and their budget', async () => {
    const pods = await kubectl('get', 'pods', '-A');
    expect(pods).toMatch(/^NAMESPACE\s+NAME/);
    expect(pods).toMatch(/shop\s+web-[0-9a-f]{10}-\w{5}/);
    expect(pods).toMatch(/kube-system\s+coredns-/);
    expect(pods).toMatch(/kube-system\s+kube-proxy-/);
    expect(pods).toMatch(/shop\s+web-\S+\s+1\/1\s+Running\s+0\s/);
    const pdb = await kubectl('get', 'pdb', '-A');
    expect(pdb.trim().split('\n')).toEqual([
      expect.stringMatching(/^NAMESPACE\s+NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/),
      expect.stringMatching(/^shop\s+web\s+N\/A\s+1\s+1\s+\S+$/),
    ]);
    const calls = sim.simulator.calls().filter((c) => c.service === 'kubernetes');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);
    expect(calls.map((c) => c.operation)).toEqual(expect.arrayContaining(['ListNodes', 'ListPods', 'ListPodDisruptionBudgets']));
  }, 60_000);
});

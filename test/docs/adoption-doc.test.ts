/**
 * docs/adoption.md: its example, synthesized as written, writes what the page says adoption writes, and the commands it
 * tells a reader to run work on that example's synthesized stack, against the simulator standing in for the cluster.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import { awsCliUnavailable, HANDLER, run, simulatorEnv } from '../../scripts/rehearsal';
import { addonIgnoredFields, clusterIgnoredFields, nodegroupIgnoredFields } from '../../src/constructs/private/adoption';
import { defaultSeed, RunningSimulator, startSimulator } from '../../src/simulator';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'adoption.md'), 'utf8');

/** The fenced blocks that follow `<!-- name -->` in the page. */
function blocks(name: string): string[] {
  return [...DOC.matchAll(new RegExp(`<!-- ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
}

/** The page's example, compiled and loaded with `cdktf-eks-upgrade` resolved to this tree. */
function exampleStack(): new (scope: Construct, id: string) => TerraformStack {
  const [source] = blocks('adoption-example');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  const module = { exports: {} as Record<string, any> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (id: string) => (id === 'cdktf-eks-upgrade' ? require('../../src') : require(id));
  new Function('require', 'module', 'exports', outputText)(load, module, module.exports);
  return module.exports.ProdStack;
}

/** The page's shell commands, one per line, comments removed. */
const commands = blocks('adoption-commands').flatMap((b) => b.split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);

describe('docs/adoption.md', () => {
  test('the example writes what "What adoption writes" says: ignore_changes on each resource, bare depends_on on the runner', () => {
    const ProdStack = exampleStack();
    const out = JSON.parse(Testing.synth(new ProdStack(Testing.app(), 'prod')));
    expect(out.resource.aws_eks_cluster.Cluster.lifecycle).toEqual({ ignore_changes: clusterIgnoredFields() });
    expect(out.resource.aws_eks_node_group.General.lifecycle).toEqual({ ignore_changes: nodegroupIgnoredFields({ name: 'general' }) });
    expect(out.resource.aws_eks_addon.Coredns.lifecycle).toEqual({ ignore_changes: addonIgnoredFields({ name: 'coredns' }) });
    expect(Object.values<any>(out.resource.terraform_data)[0].depends_on).toEqual(['aws_eks_cluster.Cluster', 'aws_eks_node_group.General', 'aws_eks_addon.Coredns']);
  });

  test('the table names every field adoption can add, per resource type', () => {
    const row = (resource: string) => DOC.split('\n').find((l) => l.startsWith(`| ${resource}`)) ?? '';
    const all = {
      cluster: clusterIgnoredFields(),
      nodegroup: nodegroupIgnoredFields({ name: 'x', launchTemplate: { id: 'lt', version: '1' } }),
      addon: addonIgnoredFields({ name: 'x', configurationValues: '{}', serviceAccountRoleArn: 'r', podIdentityAssociations: [] }),
    };
    const named = (line: string) => [...line.split(' | ')[1].matchAll(/`([a-z_\[\]0-9.]+)`/g)].map((m) => m[1]).filter((f) => f !== 'ignore_changes' && !f.startsWith('lifecycle'));
    expect(named(row('the adopted `aws_eks_cluster`'))).toEqual(all.cluster);
    expect(named(row('each adopted `aws_eks_node_group`')).filter((f) => f !== 'launchTemplate')).toEqual(all.nodegroup);
    expect(named(row('each adopted `aws_eks_addon`'))).toEqual(all.addon);
  });

  describe('the commands, on the example synthesized into cdktf.out', () => {
    let sim: RunningSimulator;
    let cwd: string;
    beforeAll(async () => {
      // The simulator's demo cluster, renamed, with the example's one node group (the add-ons are the demo's).
      const seed = defaultSeed();
      seed.clusters = seed.clusters.filter((c) => c.name === 'demo').map((c) => ({
        ...c, name: 'prod', arn: c.arn!.replace(/demo$/, 'prod'), nodegroups: c.nodegroups!.filter((n) => n.name === 'general'),
      }));
      sim = await startSimulator({ seed, timeScale: 3000 });
      cwd = mkdtempSync(join(tmpdir(), 'eks-upgrade-adoption-doc-'));
      const app = new App({ outdir: join(cwd, 'cdktf.out'), skipValidation: true });
      new (exampleStack())(app, 'prod');
      app.synth(); // what `npx cdktf synth` does for the app
    });
    afterAll(async () => {
      await sim.close();
      rmSync(cwd, { recursive: true, force: true });
    });

    test('the page runs synth, terraform plan and eks-upgrade plan on one stack directory', () => {
      expect(commands).toContain('npx cdktf synth');
      const chdir = commands.map((c) => /^terraform -chdir=(\S+) plan$/.exec(c)?.[1]).find(Boolean);
      expect(chdir).toBe('cdktf.out/stacks/prod');
      expect(commands).toContain(`npx eks-upgrade plan --stack ${chdir}`);
    });

    test('`eks-upgrade plan --stack` prints the plan of the example against the cluster, changing nothing', async () => {
      const line = commands.find((c) => c.startsWith('npx eks-upgrade '))!;
      const r = await run(process.execPath, [HANDLER, ...line.split(/\s+/).slice(2)], { cwd, env: simulatorEnv(sim.url) });
      expect(r.output).toMatch(/control plane to 1\.30[\s\S]*control plane to 1\.31/);
      expect(r.code).toBe(0);
      expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
    });

    (awsCliUnavailable() === undefined ? test : test.skip)('`aws eks describe-cluster` prints the live version', async () => {
      const line = commands.find((c) => c.startsWith('aws eks describe-cluster'))!;
      const r = await run('aws', line.split(/\s+/).slice(1), { cwd, env: simulatorEnv(sim.url, { AWS_DEFAULT_REGION: 'us-east-1' }) });
      expect(r.output.trim()).toBe('1.29');
    });
  });
});

test('the README links docs/adoption.md', () => {
  expect(readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')).toContain('(docs/adoption.md)');
});

/**
 * A lean install: an app with only `cdktf` and `constructs` (no `@cdktf/provider-aws`, an optional peer of hundreds of
 * megabytes) loads the package and synthesizes a ClusterUpgrade with the local runner; the constructs that create AWS
 * resources fail with one line naming the install command. The package's library is transpiled from src/ (file by
 * file, as the jsii build emits it) into a scratch app outside this checkout, so nothing resolves this repository's
 * node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
/** What the jsii library is built from: everything but the bundled engine, simulator and CLI. */
const LIBRARY_EXCLUDES = [/^engine\//, /^simulator\//, /^cli\.ts$/, /^lambda\.ts$/];

let app: string;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    const rel = relative(join(ROOT, 'src'), path).replace(/\\/g, '/');
    return name.endsWith('.ts') && !LIBRARY_EXCLUDES.some((x) => x.test(rel)) ? [path] : [];
  });
}

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), 'eks-upgrade-lean-'));
  const modules = join(app, 'node_modules');
  const pkg = join(modules, 'cdktf-eks-upgrade');
  mkdirSync(join(pkg, 'node_modules'), { recursive: true });
  buildSync({ entryPoints: sources(join(ROOT, 'src')), outdir: join(pkg, 'lib'), outbase: join(ROOT, 'src'), format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error' });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'cdktf-eks-upgrade', main: 'lib/index.js' }));
  symlinkSync(join(ROOT, 'assets'), join(pkg, 'assets'));
  // The spec parser's one runtime dependency ships inside the package (bundledDependencies).
  symlinkSync(join(ROOT, 'node_modules', 'yaml'), join(pkg, 'node_modules', 'yaml'));
  for (const name of ['cdktf', 'constructs']) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

/** Runs a script in the scratch app and returns what it printed. */
function runInApp(script: string): string {
  writeFileSync(join(app, 'main.js'), script);
  const env = { ...process.env };
  delete env.NODE_PATH;
  return execFileSync(process.execPath, ['main.js'], { cwd: app, env, encoding: 'utf8' }).trim();
}

test('the scratch app has no @cdktf/provider-aws to find', () => {
  expect(runInApp(`
    try { require.resolve('@cdktf/provider-aws'); console.log('found'); } catch (e) { console.log(e.code); }
    try { require.resolve('@cdktf/provider-aws', { paths: [require.resolve('cdktf-eks-upgrade')] }); console.log('found'); } catch (e) { console.log(e.code); }
  `)).toBe('MODULE_NOT_FOUND\nMODULE_NOT_FOUND');
});

test('ClusterUpgrade with the local runner synthesizes without @cdktf/provider-aws', () => {
  const out = runInApp(`
    const { App, TerraformStack } = require('cdktf');
    const { ClusterUpgrade, KubernetesVersion, Reconcile, UpgradeRunner } = require('cdktf-eks-upgrade');
    const app = new App({ outdir: 'cdktf.out' });
    const stack = new TerraformStack(app, 'prod');
    new ClusterUpgrade(stack, 'Main', {
      clusterName: 'main',
      version: KubernetesVersion.of('1.31'),
      nodegroups: [{ name: 'general' }],
      addons: [{ name: 'vpc-cni' }],
      runner: UpgradeRunner.local({ assumeRoleArn: 'arn:aws:iam::111122223333:role/eks-upgrade', reconcile: Reconcile.EVERY_APPLY }),
    });
    app.synth();
    const tf = require('./cdktf.out/stacks/prod/cdk.tf.json');
    console.log(Object.keys(tf.resource).join(','), Object.values(tf.locals)[0].clusterName);
  `);
  expect(out).toBe('terraform_data main');
});

test.each([
  ['NodeLaunchTemplate', 'new m.NodeLaunchTemplate(stack, \'Lt\', { ami: m.NodeAmi.fromImageId(\'ami-0123456789abcdef0\'), launchTemplate: { userData: \'x\' } })'],
  ['NodeAmi.eksOptimized', 'm.NodeAmi.eksOptimized({ kubernetesVersion: m.KubernetesVersion.of(\'1.31\'), os: m.NodeOs.AL2023 }).bind(stack)'],
  ['UpgradeRunner.lambda()', 'new m.ClusterUpgrade(stack, \'Main\', { clusterName: \'main\', version: m.KubernetesVersion.of(\'1.31\'), runner: m.UpgradeRunner.lambda() })'],
])('%s fails with one line naming the package and the install command', (user, construct) => {
  const out = runInApp(`
    const { App, TerraformStack } = require('cdktf');
    const m = require('cdktf-eks-upgrade');
    const stack = new TerraformStack(new App({ outdir: 'cdktf.out' }), 'prod');
    try { ${construct}; console.log('no error'); } catch (e) { console.log(e.message); }
  `);
  expect(out).toBe(`${user} creates AWS provider resources and needs @cdktf/provider-aws, which is not installed: run \`npm install @cdktf/provider-aws@^21.22.1\` (ClusterUpgrade with UpgradeRunner.local() works without it)`);
});

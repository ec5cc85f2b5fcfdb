/**
 * What a user of either flavour does: a fresh app that installs the package's tarball from dist/js beside its
 * framework, synthesizes a ClusterUpgrade with the local runner, and runs a real `terraform apply` that takes the
 * simulator's demo cluster (served by the installed package's own CLI) to 1.33.
 *
 *   ts-node --transpile-only scripts/flavour/fresh-app.ts cdktf|cdktn
 *
 * Needs the tarballs (`npx projen build`, or `npx projen package:js` and `npx projen package:cdktn`), terraform ≥ 1.4
 * and the npm registry or cache for the framework. Exits non-zero with the reason when the cluster is not converged.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cdktn-flavour';
import { run, simulatorEnv, startSimulatorProcess } from '../rehearsal';

const FRAMEWORKS = {
  cdktf: { package: 'cdktf-eks-upgrade', framework: 'cdktf' },
  cdktn: { package: 'cdktn-eks-upgrade', framework: 'cdktn' },
} as const;

async function main(flavour: keyof typeof FRAMEWORKS): Promise<void> {
  const { package: name, framework } = FRAMEWORKS[flavour];
  const dist = join(ROOT, 'dist', 'js');
  const tarball = readdirSync(dist).find((f) => f.startsWith(`${name}@`) && f.endsWith('.jsii.tgz'));
  if (tarball === undefined) throw new Error(`no ${name} tarball in ${dist}: run npx projen build first`);
  const devDeps = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
  const app = mkdtempSync(join(tmpdir(), `fresh-${flavour}-app-`));
  try {
    writeFileSync(join(app, 'package.json'), JSON.stringify({
      name: 'fresh-app',
      private: true,
      dependencies: { [name]: `file:${join(dist, tarball)}`, [framework]: devDeps[framework], constructs: devDeps.constructs },
    }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });
    // The README's example, in plain JavaScript, pointed at the simulator's demo cluster; only the import names the framework.
    writeFileSync(join(app, 'main.js'), `
      const { App, LocalBackend, TerraformStack } = require('${framework}');
      const { AddonVersion, ClusterUpgrade, KubernetesVersion, ReleaseVersion, UpgradeRunner } = require('${name}');
      const app = new App({ outdir: 'out' });
      const stack = new TerraformStack(app, 'demo');
      new LocalBackend(stack, { path: 'terraform.tfstate' });
      new ClusterUpgrade(stack, 'Demo', {
        clusterName: 'demo',
        version: KubernetesVersion.of('1.33'),
        addons: ['vpc-cni', 'coredns', 'kube-proxy'].map((name) => ({ name, version: AddonVersion.latest() })),
        nodegroups: [{ name: 'general', releaseVersion: ReleaseVersion.latest() }, { name: 'batch', launchTemplate: { name: 'demo-batch-lt', version: '2' } }],
        runner: UpgradeRunner.local({ environment: { EKS_UPGRADE_TIME_SCALE: '600' } }),
      });
      app.synth();
    `);
    execFileSync('node', ['main.js'], { cwd: app, stdio: 'inherit' });
    const cli = join(app, 'node_modules', name, 'assets', 'cli', 'index.js');
    const { url, stop } = await startSimulatorProcess(['--time-scale', '600'], cli);
    try {
      const stackDir = join(app, 'out', 'stacks', 'demo');
      for (const args of [['init', '-input=false', '-no-color'], ['apply', '-auto-approve', '-input=false', '-no-color']]) {
        const r = await run('terraform', args, { cwd: stackDir, env: simulatorEnv(url), stream: true });
        if (r.code !== 0) throw new Error(`terraform ${args[0]} failed (exit ${r.code})`);
      }
      const state = await (await fetch(`${url}/__simulator/state`)).json() as { clusters: Array<{ name: string; version: string; nodegroups: Array<{ name: string; version: string }> }> };
      const demo = state.clusters.find((c) => c.name === 'demo')!;
      const versions = [demo.version, ...demo.nodegroups.map((n) => n.version)];
      if (versions.some((v) => v !== '1.33')) throw new Error(`the demo cluster is not at 1.33: ${JSON.stringify(versions)}`);
      process.stdout.write(`fresh ${framework} app with ${tarball}: synthesized, applied, demo cluster and node groups at 1.33\n`);
    } finally {
      await stop();
    }
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

const flavour = process.argv[2];
if (flavour !== 'cdktf' && flavour !== 'cdktn') {
  process.stderr.write('usage: fresh-app.ts cdktf|cdktn\n');
  process.exit(2);
}
main(flavour).catch((error: Error) => {
  process.stderr.write(`fresh-app: ${error.message}\n`);
  process.exit(1);
});

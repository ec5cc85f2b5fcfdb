/**
 * `npm run demo`: a real `terraform apply` upgrading the simulated `demo` cluster from 1.29 to 1.33,
 * with the handler's progress streamed, then the final versions read back from the simulator.
 */
import './self-package';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run, simulatorEnv, startSimulatorProcess, synthesizedSpec, terraformUnavailable } from './rehearsal';
import { synthDemo } from '../examples/demo/main';
import { EksApi } from '../src/aws/eks-api';

/** Simulated seconds per real second: the ~110 simulated minutes of this upgrade take about a minute. */
const TIME_SCALE = '120';

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const work = mkdtempSync(join(tmpdir(), 'eks-upgrade-demo-'));
  const sim = await startSimulatorProcess(['--time-scale', TIME_SCALE]);
  const stop = () => {
    void sim.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    console.log(`simulator: ${sim.url} (cluster demo on 1.29, time scale ${TIME_SCALE}x)`);
    const env = simulatorEnv(sim.url);
    const noTerraform = terraformUnavailable();
    // cdktf's synth-time validation runs `terraform version`; without terraform only the spec is rehearsed.
    const stackDir = synthDemo(join(work, 'cdktf.out'), { environment: { EKS_UPGRADE_TIME_SCALE: TIME_SCALE } }, noTerraform !== undefined);
    console.log(`synthesized: ${stackDir}`);

    let result;
    if (!noTerraform) {
      console.log('\n$ terraform init');
      const init = await run('terraform', ['init', '-input=false', '-no-color'], { cwd: stackDir, env });
      if (init.code !== 0) {
        process.stdout.write(init.output);
        return 1;
      }
      console.log('$ terraform apply -auto-approve\n');
      result = await run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: stackDir, env, stream: true });
    } else {
      console.log(`\n${noTerraform}: running the same spec through \`eks-upgrade apply\` instead\n`);
      const specFile = join(work, 'spec.json');
      writeFileSync(specFile, JSON.stringify(synthesizedSpec(stackDir)));
      result = await run(process.execPath, [HANDLER, 'apply', '--spec', specFile, '--time-scale', TIME_SCALE], { cwd: work, env, stream: true });
    }
    if (result.code !== 0) {
      console.error(`\ndemo: the apply failed (exit ${result.code})`);
      return result.code ?? 1;
    }
    await printFinalVersions(sim.url);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function printFinalVersions(url: string): Promise<void> {
  const api = new EksApi('demo', { region: 'us-east-1', endpoints: { eks: url, ssm: url }, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const cluster = await api.describeCluster();
    console.log(`\nFinal versions, read back from the simulator:\n  cluster demo          ${cluster.version} (${cluster.status})`);
    for (const name of await api.listNodegroups()) {
      const ng = await api.describeNodegroup(name);
      console.log(`  nodegroup ${name.padEnd(11)} ${ng.version}${ng.releaseVersion ? ` release ${ng.releaseVersion}` : ''}${ng.launchTemplate ? ` launch template v${ng.launchTemplate.version}` : ''} (${ng.status})`);
    }
    for (const name of await api.listAddons()) {
      const addon = await api.describeAddon(name);
      console.log(`  addon ${name.padEnd(15)} ${addon.addonVersion} (${addon.status})`);
    }
  } finally {
    api.destroy();
  }
}

main().then((code) => {
  process.exitCode = code;
}, (err) => {
  console.error(err);
  process.exitCode = 1;
});

import * as fs from 'fs';
import * as path from 'path';
import { DataResource, Testing, TerraformStack } from 'cdktf';
import { errorOf, normalizeBundleHash, onlyResource, PACKAGE_NAME, PACKAGE_ROOT, resourcesOf, runnerSpec, specOf, synth } from './helpers';
import { ClusterUpgrade, KubernetesVersion, NodeAmi, NodeLaunchTemplate, UpgradeRunner } from '../../src';

const HANDLER = path.join(PACKAGE_ROOT, 'assets', 'cli', 'index.js');

describe('UpgradeRunner.local', () => {
  test('local runner: terraform_data with the spec as input and trigger, running the bundled handler', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        region: 'eu-west-1',
        version: KubernetesVersion.of('1.31'),
        nodegroups: [{ name: 'general' }],
        runner: UpgradeRunner.local({
          environment: { EKS_UPGRADE_TIME_SCALE: '0.01', AWS_ENDPOINT_URL_EKS: 'http://127.0.0.1:4510' },
          passEnvironment: ['AWS_PROFILE', 'AWS_ENDPOINT_URL_SSM'],
        }),
      });
    });
    expect(out).toMatchSnapshot();
    expect(out).toHaveResourceWithProperties(DataResource, {
      provisioner: [{
        'local-exec': {
          command: 'node assets/EksUpgradeHandler/<bundle-hash>/index.js apply',
          environment: {
            EKS_UPGRADE_SPEC: '${jsonencode(self.input)}',
            EKS_UPGRADE_PASS_ENV: 'AWS_PROFILE,AWS_ENDPOINT_URL_SSM',
            EKS_UPGRADE_TIME_SCALE: '0.01',
            AWS_ENDPOINT_URL_EKS: 'http://127.0.0.1:4510',
          },
        },
      }],
    });
    expect(runnerSpec(out).clusterName).toBe('prod');
    expect(onlyResource(out, 'terraform_data').triggers_replace).toEqual({ spec: expect.stringMatching(/^\$\{sha256\(jsonencode\(local\.Prod_Spec_[0-9A-F]{8}\)\)\}$/) });
  });

  test('without options the handler gets only the spec, and the command names the real bundle by content hash', () => {
    const raw = Testing.synthScope((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
    });
    const exec = onlyResource(raw, 'terraform_data').provisioner[0]['local-exec'];
    expect(exec.environment).toEqual({ EKS_UPGRADE_SPEC: '${jsonencode(self.input)}' });
    expect(exec.command).toMatch(/^node assets\/EksUpgradeHandler\/[0-9A-F]{32}\/index\.js apply$/);
    expect(normalizeBundleHash(exec.command)).toBe('node assets/EksUpgradeHandler/<bundle-hash>/index.js apply');
  });

  test('a full synth copies the bundled handler next to the stack, where the command finds it', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new ClusterUpgrade(stack, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
    const outdir = Testing.fullSynth(stack);
    const stackDir = path.join(outdir, 'stacks', 'stack');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    const command: string = Object.values<any>(config.resource.terraform_data)[0].provisioner[0]['local-exec'].command;
    const copied = path.join(stackDir, command.split(' ')[1]);
    expect(fs.readFileSync(copied)).toEqual(fs.readFileSync(HANDLER));
  });

  test('clusters in one stack share one copy of the handler, each with its own runner', () => {
    const out = synth((scope) => {
      new ClusterUpgrade(scope, 'Prod', { clusterName: 'prod', version: KubernetesVersion.of('1.31') });
      new ClusterUpgrade(scope, 'Staging', { clusterName: 'staging', version: KubernetesVersion.of('1.32') });
    });
    const runners = Object.values<any>(resourcesOf(out, 'terraform_data'));
    expect(runners.map((r) => specOf(out, r).clusterName)).toEqual(['prod', 'staging']);
    const commands = new Set(runners.map((r) => r.provisioner[0]['local-exec'].command));
    expect(commands.size).toBe(1);
  });

  test('a launch template version reaches the handler through Terraform, and the runner waits for the template', () => {
    const out = synth((scope) => {
      const lt = new NodeLaunchTemplate(scope, 'Lt', { ami: NodeAmi.fromImageId('ami-0123456789abcdef0'), launchTemplate: { userData: 'x' } });
      new ClusterUpgrade(scope, 'Prod', {
        clusterName: 'prod',
        version: KubernetesVersion.of('1.31'),
        nodegroups: [{ name: 'custom', launchTemplate: lt.forNodegroup() }],
      });
    });
    // The reference in the spec is what makes Terraform order the runner after the template (through the local its
    // input refers to) and re-run it when the template's latest_version changes (it changes the spec's digest).
    expect(runnerSpec(out).nodegroups[0].launchTemplate.version).toMatch(/^\$\{aws_launch_template\.Lt_[0-9A-F]{8}\.latest_version\}$/);
    expect(onlyResource(out, 'terraform_data').triggers_replace.spec).toMatch(/^\$\{sha256\(jsonencode\(local\.Prod_Spec_[0-9A-F]{8}\)\)\}$/);
  });

  test('a missing handler bundle is reported with the command that builds it', () => {
    let message = '';
    jest.isolateModules(() => {
      const realFs = jest.requireActual<typeof fs>('fs');
      jest.doMock('fs', () => ({ ...realFs, existsSync: (p: fs.PathLike) => (p === HANDLER ? false : realFs.existsSync(p)) }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lib = require('../../src') as typeof import('../../src');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cdktf = require('cdktf') as typeof import('cdktf');
      message = errorOf(() => new lib.ClusterUpgrade(new cdktf.TerraformStack(new cdktf.App(), 'stack'), 'Prod', {
        clusterName: 'prod', version: lib.KubernetesVersion.of('1.31'),
      }));
    });
    jest.dontMock('fs');
    expect(message).toBe(`stack/Prod: the upgrade handler bundle is missing at ${HANDLER}: in a source checkout run \`npx projen bundle\`; otherwise reinstall ${PACKAGE_NAME}`);
  });
});

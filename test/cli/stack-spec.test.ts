/** `eks-upgrade plan --stack DIR`: the spec read from a synthesized stack, references resolved or refused. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthDemo } from '../../examples/demo/main';
import { HANDLER, run, simulatorEnv, synthesizedSpec } from '../../scripts/rehearsal';
import { readStackSpec } from '../../src/cli/stack-spec';
import { InputError } from '../../src/errors/run-errors';
import { RunningSimulator, startSimulator } from '../../src/simulator';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-stack-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPEC = { specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' } };

/** A stack directory holding `tf` as its cdk.tf.json. */
function stack(name: string, tf: unknown): string {
  const stackDir = join(dir, name);
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(tf));
  return stackDir;
}

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('readStackSpec', () => {
  test('the synthesized demo stack: the spec its runner carries', () => {
    const stackDir = synthDemo(join(dir, 'demo-out'), {}, true);
    expect(readStackSpec(stackDir)).toEqual(synthesizedSpec(stackDir));
    expect(readStackSpec(join(stackDir, 'cdk.tf.json'))).toEqual(synthesizedSpec(stackDir));
  });

  test('references the configuration fixes are resolved: locals, variable defaults, literal resource arguments', () => {
    const stackDir = stack('refs', {
      variable: { target: { default: '1.31' } },
      locals: {
        region: 'us-east-1',
        spec: { ...SPEC, clusterName: '${aws_eks_cluster.main.name}', region: '${local.region}', controlPlane: { version: '${var.target}' }, note: 'a-$${literal}-${local.region}' },
      },
      resource: { aws_eks_cluster: { main: { name: 'demo', version: '1.29' } } },
    });
    expect(readStackSpec(stackDir)).toEqual({ ...SPEC, clusterName: 'demo', region: 'us-east-1', controlPlane: { version: '1.31' }, note: 'a-${literal}-us-east-1' });
  });

  test('a value Terraform knows only at apply is refused in one line naming each field and expression', () => {
    const stackDir = stack('unknown', {
      locals: {
        spec: {
          ...SPEC,
          nodegroups: [{ name: 'custom', launchTemplate: { id: '${aws_launch_template.lt.id}', version: '${aws_launch_template.lt.latest_version}' } }],
          addons: [{ name: 'vpc-cni', configurationValues: '${jsonencode({"a" = data.x.y.z})}' }],
        },
      },
      resource: { aws_launch_template: { lt: { image_id: 'ami-1' } } },
    });
    const message = inputError(() => readStackSpec(stackDir));
    expect(message).toBe(`--stack ${stackDir}: the spec holds values Terraform knows only at apply, so it cannot be planned now: `
      + 'nodegroups[0].launchTemplate.id = ${aws_launch_template.lt.id}; nodegroups[0].launchTemplate.version = ${aws_launch_template.lt.latest_version}; '
      + 'addons[0].configurationValues = ${jsonencode({"a" = data.x.y.z})}; give them as fixed values, or write the spec with them to a file and pass --spec FILE');
    expect(message.split('\n')).toHaveLength(1);
  });

  test('several clusters: --cluster chooses; none, an unknown one, or no stack are refused naming the fix', () => {
    const stackDir = stack('two', { locals: { a: SPEC, b: { ...SPEC, clusterName: 'legacy' } } });
    expect(readStackSpec(stackDir, 'legacy')).toMatchObject({ clusterName: 'legacy' });
    expect(inputError(() => readStackSpec(stackDir))).toMatch(/the stack upgrades several clusters \(demo, legacy\); choose one with --cluster NAME$/);
    expect(inputError(() => readStackSpec(stackDir, 'prod'))).toMatch(/the stack upgrades no cluster named 'prod' \(demo, legacy\)/);
    expect(inputError(() => readStackSpec(stack('empty', { locals: { x: 1 } })))).toMatch(/the stack holds no upgrade spec/);
    expect(inputError(() => readStackSpec(join(dir, 'nowhere')))).toMatch(/no such directory; pass a synthesized stack, e\.g\. cdktf\.out\/stacks\/<name> \(run cdktf synth first\)/);
  });
});

describe('eks-upgrade plan --stack', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 3000 });
  });
  afterAll(() => sim.close());
  const cli = (args: string[]) => run(process.execPath, [HANDLER, ...args], { cwd: dir, env: simulatorEnv(sim.url) });

  test('prints the plan of the synthesized demo stack against the live cluster, and changes nothing', async () => {
    const stackDir = synthDemo(join(dir, 'cli-out'), {}, true);
    const r = await cli(['plan', '--stack', stackDir]);
    expect(r.output).toMatch(/control plane to 1\.30/);
    expect(r.output).toMatch(/control plane to 1\.33/);
    expect(r.code).toBe(0);
    expect(sim.simulator.calls().filter((c) => c.mutating)).toEqual([]);
  });

  test('a refusal suggests its fix as the construct\'s TypeScript props, where the stack\'s spec came from', async () => {
    const refused = { ...SPEC, addons: [{ name: 'vpc-cni' }, { name: 'coredns', version: 'clusterDefault' }] };
    const r = await cli(['plan', '--stack', stack('refused', { locals: { upgrade: refused } })]);
    expect(r.code).toBe(2);
    expect(r.output).toContain("add it to addons, e.g. { name: 'kube-proxy', version: AddonVersion.clusterDefault() }");
  });

  test('--spec with --stack, or --cluster alone, exits 2 in one line', async () => {
    const both = await cli(['plan', '--spec', 'x.json', '--stack', dir]);
    expect(both.code).toBe(2);
    expect(both.output.trim()).toBe('eks-upgrade: --spec and --stack both name a spec; pass one of the two');
    const alone = await cli(['plan', '--cluster', 'demo']);
    expect(alone.code).toBe(2);
    expect(alone.output.trim()).toBe('eks-upgrade: --cluster chooses a cluster of --stack; pass --stack DIR too, or leave --cluster out');
  });
});

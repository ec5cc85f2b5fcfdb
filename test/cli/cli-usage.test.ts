/**
 * The bundled `eks-upgrade` as a new user meets it before anything works: help, wrong flags, a wrong spec path,
 * no region, no credentials, an endpoint that does not answer. Every one ends in one line naming what is wrong
 * and how to fix it, with no Node error code and no stack trace. No network beyond 127.0.0.1.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLER, run } from '../../scripts/rehearsal';
import { formatSummary } from '../../src/engine/plan-format';
import { RunReport } from '../../src/engine/run-report';

let dir: string;
let specPath: string;
let closedPort: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eks-upgrade-usage-'));
  mkdirSync(join(dir, 'home'));
  writeFileSync(join(dir, 'empty'), '');
  specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({ specVersion: 1, clusterName: 'demo', controlPlane: { version: '1.30' } }));
  // A port nothing listens on: bound, then closed again.
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** No AWS setting from this machine: an empty home, empty config files, no instance metadata. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_') && !name.startsWith('EKS_UPGRADE_')) env[name] = value;
  }
  return {
    ...env,
    HOME: join(dir, 'home'),
    AWS_CONFIG_FILE: join(dir, 'empty'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function cli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()) {
  return run(process.execPath, [HANDLER, ...args], { cwd: dir, env });
}

const endpoint = () => `http://127.0.0.1:${closedPort}`;
const STACK_LINE = /^\s+at /m;
const NODE_CODE = /\bE[A-Z]{3,}\b|ERR_[A-Z_]+/;

describe('help', () => {
  test.each([
    ['plan', ['--spec', '--json', '--time-scale', '--detailed-exitcode']],
    ['apply', ['--spec', '--report', '--time-scale']],
    ['simulator', ['--port', '--state', '--time-scale', '--virtual-clock']],
  ])('%s --help prints its usage and exits 0', async (command, options) => {
    const r = await cli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.output).toContain(`usage: eks-upgrade ${command}`);
    for (const option of options) expect(r.output).toContain(option);
    expect(r.output).not.toMatch(/TypeError/);
  });

  test('the top-level help lists every command and every option', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const word of ['plan', 'apply', 'simulator', '--version', '--spec', '--json', '--report', '--time-scale', '--detailed-exitcode', '--port', '--state', 'exit codes']) {
      expect(r.output).toContain(word);
    }
  });

  test.each([['plan'], ['apply'], ['simulator']])('%s with an unknown flag exits 2 naming it, with the usage', async (command) => {
    const r = await cli([command, '--bogus']);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(new RegExp(`eks-upgrade ${command}: unknown option '--bogus'`, 'i'));
    expect(r.output).toContain(`usage: eks-upgrade ${command}`);
    expect(r.output).not.toMatch(/TypeError|ERR_PARSE_ARGS/);
  });
});

describe('a spec path that is not a readable file', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['missing', () => join(dir, 'no-such-spec.json'), /no such file/],
    ['a directory', () => dir, /is a directory/],
    ['under a file', () => join(specPath, 'spec.json'), /not a directory/],
  ];
  if (process.getuid?.() !== 0) {
    // root reads a mode-000 file anyway, so this case runs only where permissions apply.
    cases.push(['unreadable', () => {
      const file = join(dir, 'locked.json');
      writeFileSync(file, '{}');
      chmodSync(file, 0o000);
      return file;
    }, /permission denied/]);
  }
  test.each(cases)('%s: exit 2 naming the path, no Node error code, no stack', async (_name, path, why) => {
    const file = path();
    for (const command of ['plan', 'apply']) {
      const r = await cli([command, '--spec', file]);
      expect(r.code).toBe(2);
      expect(r.output).toContain(`--spec ${file}: `);
      expect(r.output).toMatch(why);
      expect(r.output).not.toMatch(NODE_CODE);
      expect(r.output).not.toMatch(STACK_LINE);
    }
  });
});

describe('what the user must supply before anything can run', () => {
  test('no region anywhere: exit 2, one line naming AWS_REGION and the spec region', async () => {
    const r = await cli(['plan', '--spec', specPath], cleanEnv({ AWS_ENDPOINT_URL_EKS: endpoint(), AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }));
    expect(r.code).toBe(2);
    const lines = errorLines(r.output);
    expect(lines).toEqual(['eks-upgrade: no AWS region: the region is "region" in the spec, else AWS_REGION, else the region of the AWS profile (AWS_PROFILE, or default); set one of them']);
    expect(r.output).not.toMatch(STACK_LINE);
    // AWS CLI users often set only AWS_DEFAULT_REGION, which the SDK for JavaScript does not read: say so.
    const aside = await cli(['plan', '--spec', specPath], cleanEnv({ AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_EKS: endpoint(), AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }));
    expect(aside.code).toBe(2);
    expect(errorLines(aside.output)).toEqual([expect.stringMatching(/no AWS region: .*AWS_DEFAULT_REGION=eu-west-1 is set, but the AWS SDK for JavaScript reads only AWS_REGION/)]);
  });

  test('no credentials: exit 2, one line naming AWS_PROFILE and the access key variables', async () => {
    for (const command of ['plan', 'apply']) {
      const r = await cli([command, '--spec', specPath], cleanEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_EKS: endpoint(), AWS_ENDPOINT_URL_SSM: endpoint() }));
      expect(r.code).toBe(2);
      expect(errorLines(r.output)).toEqual([expect.stringMatching(/no AWS credentials: set AWS_PROFILE .*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/)]);
      expect(r.output).not.toMatch(/CredentialsProviderError|Summary for cluster/);
      expect(r.output).not.toMatch(STACK_LINE);
    }
  });

  test('an endpoint that does not answer: one line naming the URL and the variable that set it', async () => {
    const r = await cli(['plan', '--spec', specPath], cleanEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_EKS: endpoint(), AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }));
    expect(r.code).toBe(1);
    expect(errorLines(r.output)).toEqual([
      `eks-upgrade: cannot reach the EKS endpoint AWS_ENDPOINT_URL_EKS=${endpoint()} (127.0.0.1:${closedPort}: connection refused); start the simulator there (npx eks-upgrade simulator) or fix AWS_ENDPOINT_URL_EKS`,
    ]);
    expect(r.output).not.toMatch(STACK_LINE);
  });
});

test('on Node < 22 the SDK\'s eight-line notice never shows; one line recommends Node 22+', async () => {
  const r = await cli(['plan', '--spec', specPath], cleanEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_EKS: endpoint(), AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }));
  expect(r.output).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript \(v3\)/);
  const notes = r.output.split('\n').filter((l) => /Node 22/.test(l));
  expect(notes.length).toBe(Number(process.versions.node.split('.')[0]) < 22 ? 1 : 0);
});

describe('the closing summary of a run with no step says what happened', () => {
  const report = (over: Partial<RunReport>): RunReport => ({
    cluster: 'demo', startedAt: '2026-01-01T00:00:00Z', outcome: 'converged', attached: [], steps: [], warnings: [], apiCalls: {}, ...over,
  });

  test('refused: the reason, never "no updates were needed"', () => {
    const text = formatSummary(report({ outcome: 'rejected', error: "clusterName: cluster 'ghost' was not found\nmore" }));
    expect(text).toContain("refused before any change: clusterName: cluster 'ghost' was not found");
    expect(text).not.toMatch(/no updates were needed/);
  });

  test('failed or timed out before the first update: stopped, with the reason', () => {
    expect(formatSummary(report({ outcome: 'failed', error: 'boom' }))).toContain('stopped before any update started: boom');
    expect(formatSummary(report({ outcome: 'timed out' }))).not.toMatch(/no updates were needed/);
  });

  test('converged with nothing to do: no updates were needed', () => {
    expect(formatSummary(report({}))).toContain('no updates were needed');
  });
});

/** The lines the CLI wrote about a problem, without the one-line Node version note. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((l) => l.trim() !== '' && !/Node 22/.test(l));
}

/** What a new user needs from the README before the first command, and the simulator docs' AWS CLI setup and options. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIMULATOR_USAGE } from '../../src/cli/simulator-cli';

const ROOT = join(__dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const simulatorDoc = readFileSync(join(ROOT, 'docs', 'simulator.md'), 'utf8');

test('prerequisites: Node 20+ with 22+ recommended, terraform ≥ 1.4, the AWS CLI optional', () => {
  expect(readme).toMatch(/Node\.js 20 or newer; \*\*22\+ recommended\*\*/);
  expect(readme).toMatch(/`terraform` ≥ 1\.4/);
  expect(readme).toMatch(/AWS CLI is optional/);
});

test('install from the tarball the build produces', () => {
  expect(readme).toContain('npx projen build');
  // jsii-pacmak names them <name>@<version>.jsii.tgz.
  expect(readme).toMatch(/npm install \S*dist\/js\/cdktf-eks-upgrade@\*\.jsii\.tgz/);
  expect(readme).toMatch(/npm install \S*dist\/js\/cdktn-eks-upgrade@\*\.jsii\.tgz/);
});

test('"Testing your stack": Testing.synthScope, a snapshot, the jest adapter import', () => {
  const section = readme.split('## Testing your stack')[1]?.split('\n## ')[0] ?? '';
  expect(section).toContain('Testing.synthScope(');
  expect(section).toContain('toMatchSnapshot()');
  expect(section).toContain("import 'cdktf/lib/testing/adapters/jest';");
});

test('links the IAM and spec docs, which exist', () => {
  for (const doc of ['docs/iam.md', 'docs/spec.md']) {
    expect(readme).toContain(`(${doc})`);
    expect(existsSync(join(ROOT, doc))).toBe(true);
  }
});

test('the AWS CLI is pointed at the simulator with AWS_DEFAULT_REGION, which CLI v1 and v2 both read', () => {
  for (const doc of [readme, simulatorDoc]) {
    const cliSetup = doc.split('\n').filter((line) => /export AWS_ENDPOINT_URL_EKS|export .*AWS_ACCESS_KEY_ID|AWS_ENDPOINT_URL_EKS=<url>/.test(line));
    expect(cliSetup.length).toBeGreaterThan(0);
    expect(doc).toMatch(/AWS_DEFAULT_REGION=us-east-1/);
  }
});

test('docs/simulator.md lists each option `eks-upgrade simulator --help` lists, with its argument', () => {
  const synopsis = SIMULATOR_USAGE.split('\n\n')[0];
  const helpOptions = [...synopsis.matchAll(/\[(--[a-z-]+(?: [A-Z]+)?)\]/g)].map((m) => m[1]);
  const docSection = simulatorDoc.split('## Starting it')[1]?.split('\n## ')[0] ?? '';
  const docOptions = [...docSection.matchAll(/^\| `(--[a-z-]+(?: [A-Z]+)?)` \|/gm)].map((m) => m[1]);
  expect(helpOptions.length).toBeGreaterThan(0);
  expect(docOptions).toEqual(helpOptions);
});

test('"Reviewing an upgrade in a pull request": terraform plan next to eks-upgrade plan --stack on the same stack', () => {
  const section = readme.split('## Reviewing an upgrade in a pull request')[1]?.split('\n## ')[0] ?? '';
  const stackDir = /terraform -chdir=(\S+) plan/.exec(section)?.[1];
  expect(stackDir).toMatch(/^cdktf\.out\/stacks\/\w+$/);
  expect(section).toContain(`npx eks-upgrade plan --stack ${stackDir}`);
  expect(section).toContain('--cluster NAME');
});

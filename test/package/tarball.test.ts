/**
 * What `npm install cdktf-eks-upgrade` gets: the jsii library and its assembly, the bundled CLI and Lambda code, the
 * spec's JSON Schema, the README, API.md, the docs the README links, LICENSE — and nothing from the development tree.
 * Read from `npm pack --dry-run --json`, which lists the tarball without writing it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' },
  });
  return (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
}

function filesUnder(dir: string, keep: (path: string) => boolean = () => true): string[] {
  const full = join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return filesUnder(relative(ROOT, path), keep);
    return keep(name) ? [relative(ROOT, path).replace(/\\/g, '/')] : [];
  });
}

describe('the npm tarball', () => {
  let files: string[];
  beforeAll(() => {
    files = packedFiles();
  });

  test('carries the files a user needs', () => {
    for (const required of ['package.json', 'README.md', 'LICENSE', 'API.md', 'assets/cli/index.js', 'assets/lambda/index.js', 'schema/upgrade-spec-v1.schema.json', 'docs/spec.md']) {
      expect(files).toContain(required);
    }
    // Present once built (`npx projen compile`) or added: then they must ship.
    const built = [
      ...filesUnder('lib', (name) => name.endsWith('.js') || name.endsWith('.d.ts')),
      ...(existsSync(join(ROOT, '.jsii')) ? ['.jsii'] : []),
      ...filesUnder('assets'),
      ...filesUnder('schema'),
      ...filesUnder('docs', (name) => name.endsWith('.md')),
    ];
    expect(files).toEqual(expect.arrayContaining(built));
  });

  test('carries nothing else: no sources, tests, benchmarks, scripts, examples, CI or build configuration', () => {
    const allowed = [
      /^(package\.json|README\.md|LICENSE|API\.md|\.jsii)$/,
      /^lib\/.+\.(js|d\.ts)$/,
      /^assets\//,
      /^schema\/[^/]+\.json$/,
      /^docs\/[^/]+\.md$/,
      // `yaml` is a bundled dependency (see .projenrc.ts): it ships inside the package.
      /^node_modules\/yaml\//,
    ];
    expect(files.filter((path) => !allowed.some((re) => re.test(path)))).toEqual([]);
    for (const dev of ['bench/', 'scripts/', 'examples/', '.ci/', 'test/', 'src/', 'projenrc/', '.projen/', 'tsconfig.check.json', 'tsconfig.json', '.projenrc.ts']) {
      expect(files.filter((path) => path.startsWith(dev))).toEqual([]);
    }
  });

  test('bundles exactly the dependencies it declares as bundled', () => {
    const bundledNames = new Set(files.filter((p) => p.startsWith('node_modules/')).map((p) => p.split('/')[1]));
    expect([...bundledNames].sort()).toEqual([...pkg.bundledDependencies].sort());
  });
});

describe('package.json', () => {
  test('each peer range starts at the version the package is built and tested against', () => {
    for (const [name, range] of Object.entries<string>(pkg.peerDependencies)) {
      const dev: string = pkg.devDependencies[name];
      expect({ name, dev }).toEqual({ name, dev: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
      expect({ name, range }).toEqual({ name, range: `^${dev}` });
      const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
      expect({ name, installed }).toEqual({ name, installed: dev });
    }
  });

  test('Node 20 stays allowed; the CLI is the bundled one', () => {
    expect(pkg.engines.node).toBe('>= 20.0.0');
    expect(pkg.bin).toEqual({ 'eks-upgrade': 'assets/cli/index.js' });
  });
});

/**
 * The CDK Terrain flavour, `cdktn-eks-upgrade`: the same constructs built for cdktn apps. It is derived from this tree
 * by the rewrites below and nothing else, so it is never edited by hand; the engine, simulator and handler bundles
 * are shared as they are.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PROVIDER_AWS_PEER_RANGE } from '../../src/constructs/private/provider-aws';

export const ROOT = join(__dirname, '..', '..');
/** Where the flavour's package is assembled; everything in it but API.md is generated. */
export const FLAVOUR_DIR = join(ROOT, 'flavours', 'cdktn');
export const PACKAGE_NAME = 'cdktn-eks-upgrade';

/** The flavour's peer dependencies: the framework, its AWS provider (optional, as in cdktf-eks-upgrade) and constructs. */
export const PEER_DEPENDENCIES = { 'cdktn': '^0.24.0', '@cdktn/provider-aws': '^25.7.0', 'constructs': '^10.6.0' };

/**
 * The only differences between the flavours, applied in order to every derived source file. cdktf and cdktn export
 * the same names with the same shapes (0.21 and 0.24), and @cdktn/provider-aws 25 keeps every module and member the
 * constructs use from @cdktf/provider-aws 21 (both wrap hashicorp/aws 6.x), so renaming the packages is the port.
 */
export const SOURCE_REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  // The package names: 'cdktf', 'cdktf/lib/...', '@cdktf/provider-aws', 'cdktf-eks-upgrade', and prose naming cdktf.
  [/\bcdktf\b/g, 'cdktn'],
  // The provider's peer range, named in the install hint of the constructs that need it.
  [new RegExp(PROVIDER_AWS_PEER_RANGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), PEER_DEPENDENCIES['@cdktn/provider-aws']],
];

/** The library's sources: what jsii compiles (the engine, simulator and CLI ship only as bundles). */
const LIBRARY_SOURCES = ['index.ts', 'constructs', 'upgrade-spec'];
/** What the package ships besides its library, as cdktf-eks-upgrade does. */
const SHIPPED_COPIES = ['assets', 'schema', 'docs', 'README.md', 'LICENSE'];

export function rewriteSource(text: string): string {
  return SOURCE_REWRITES.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** Writes the flavour's package tree (sources, package.json, tsconfig.json, shipped files), replacing the last one. */
export function deriveFlavour(): void {
  for (const entry of existsSync(FLAVOUR_DIR) ? readdirSync(FLAVOUR_DIR) : []) {
    if (entry !== 'API.md') rmSync(join(FLAVOUR_DIR, entry), { recursive: true, force: true });
  }
  mkdirSync(FLAVOUR_DIR, { recursive: true });
  for (const source of LIBRARY_SOURCES) {
    for (const file of filesUnder(join(ROOT, 'src', source))) {
      const target = join(FLAVOUR_DIR, 'src', relative(join(ROOT, 'src'), file));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, rewriteSource(readFileSync(file, 'utf8')));
    }
  }
  for (const shipped of SHIPPED_COPIES) {
    const from = join(ROOT, shipped);
    if (existsSync(from)) cpSync(from, join(FLAVOUR_DIR, shipped), { recursive: true });
  }
  // A bundled dependency is packed from the package's own node_modules; the peers, installed at the root, are linked
  // there for jsii-docgen, which looks for dependency assemblies beside the package only (npm pack leaves them out).
  cpSync(join(ROOT, 'node_modules', 'yaml'), join(FLAVOUR_DIR, 'node_modules', 'yaml'), { recursive: true });
  for (const peer of Object.keys(PEER_DEPENDENCIES)) {
    mkdirSync(dirname(join(FLAVOUR_DIR, 'node_modules', peer)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', peer), join(FLAVOUR_DIR, 'node_modules', peer), 'dir');
  }
  copyFileSync(join(ROOT, 'tsconfig.json'), join(FLAVOUR_DIR, 'tsconfig.json'));
  writeFileSync(join(FLAVOUR_DIR, 'package.json'), `${JSON.stringify(flavourPackageJson(), null, 2)}\n`);
  writeFileSync(join(FLAVOUR_DIR, '.npmignore'), readFileSync(join(ROOT, '.npmignore'), 'utf8'));
}

function flavourPackageJson(): Record<string, unknown> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return {
    name: PACKAGE_NAME,
    description: 'CDK Terrain (cdktn) constructs that keep Amazon EKS clusters on declared versions: ordered, awaited control-plane, node-group and add-on updates. The same constructs as cdktf-eks-upgrade, for cdktn apps.',
    version: root.version,
    repository: root.repository,
    author: root.author,
    license: root.license,
    keywords: (root.keywords as string[]).map(rewriteSource),
    bin: root.bin,
    main: root.main,
    types: root.types,
    engines: root.engines,
    stability: root.stability,
    files: root.files,
    dependencies: root.dependencies,
    bundledDependencies: root.bundledDependencies,
    peerDependencies: PEER_DEPENDENCIES,
    peerDependenciesMeta: { '@cdktn/provider-aws': { optional: true } },
    // Built against the lowest peer versions, installed at the root of this tree (jsii resolves them from there).
    devDependencies: Object.fromEntries(Object.keys(PEER_DEPENDENCIES).map((name) => [name, root.devDependencies[name]])),
    jsii: root.jsii,
  };
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

if (require.main === module) deriveFlavour();

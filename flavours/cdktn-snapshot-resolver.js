// The cdktn flavour keeps its synth snapshots beside cdktf's, in __snapshots_cdktn__.
const path = require('node:path');

const DIR = '__snapshots_cdktn__';

module.exports = {
  resolveSnapshotPath: (testPath, extension) => path.join(path.dirname(testPath), DIR, `${path.basename(testPath)}${extension}`),
  resolveTestPath: (snapshotPath, extension) => path.join(path.dirname(path.dirname(snapshotPath)), path.basename(snapshotPath, extension)),
  testPathForConsistencyCheck: path.join('test', 'constructs', 'example.test.ts'),
};

import { execFileSync } from 'node:child_process';

/**
 * scripts/with-node.sh runs the bundle tests on another Node major (CI: 22, the Lambda runtime). Under it, the tests
 * and every `node` they start (the bundled CLI, terraform's local-exec) must be that Node, or the run proves nothing.
 */
const expected = process.env.EXPECTED_NODE_MAJOR;

(expected ? describe : describe.skip)(`the Node the bundles are tested on (EXPECTED_NODE_MAJOR=${expected})`, () => {
  test('jest runs on it', () => {
    expect(process.versions.node.split('.')[0]).toBe(expected);
  });

  test('a `node` started from PATH is it too', () => {
    expect(execFileSync('node', ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]).toBe(expected);
  });
});

test('the machine runs a Node the package supports (engines: >= 20)', () => {
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
});

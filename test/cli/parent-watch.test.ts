import { chainIntact, isWrapper, ProcessTable, procTable, wrapperChain } from '../../src/cli/parent-watch';

/** A process table from pid → [parent, argv]. */
function table(processes: Record<number, [number, string[]]>): ProcessTable {
  return { parentOf: (pid) => processes[pid]?.[0], argvOf: (pid) => processes[pid]?.[1] };
}

describe('isWrapper', () => {
  test.each([
    [['sh', '-c', 'node cli.js apply'], true],
    [['/bin/bash', '-c', 'eks-upgrade apply'], true],
    [['npm exec eks-upgrade apply'], true],
    [['npx', 'eks-upgrade'], true],
    [['/usr/bin/node', '/usr/lib/node_modules/npm/bin/npx-cli.js', 'eks-upgrade'], true],
    [['bash'], false],
    [['-bash'], false],
    [['terraform', 'apply'], false],
    [['node', 'runner.js'], false],
  ])('%j → %s', (argv, expected) => {
    expect(isWrapper(argv)).toBe(expected);
  });
});

describe('wrapperChain and chainIntact', () => {
  // CI (100) → npm exec (200) → sh -c (300) → this process.
  const npx = { 100: [1, ['ci-agent']], 200: [100, ['npm exec eks-upgrade apply']], 300: [200, ['sh', '-c', 'eks-upgrade apply']] } as Record<number, [number, string[]]>;

  test('watches each wrapper up to the first process that is not one', () => {
    expect(wrapperChain(table(npx), 300)).toEqual([300, 200, 100]);
  });

  test('npm gone (killed without passing the signal on): the shell below it has a new parent', () => {
    const chain = wrapperChain(table(npx), 300);
    expect(chainIntact(table(npx), 300, chain)).toBe(true);
    const { 200: _npm, ...rest } = npx;
    expect(chainIntact(table({ ...rest, 300: [1, npx[300][1]] }), 300, chain)).toBe(false);
  });

  test('terraform gone (its local-exec shell killed): this process has a new parent', () => {
    const tf = { 50: [1, ['terraform', 'apply']], 60: [50, ['/bin/sh', '-c', 'node index.js apply']] } as Record<number, [number, string[]]>;
    const chain = wrapperChain(table(tf), 60);
    expect(chain).toEqual([60, 50]);
    expect(chainIntact(table(tf), 1, chain)).toBe(false);
  });

  test('started from a login shell: only the shell is watched, not what started it', () => {
    expect(wrapperChain(table({ 10: [5, ['-bash']], 5: [1, ['sshd']] }), 10)).toEqual([10]);
  });

  test('the real process table knows this process and its parent', () => {
    expect(procTable.parentOf(process.pid) ?? process.ppid).toBe(process.ppid);
  });
});

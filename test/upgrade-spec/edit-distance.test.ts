import { editDistance, nearest } from '../../src/upgrade-spec/edit-distance';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['version', 'version', 0],
    ['verison', 'version', 1], // a swap of neighbours counts once
    ['vrsion', 'version', 1],
    ['versions', 'version', 1],
    ['varsion', 'version', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
  ])('%j to %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearest', () => {
  const keys = ['specVersion', 'clusterName', 'region', 'controlPlane', 'addons', 'nodegroups', 'policy'];
  test.each([
    ['nodeGroups', 'nodegroups'], // case alone
    ['node_groups', 'nodegroups'],
    ['addon', 'addons'],
    ['cluster_name', 'clusterName'],
    ['regoin', 'region'],
    ['polcy', 'policy'],
    ['spec_version', 'specVersion'],
  ])('%s → %s', (word, match) => {
    expect(nearest(word, keys)).toBe(match);
  });

  test.each(['zzz', 'nodes', 'cluster', 'x', 'version'])('nothing is near %s', (word) => {
    expect(nearest(word, keys)).toBeUndefined();
  });

  test('ties go to the earlier candidate', () => {
    expect(nearest('ab', ['aa', 'bb'])).toBe('aa');
    expect(nearest('ab', ['bb', 'aa'])).toBe('bb');
  });
});

import { inTypeScript, jsonSnippet } from '../../src/upgrade-spec/fix-snippet';

test('a fix is written in JSON, the spec\'s own syntax', () => {
  expect(jsonSnippet({ name: 'kube-proxy', version: 'clusterDefault' })).toBe('{ "name": "kube-proxy", "version": "clusterDefault" }');
});

test('and rewritten as the construct\'s TypeScript props for a spec written with ClusterUpgrade', () => {
  const message = `add it to addons, e.g. ${jsonSnippet({ name: 'kube-proxy', version: 'clusterDefault' })}, so it moves; or nodegroups (e.g. ${jsonSnippet({ name: 'batch' })})`;
  expect(inTypeScript(message)).toBe("add it to addons, e.g. { name: 'kube-proxy', version: AddonVersion.clusterDefault() }, so it moves; or nodegroups (e.g. { name: 'batch' })");
  expect(inTypeScript('nothing to rewrite: {"env": {"A": "1"}}')).toBe('nothing to rewrite: {"env": {"A": "1"}}');
});

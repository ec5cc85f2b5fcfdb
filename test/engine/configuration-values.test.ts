import { sameConfigurationValues } from '../../src/engine/configuration-values';

describe('sameConfigurationValues', () => {
  test.each([
    ['the same JSON', '{"replicaCount":3}', '{"replicaCount":3}'],
    ['JSON with another key order and layout', '{ "env": {"A": "1", "B": "2"} }', '{"env":{"B":"2","A":"1"}}'],
    ['YAML and the JSON EKS hands back', 'replicaCount: 3\nresources:\n  limits:\n    memory: 256Mi\n', '{"resources":{"limits":{"memory":"256Mi"}},"replicaCount":3}'],
    ['YAML flow and block style', '{env: {WARM_IP_TARGET: "5"}}', 'env:\n  WARM_IP_TARGET: "5"'],
    ['YAML comments', '# warm pool\nenv: {WARM_IP_TARGET: "5"} # five\n', '{"env":{"WARM_IP_TARGET":"5"}}'],
    ['lists in the same order', '{"tolerations":[{"key":"a"},{"key":"b"}]}', 'tolerations:\n  - key: a\n  - key: b\n'],
    ['absent and empty', undefined, ''],
    ['absent and {}', undefined, '{}'],
    ['empty and {}', '', '{}'],
    ['whitespace and an empty YAML mapping', '  \n', '{ }'],
    ['both absent', undefined, undefined],
    ['the same unparseable text', 'replicas: [3', 'replicas: [3'],
  ])('ADDON-SETTINGS-CONTENT: %s are the same', (_name, a, b) => {
    expect(sameConfigurationValues(a, b)).toBe(true);
    expect(sameConfigurationValues(b, a)).toBe(true);
  });

  test.each([
    ['another value', '{"replicaCount":3}', '{"replicaCount":2}'],
    ['a number and a string', '{"replicaCount":3}', 'replicaCount: "3"'],
    ['YAML 1.2 strings that YAML 1.1 read as booleans', 'enabled: yes', '{"enabled":true}'],
    ['another key', '{"env":{"A":"1"}}', '{"env":{"B":"1"}}'],
    ['an extra key', '{"env":{"A":"1"}}', '{"env":{"A":"1","B":"2"}}'],
    ['lists in another order', 'tolerations: [a, b]', 'tolerations: [b, a]'],
    ['a configuration and none', '{"replicaCount":3}', undefined],
    ['a configuration and {}', 'replicaCount: 3', '{}'],
    ['unparseable text and a document', 'replicas: [3', '{"replicas":[3]}'],
    ['two unparseable texts', 'replicas: [3', 'replicas: [4'],
  ])('ADDON-SETTINGS-CONTENT: %s differ', (_name, a, b) => {
    expect(sameConfigurationValues(a, b)).toBe(false);
    expect(sameConfigurationValues(b, a)).toBe(false);
  });
});

/**
 * The jsii enums are what users write; the spec's words are what the handler reads. A construct enum with a word the
 * parser refuses would fail only at the synth of an app that uses it, so each enum is compared with its field here.
 */
import {
  DataPlanePolicy, EvictionsPolicy, InsightsPolicy, ResolveConflicts, UpdateStrategy,
} from '../../src';
import { SPEC_VALUES, SpecValueField } from '../../src/upgrade-spec/spec-keys';

test.each([
  ['policy.insights', InsightsPolicy],
  ['policy.dataPlane', DataPlanePolicy],
  ['policy.evictions', EvictionsPolicy],
  ['nodegroups[].evictions', EvictionsPolicy],
  ['addons[].resolveConflicts', ResolveConflicts],
  ['nodegroups[].updateConfig.updateStrategy', UpdateStrategy],
] as Array<[SpecValueField, Record<string, string>]>)('%s: the construct enum has exactly the words the spec accepts', (field, values) => {
  expect(Object.values(values).sort()).toEqual([...SPEC_VALUES[field]].sort());
});

test('every field that takes one of a few words has its construct enum above', () => {
  expect(Object.keys(SPEC_VALUES).sort()).toEqual([
    'addons[].resolveConflicts', 'nodegroups[].evictions', 'nodegroups[].updateConfig.updateStrategy', 'policy.dataPlane', 'policy.evictions', 'policy.insights',
  ]);
});

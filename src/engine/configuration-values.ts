import { isDeepStrictEqual } from 'node:util';
import { parseConfigurationDocument } from '../upgrade-spec/configuration-document';

/**
 * ADDON-SETTINGS-CONTENT: whether two add-on configurationValues say the same thing. EKS accepts JSON or YAML
 * (https://docs.aws.amazon.com/eks/latest/userguide/creating-an-add-on.html) and hands back the text it was given, so
 * the parsed documents are compared: key order and layout do not matter, the values and their types do. Absent,
 * empty and `{}` all mean "no configuration" — `--configuration-values '{}'` "sets all custom configuration back to
 * the default values" (https://docs.aws.amazon.com/eks/latest/userguide/updating-an-add-on.html). Text that parses
 * as neither compares as text.
 */
export function sameConfigurationValues(a: string | undefined, b: string | undefined): boolean {
  const x = readConfiguration(a);
  const y = readConfiguration(b);
  if (x.kind === 'document' && y.kind === 'document') return isDeepStrictEqual(x.value, y.value);
  return x.kind === 'text' && y.kind === 'text' && x.text === y.text;
}

type Reading = { kind: 'document'; value: unknown } | { kind: 'text'; text: string };

function readConfiguration(text: string | undefined): Reading {
  if (text === undefined) return { kind: 'document', value: {} };
  const doc = parseConfigurationDocument(text);
  if (!doc.ok) return { kind: 'text', text };
  // Both parsers build plain objects and arrays, so the documents compare as they are.
  return { kind: 'document', value: doc.value === null ? {} : doc.value };
}

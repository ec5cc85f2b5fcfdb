import { parse as parseYaml } from 'yaml';

/**
 * ADDON-SETTINGS-CONTENT: an add-on's configurationValues as EKS reads them — JSON or YAML text. The user guide's
 * create-add-on page gives the same settings "in JSON format" and "in YAML format", and passes a YAML file to
 * `aws eks create-addon --configuration-values 'file://example.yaml'`
 * (https://docs.aws.amazon.com/eks/latest/userguide/creating-an-add-on.html).
 */
export type ConfigurationDocument =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/**
 * Parses configuration text as JSON, else as YAML (YAML 1.2, one document, unique keys). JSON goes first so that any
 * JSON EKS accepts is read as JSON even where YAML would differ (tab indentation). Empty text reads as null.
 */
export function parseConfigurationDocument(text: string): ConfigurationDocument {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (jsonError) {
    try {
      return { ok: true, value: parseYaml(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error' }) };
    } catch (yamlError) {
      // Text that opens with { or [ may be meant as JSON or as YAML flow style: both parsers' words help then.
      const yaml = `YAML: ${firstLine((yamlError as Error).message)}`;
      return { ok: false, error: /^\s*[{[]/.test(text) ? `JSON: ${firstLine((jsonError as Error).message)}; ${yaml}` : yaml };
    }
  }
}

/** True for a mapping (a JSON object or YAML map), the only shape an add-on's configuration schema accepts. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parser's message without the source excerpt the YAML parser appends after "line L, column C:". */
function firstLine(message: string): string {
  return message.split('\n')[0].trim().replace(/:$/, '');
}

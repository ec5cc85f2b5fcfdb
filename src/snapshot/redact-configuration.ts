import { parseConfigurationDocument } from '../upgrade-spec/configuration-document';

/** Setting names that hold secrets by convention (a Helm-style `password`, `apiKey`, `clientSecret`…). */
const SECRET_NAME = /password|passwd|secret|token|credential|private[-_]?key|api[-_]?key|access[-_]?key/i;
/** Values that are secrets whatever their setting's name: AWS access key ids and PEM private keys. */
const SECRET_VALUE = /\b(AKIA|ASIA)[\p{Lu}\d]{16}\b|-----BEGIN [\p{Lu} ]*PRIVATE KEY-----/u;

export const REDACTED = '<redacted by eks-upgrade snapshot>';

export interface Redaction {
  /** The text to write: the original when nothing was redacted, so it compares as EKS returned it. */
  readonly text: string;
  /** The dotted paths of the settings replaced. */
  readonly redacted: readonly string[];
}

/**
 * An add-on's configurationValues with secret-looking string settings replaced by REDACTED: a seed may
 * hold names, versions and ARNs, never a secret. Text that parses as neither JSON nor YAML is dropped whole if it
 * holds a secret-looking value.
 */
export function redactConfiguration(text: string): Redaction {
  const doc = parseConfigurationDocument(text);
  if (!doc.ok) return SECRET_VALUE.test(text) ? { text: '{}', redacted: ['(unparsed text)'] } : { text, redacted: [] };
  const redacted: string[] = [];
  const walk = (value: unknown, path: string, secretName: boolean): unknown => {
    if (typeof value === 'string') {
      if (secretName || SECRET_VALUE.test(value)) {
        redacted.push(path || '(value)');
        return REDACTED;
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`, secretName));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k, secretName || SECRET_NAME.test(k))]));
    }
    return value;
  };
  const value = walk(doc.value, '', false);
  return redacted.length === 0 ? { text, redacted } : { text: JSON.stringify(value), redacted };
}

/**
 * A spec fragment suggested in an error ("add it to addons, e.g. …"), written in the syntax of where the user wrote
 * the spec. Messages are built in JSON, the spec's own syntax (a --spec file); an entry point whose user wrote
 * TypeScript (the ClusterUpgrade construct, whose runner hands the spec over in EKS_UPGRADE_SPEC) rewrites them with
 * inTypeScript.
 */
export function jsonSnippet(fragment: Readonly<Record<string, string>>): string {
  return `{ ${Object.entries(fragment).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
}

/** How the construct API spells each string value: add-on versions are AddonVersion values, the rest plain strings. */
function typescriptValue(key: string, value: string): string {
  if (key === 'version' && (value === 'clusterDefault' || value === 'latest')) return `AddonVersion.${value}()`;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Every snippet jsonSnippet wrote in `message`, as a TypeScript object literal of the construct's props. */
export function inTypeScript(message: string): string {
  return message.replace(/\{ ("[^"\\]*": "[^"\\]*"(?:, "[^"\\]*": "[^"\\]*")*) \}/g, (whole: string, body: string) => {
    try {
      const fragment = JSON.parse(`{${body}}`) as Record<string, string>;
      return `{ ${Object.entries(fragment).map(([k, v]) => `${k}: ${typescriptValue(k, v)}`).join(', ')} }`;
    } catch {
      return whole;
    }
  });
}

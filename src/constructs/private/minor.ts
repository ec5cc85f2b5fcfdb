import { isMinorVersion } from '../../upgrade-spec/kubernetes-minor';

/** Why a string is not a Kubernetes minor version, with the fix, or undefined when it is one. */
export function describeBadMinor(value: string): string | undefined {
  if (typeof value === 'string' && isMinorVersion(value)) return undefined;
  const text = String(value);
  const m = /^\s*v?(\d+)\.(\d+)(\.\d+\S*)?\s*$/i.exec(text);
  if (m && Number(m[1]) === 1) {
    const fixed = `1.${Number(m[2])}`;
    const reasons: string[] = [];
    if (/^\s*v/i.test(text)) reasons.push('no leading v');
    if (m[3]) reasons.push('no patch level: EKS manages patches itself');
    const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
    return `'${text}' is not a Kubernetes minor version: use ${fixed}, not v${fixed} / ${fixed}.2${why}`;
  }
  return `'${text}' is not a Kubernetes minor version: use the form 1.31, not v1.31 / 1.31.2`;
}

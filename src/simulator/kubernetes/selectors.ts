import { KubeError } from './kube-status';

/**
 * `labelSelector` and `fieldSelector` of list requests, as the Kubernetes API parses them
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors and
 * .../field-selectors/): comma-separated requirements that must all hold.
 */
export type Requirement = (labels: Record<string, string>) => boolean;

export function parseLabelSelector(text: string | undefined): Requirement {
  if (text === undefined || text.trim() === '') return () => true;
  const terms = splitTerms(text).map(parseLabelTerm);
  return (labels) => terms.every((t) => t(labels));
}

function parseLabelTerm(term: string): Requirement {
  const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key, op, list] = set;
    const values = new Set(list.split(',').map((v) => v.trim()).filter((v) => v !== ''));
    return op === 'in' ? (l) => key in l && values.has(l[key]) : (l) => !(key in l) || !values.has(l[key]);
  }
  const cmp = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (cmp) {
    const [, key, op, value] = cmp;
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  const exists = /^(!?)([\w./-]+)$/.exec(term);
  if (exists) return exists[1] ? (l) => !(exists[2] in l) : (l) => exists[2] in l;
  throw new KubeError(400, 'BadRequest', `unable to parse requirement: ${term}`);
}

/** Field selectors address the fields each resource indexes; `fields` maps those names to an object's values. */
export function parseFieldSelector(text: string | undefined, supported: readonly string[]): (fields: Record<string, string>) => boolean {
  if (text === undefined || text.trim() === '') return () => true;
  const terms = splitTerms(text).map((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new KubeError(400, 'BadRequest', `invalid selector: '${text}'; can't understand '${term}'`);
    const [, field, op, value] = m;
    if (!supported.includes(field)) throw new KubeError(400, 'BadRequest', `field label not supported: ${field}`);
    return (f: Record<string, string>) => (op === '!=' ? f[field] !== value : f[field] === value);
  });
  return (fields) => terms.every((t) => t(fields));
}

/** Splits on commas outside parentheses (`env in (a,b),tier=web` is two terms). */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current.trim());
  return terms.filter((t) => t !== '');
}

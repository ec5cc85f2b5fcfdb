/**
 * The spec fields that differ between two inputs, as paths such as `controlPlane.version`,
 * `nodegroups[general].releaseVersion` or `addons[coredns]` (added or removed). Lists of named items (add-ons,
 * node groups) are matched by name, so reordering them is no change; other lists compare as a whole. A field that
 * is absent and one that is null are the same. Pure: it reads nothing else.
 */
export function specDiff(previous: unknown, current: unknown): string[] {
  const changed: string[] = [];
  walk(previous, current, '', changed);
  return changed;
}

function walk(a: unknown, b: unknown, path: string, out: string[]): void {
  if (same(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of unionKeys(Object.keys(b), Object.keys(a))) walk(a[key], b[key], path ? `${path}.${key}` : key, out);
    return;
  }
  const namedA = byName(a);
  const namedB = byName(b);
  if (namedA && namedB) {
    for (const name of unionKeys([...namedB.keys()], [...namedA.keys()])) walk(namedA.get(name), namedB.get(name), `${path}[${name}]`, out);
    return;
  }
  out.push(path || '(the whole input)');
}

/** Keys of `first` in order, then those only in `second`. */
function unionKeys(first: string[], second: string[]): string[] {
  return [...first, ...second.filter((k) => !first.includes(k))];
}

/** A list whose items are objects with distinct string names, by name; otherwise undefined. */
function byName(v: unknown): Map<string, unknown> | undefined {
  if (!Array.isArray(v)) return undefined;
  const map = new Map<string, unknown>();
  for (const item of v) {
    if (!isObject(item) || typeof item.name !== 'string' || map.has(item.name)) return undefined;
    map.set(item.name, item);
  }
  return map;
}

function same(a: unknown, b: unknown): boolean {
  if (isAbsent(a) && isAbsent(b)) return true;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Key order and absent-vs-null do not matter for equality. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => !isAbsent(v[k])).map((k) => [k, canonical(v[k])]));
  }
  return v;
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

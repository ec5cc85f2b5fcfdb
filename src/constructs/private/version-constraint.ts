/**
 * Terraform version constraints (`>= 1.14.1`, `~> 6.0`, `= 5.100.0`, comma-separated), read only as far as the
 * runners need: the highest and lowest versions a constraint admits. Internal: not part of the jsii API.
 */

type Version = [number, number, number];
interface Bound {
  readonly version: Version;
  readonly inclusive: boolean;
}

const PART = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?\s*$/;

/** A constraint's parts, or undefined when a part is not a version constraint (e.g. an unresolved token). */
function parse(constraint: string): Array<{ op: string; version: Version; given: number }> | undefined {
  const parts = constraint.split(',').map((p) => PART.exec(p));
  if (parts.some((p) => p === null)) return undefined;
  return parts.map((m) => ({
    op: m![1] ?? '=',
    version: [Number(m![2]), Number(m![3] ?? 0), Number(m![4] ?? 0)],
    given: m![4] !== undefined ? 3 : m![3] !== undefined ? 2 : 1,
  }));
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function parseVersion(text: string): Version {
  const [major, minor, patch] = text.split('.').map(Number);
  return [major, minor ?? 0, patch ?? 0];
}

/** Whether the constraint admits some version at or above `minimum`; undefined when it cannot be read. */
export function admitsAtLeast(constraint: string, minimum: string): boolean | undefined {
  const parts = parse(constraint);
  if (parts === undefined) return undefined;
  const min = parseVersion(minimum);
  const uppers: Bound[] = parts.flatMap(({ op, version, given }): Bound[] => {
    if (op === '=' || op === '<=') return [{ version, inclusive: true }];
    if (op === '<') return [{ version, inclusive: false }];
    // ~> 6 and ~> 6.0 allow up to the next major; ~> 6.15.0 up to the next minor.
    if (op === '~>') return [{ version: given === 3 ? [version[0], version[1] + 1, 0] : [version[0] + 1, 0, 0], inclusive: false }];
    return [];
  });
  return uppers.every((u) => compare(u.version, min) > 0 || (u.inclusive && compare(u.version, min) === 0));
}

/** Whether the constraint admits some version below `minimum`; undefined when it cannot be read. */
export function admitsBelow(constraint: string, minimum: string): boolean | undefined {
  const parts = parse(constraint);
  if (parts === undefined) return undefined;
  const min = parseVersion(minimum);
  const lowers: Version[] = parts.flatMap(({ op, version }): Version[] => {
    if (op === '=' || op === '>=' || op === '~>') return [version];
    if (op === '>') return [[version[0], version[1], version[2] + 1]];
    return [];
  });
  return lowers.every((l) => compare(l, min) < 0);
}

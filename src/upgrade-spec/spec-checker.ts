import { nearest } from './edit-distance';
import { isMinorVersion } from './kubernetes-minor';
import { SPEC_KEYS, SPEC_VALUES, SpecObject, SpecValueField } from './spec-keys';

/** One thing wrong with a spec: the field's path (e.g. `nodegroups[1].launchTemplate`) and what to do. */
export interface SpecProblem {
  readonly field: string;
  readonly message: string;
  /** The docs/eks-rules.md id of the EKS rule behind the refusal, when there is one. */
  readonly rule?: string;
}

/**
 * Gathers every problem of one spec, so a user fixes it in one round rather than one error per apply. Values the
 * caller marks unresolved (synth-time tokens) are not checked: Terraform knows them only at apply.
 */
export class SpecChecker {
  readonly problems: SpecProblem[] = [];

  constructor(readonly skip: (value: unknown) => boolean) {}

  /** A value that is there and can be checked now. */
  known(value: unknown): boolean {
    return value !== undefined && value !== null && !this.skip(value);
  }

  fail(field: string, message: string, rule?: string): void {
    this.problems.push(rule === undefined ? { field, message } : { field, message, rule });
  }

  /** A misspelt key would otherwise be ignored silently (`nodeGroups` drops every node group, `verison` means latest). */
  keys(object: Record<string, unknown>, path: string, kind: SpecObject): void {
    const valid = SPEC_KEYS[kind];
    for (const key of Object.keys(object)) {
      if (valid.includes(key)) continue;
      const segment = keyPath(key);
      const field = path === '' || segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
      const where = path === '' ? 'the spec' : path;
      const guess = nearest(key, valid);
      this.fail(field, guess === undefined
        ? `unknown key ${JSON.stringify(key)} in ${where}: remove it; the keys there are ${valid.join(', ')}`
        : `unknown key ${JSON.stringify(key)} in ${where}: did you mean ${JSON.stringify(guess)}?`);
    }
  }

  minor(value: unknown, field: string, alternative = ''): void {
    if (!this.known(value)) {
      if (value === undefined || value === null) this.fail(field, `is required: a Kubernetes minor version such as 1.31${alternative}`);
      return;
    }
    if (typeof value !== 'string' || !isMinorVersion(value)) {
      this.fail(field, `${JSON.stringify(value)} is not a Kubernetes minor version: use the form 1.31 (no patch, no leading v)${alternative}`);
    }
  }

  /** A field that takes one of a few words (`kind` names its list in SPEC_VALUES). */
  oneOf(value: unknown, field: string, kind: SpecValueField, rule?: string): void {
    const words = SPEC_VALUES[kind];
    if (this.known(value) && !words.includes(value as string)) this.fail(field, `${JSON.stringify(value)} is not one of ${words.join(', ')}`, rule);
  }

  boolean(value: unknown, field: string): void {
    if (this.known(value) && typeof value !== 'boolean') this.fail(field, `${JSON.stringify(value)} must be true or false`);
  }

  name(value: unknown, field: string, what: string): void {
    if (this.skip(value)) return;
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, `is required: ${what}`);
  }

  /** Each item of a list of objects, and names that appear twice (`key` picks an item's name). */
  list(value: unknown, field: string, each: (item: any, field: string) => void, key: (item: any) => unknown): void {
    if (value === undefined || this.skip(value)) return;
    if (!Array.isArray(value)) {
      this.fail(field, 'must be a list');
      return;
    }
    const seen = new Map<unknown, number>();
    value.forEach((item, i) => {
      const f = `${field}[${i}]`;
      if (!isObject(item)) {
        this.fail(f, 'must be an object');
        return;
      }
      each(item, f);
      const k = key(item);
      if (typeof k === 'string' && !this.skip(k)) {
        if (seen.has(k)) this.fail(f, `duplicates ${field}[${seen.get(k)}] ('${k}'): each name may appear once; merge the two`);
        else seen.set(k, i);
      }
    });
  }
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** A key as a path segment: plain when it is a name, quoted in brackets otherwise. */
function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/**
 * The upgrade spec of a synthesized stack (`cdktf.out/stacks/<name>`), so that a reviewer can run `eks-upgrade plan
 * --stack` next to `terraform plan` and see the EKS updates a pull request would make, with no spec file to write.
 *
 * `ClusterUpgrade` keeps its spec in a Terraform local (`locals` in `cdk.tf.json`), which every runner refers to. The
 * spec may hold Terraform references; those whose value the configuration itself fixes are resolved here (another
 * local, a variable's default, a literal argument of a resource, such as `aws_eks_cluster.main.name`). A value
 * Terraform knows only at apply (a launch template's `latest_version`, a data source) cannot be planned before the
 * apply, so the spec is refused, naming each such field.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors/run-errors';

/** What a synthesized stack's `cdk.tf.json` holds, as far as resolving a spec needs. */
interface StackJson {
  locals?: Record<string, unknown>;
  variable?: Record<string, { default?: unknown }>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** A whole-string Terraform interpolation: `${local.x}`. */
const WHOLE_REFERENCE = /^\$\{([^{}]+)\}$/;
/** Any interpolation inside a string, skipping the escaped `$${`. */
const ANY_INTERPOLATION = /(?<!\$)\$\{([^{}]*)\}/g;

/**
 * The spec in the stack at `path` (a stack directory or its `cdk.tf.json`), for cluster `cluster` when the stack
 * upgrades several, with every reference resolved.
 *
 * @throws InputError naming the path and, when the spec cannot be planned before apply, every unresolved field
 */
export function readStackSpec(path: string, cluster?: string): unknown {
  const file = stackFile(path);
  let tf: StackJson;
  try {
    tf = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`--stack ${path}: ${file} is not valid JSON (${(e as Error).message}); run cdktf synth again`);
  }
  const specs = Object.entries(tf.locals ?? {}).filter(([, v]) => isSpec(v)) as Array<[string, Record<string, unknown>]>;
  if (specs.length === 0) throw new InputError(`--stack ${path}: the stack holds no upgrade spec (no ClusterUpgrade in it); pass the stack of the ClusterUpgrade, or --spec FILE`);
  const names = specs.map(([, s]) => String(s.clusterName));
  const chosen = cluster === undefined ? (specs.length === 1 ? specs[0] : undefined) : specs.find(([, s]) => s.clusterName === cluster);
  if (chosen === undefined) {
    const why = cluster === undefined ? 'upgrades several clusters' : `upgrades no cluster named '${cluster}'`;
    throw new InputError(`--stack ${path}: the stack ${why} (${names.join(', ')}); choose one with --cluster NAME`);
  }
  const unresolved: string[] = [];
  const spec = resolveValue(chosen[1], tf, '', unresolved, new Set([chosen[0]]));
  if (unresolved.length > 0) {
    throw new InputError(`--stack ${path}: the spec holds values Terraform knows only at apply, so it cannot be planned now: ${unresolved.join('; ')}; give them as fixed values, or write the spec with them to a file and pass --spec FILE`);
  }
  return spec;
}

/** The stack's `cdk.tf.json`: `path` itself, or the file in the directory `path`. */
function stackFile(path: string): string {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new InputError(`--stack ${path}: no such directory; pass a synthesized stack, e.g. cdktf.out/stacks/<name> (run cdktf synth first)`);
  }
  const file = isDirectory ? join(path, 'cdk.tf.json') : path;
  try {
    statSync(file);
  } catch {
    throw new InputError(`--stack ${path}: no cdk.tf.json in it; pass a synthesized stack, e.g. cdktf.out/stacks/<name> (run cdktf synth first)`);
  }
  return file;
}

function isSpec(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && 'specVersion' in value && 'clusterName' in value && 'controlPlane' in value;
}

/** A value with its references resolved; each one that cannot be is added to `unresolved` as `field = expression`. */
function resolveValue(value: unknown, tf: StackJson, field: string, unresolved: string[], seen: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveValue(v, tf, `${field}[${i}]`, unresolved, seen));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, tf, field === '' ? k : `${field}.${k}`, unresolved, seen)]));
  }
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const whole = WHOLE_REFERENCE.exec(value);
  if (whole) {
    const target = lookup(whole[1].trim(), tf, seen);
    if (target.found) return resolveValue(target.value, tf, field, unresolved, new Set([...seen, whole[1]]));
    unresolved.push(`${field} = ${value}`);
    return value;
  }
  let complete = true;
  const text = value.replace(ANY_INTERPOLATION, (match, expression: string) => {
    const target = lookup(expression.trim(), tf, seen);
    if (target.found && ['string', 'number', 'boolean'].includes(typeof target.value) && !String(target.value).includes('${')) return String(target.value);
    complete = false;
    return match;
  });
  // An expression with braces of its own (a function call on an object) is not a traversal: never resolved here.
  if (!complete || /(?<!\$)\$\{/.test(text)) {
    unresolved.push(`${field} = ${value}`);
    return value;
  }
  // Terraform's escape for a literal "${" in a string.
  return text.replace(/\$\$\{/g, '${');
}

/** The value a traversal (`local.x`, `var.x`, `type.name.attribute`) has in the configuration, when it fixes one. */
function lookup(expression: string, tf: StackJson, seen: Set<string>): { found: boolean; value?: unknown } {
  if (seen.has(expression)) return { found: false };
  const parts = expression.split('.');
  if (!parts.every((p) => /^[A-Za-z_][\w-]*$/.test(p))) return { found: false };
  const [head, name, attribute, ...rest] = parts;
  if (head === 'local' && parts.length === 2 && tf.locals && name in tf.locals) return { found: true, value: tf.locals[name] };
  if (head === 'var' && parts.length === 2 && tf.variable?.[name]?.default !== undefined) return { found: true, value: tf.variable[name].default };
  // A resource argument given literally in the configuration has that value in the state, too.
  const argument = tf.resource?.[head]?.[name]?.[attribute];
  if (attribute !== undefined && rest.length === 0 && argument !== undefined && typeof argument !== 'object') return { found: true, value: argument };
  return { found: false };
}
